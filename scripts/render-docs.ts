/**
 * Regenerates docs/export-*.png: one page image per document type, rendered the way CI checks them
 * (LibreOffice + ../shared/tools/fonts.conf → PDF → pdftoppm). `npm run docs:render`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentRequest } from '../shared/contract/export';
import { loadDemo } from '../electron/core/demo/demo';
import { SAMPLE_NOTICE } from '../shared/contract/export';
import { testCore, must } from '../tests/helpers/core';
import { docxToPdf, pdfToPng } from '../tests/helpers/render';

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
  ];
  fs.mkdirSync(DOCS, { recursive: true });
  for (const [name, request] of jobs) {
    const r = await must(core, 'export.document', { request });
    const { pdf, dir } = docxToPdf(Buffer.from(r.file.base64, 'base64'), name);
    const [first] = pdfToPng(pdf, path.join(dir, 'page'), 80, { first: 1, last: 1 });
    fs.copyFileSync(first, path.join(DOCS, `export-${name}.png`));
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`docs/export-${name}.png  ← ${r.file.fileName}`);
  }
} finally {
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
}
