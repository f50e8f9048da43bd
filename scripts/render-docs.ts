/**
 * Regenerates docs/export-*.png: one page image per document type, rendered the way CI checks them
 * (LibreOffice + ../shared/tools/fonts.conf → PDF → pdftoppm). `npm run docs:render`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { DocumentRequest } from '../shared/contract/export';
import type { HonoursExportKind } from '../shared/contract/honours';
import { loadDemo } from '../electron/core/demo/demo';
import { SAMPLE_NOTICE, SAMPLE_REPORT } from '../shared/contract/export';
import { TEST_DOCUMENT_SETTINGS, testCore, must } from '../tests/helpers/core';
import { docxToPdf, pdfLayout, pdfToPng } from '../tests/helpers/render';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOCS = path.resolve(here, '../docs');

const core = testCore();
try {
  await loadDemo(core.ctx, 300, 7);
  const org = (await must(core, 'orgs.list', { partyOrg: 'built', limit: 1 })).rows[0];
  const jobs: [string, DocumentRequest][] = [
    ['ledger', { kind: 'ledger', filter: {} }],
    ['org-card', { kind: 'orgCard', orgIds: [org.id] }],
    ['unbuilt', { kind: 'unbuilt' }],
    ['coverage', { kind: 'coverage' }],
    ['notice', { kind: 'notice', notice: SAMPLE_NOTICE }],
    ['report', { kind: 'notice', notice: SAMPLE_REPORT }],
    // 加盖印章: the page with the 署名 and 日期 (not the first).
    ['notice-sealed', { kind: 'notice', notice: { ...SAMPLE_NOTICE, sealed: true } }],
  ];
  /** Pages other than the first: the one showing this line. */
  const showing: Record<string, string> = { 'notice-sealed': TEST_DOCUMENT_SETTINGS.signature };
  const files: [string, { fileName: string; base64: string }][] = [];
  for (const [name, request] of jobs) files.push([name, (await must(core, 'export.document', { request })).file]);
  // The debriefing documents (the compilation's first page is the contents list with page numbers), the
  // instructors' and the honours documents: every document type has its page.
  files.push(['compilation', await must(core, 'debriefing.export', { kind: 'report-compilation', year: 2025 })]);
  for (const kind of ['plan', 'ballot-form', 'ballot-summary', 'debriefing-results', 'rectification-list'] as const) files.push([`debriefing-${kind}`, await must(core, 'debriefing.export', { kind, year: 2025 })]);
  files.push(['instructor-notice', await must(core, 'instructors.exportNotice', {})]);
  files.push(['instructor-roster', await must(core, 'instructors.exportRoster', {})]);
  // The visit summary of the instructor with the most visits (the demo's visits run over the last years).
  const instructor = core.ctx.db.prepare('SELECT instructor_id FROM instructor_visits GROUP BY instructor_id ORDER BY COUNT(*) DESC, instructor_id LIMIT 1').pluck().get() as number;
  files.push(['instructor-visits', await must(core, 'instructors.exportVisits', { instructorId: instructor, from: '2020-01-01', to: core.ctx.clock.today() })]);
  // The honours documents, each for the year the demo fills (ratings closed for 2025; 整顿 and 书记项目 run in 2026).
  const honours: [HonoursExportKind, number][] = [
    ['star-summary', 2025],
    ['weak-ledger', 2026],
    ['model-decision', 2025],
    ['project-acceptance', 2026],
  ];
  for (const [kind, year] of honours) files.push([`honours-${kind}`, await must(core, 'rating.export', { kind, year })]);
  // 立项书 export as a .zip of one .docx a project: the first one shows the form.
  const charters = await must(core, 'rating.export', { kind: 'project-charters', year: 2026 });
  const [charterName, charter] = Object.entries(unzipSync(Buffer.from(charters.base64, 'base64')))[0];
  files.push(['honours-project-charter', { fileName: charterName, base64: Buffer.from(charter).toString('base64') }]);
  // The 版记 page of the notice: its last page.
  showing['notice-colophon'] = '2026年11月22日印发';
  files.push(['notice-colophon', (await must(core, 'export.document', { request: { kind: 'notice', notice: SAMPLE_NOTICE } })).file]);
  fs.mkdirSync(DOCS, { recursive: true });
  for (const [name, r] of files) {
    const { pdf, dir } = docxToPdf(Buffer.from(r.base64, 'base64'), name);
    const line = showing[name];
    const n = line ? pdfLayout(pdf).findIndex((p) => p.lines.some((l) => l.text.endsWith(line))) + 1 : 1;
    if (n < 1) throw new Error(`${name}：找不到“${line}”所在的页`);
    const [png] = pdfToPng(pdf, path.join(dir, 'page'), 80, { first: n, last: n });
    fs.copyFileSync(png, path.join(DOCS, `export-${name}.png`));
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`docs/export-${name}.png  ← ${r.fileName}${n > 1 ? `（第 ${n} 页）` : ''}`);
  }
} finally {
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
}
