/**
 * The debriefing documents rendered like every export: LibreOffice with ../shared/tools/fonts.conf, measured
 * with poppler. The sample data's complete 2025 cycle (21 debriefers, every report written) is the input.
 */
import { describe, expect, it } from 'vitest';
import type { DebriefingExportKind } from '../../shared/contract/debriefing';
import { loadDemo } from '../../electron/core/demo/demo';
import { TEST_DOCUMENT_SETTINGS, must, testCore } from '../helpers/core';
import { pdfFonts, pdfLayout } from '../helpers/render';
import { expectA4, MAPPED_FONTS, renderedPdfs } from '../helpers/renderSuite';

const core = testCore({ today: '2026-11-22' });
let debriefers: { id: number; name: string; person: string | null }[] = [];
/** Report paragraphs long enough to run over pages, so the contents' page numbers are not simply 3, 4, 5 … */
const LONG = Array.from({ length: 14 }, (_, i) => `${i + 1}. 坚持把党建工作纳入单位发展总体布局，年初制定党建工作计划，每季度专题研究党建工作，落实三会一课制度，规范党费收缴和组织关系管理，推动党建工作与生产经营深度融合。`).join('\n');

const pdfs = renderedPdfs(core, async () => {
  loadDemo(core.ctx, 80, 7);
  const cycle = (await must(core, 'debriefing.cycles', {})).find((c) => c.year === 2025)!;
  debriefers = (await must(core, 'debriefing.cycle', { id: cycle.id })).debriefers;
  for (const d of [debriefers[1], debriefers[4]]) await must(core, 'debriefing.saveReport', { id: d.id, text: LONG });
  const kinds: DebriefingExportKind[] = ['plan', 'ballot-form', 'ballot-summary', 'debriefing-results', 'rectification-list', 'report-compilation'];
  const files: Record<string, Uint8Array> = {};
  for (const kind of kinds) files[kind] = Buffer.from((await must(core, 'debriefing.export', { kind, year: 2025 })).base64, 'base64');
  return files;
});

const text = (pdf: string) => pdfLayout(pdf).map((p) => p.lines.map((l) => l.text).join('\n'));

describe('rendered debriefing documents', () => {
  it('summary tables are landscape A4 with the header row on every page; notice and forms are portrait', () => {
    expectA4(pdfs, { landscape: ['ballot-summary', 'debriefing-results', 'rectification-list'], portrait: ['plan', 'ballot-form', 'report-compilation'] });
    const results = text(pdfs['debriefing-results']);
    expect(results.length).toBeGreaterThanOrEqual(2);
    for (const page of results) expect(page).toContain('评定说明');
  });

  it('prints one blank ballot page per debriefer with every item', () => {
    const pages = text(pdfs['ballot-form']);
    expect(pages).toHaveLength(debriefers.length);
    for (const page of pages) for (const item of ['总体评价', '党员教育管理']) expect(page).toContain(item);
  });

  it('compiles each report on its own pages after a contents list', () => {
    const pages = text(pdfs['report-compilation']);
    expect(pages[0]).toContain('目');
    const reportPages = pages.filter((p) => p.split('\n').includes('述职报告'));
    expect(reportPages).toHaveLength(debriefers.length);
    // Each report starts a page: its title (unit, then 述职报告) opens that page.
    for (const p of reportPages) expect(p.split('\n').indexOf('述职报告')).toBeLessThanOrEqual(2);
  });

  it('the contents list gives the page each report title is rendered on (PAGEREF to the title bookmarks)', () => {
    const pages = pdfLayout(pdfs['report-compilation']);
    const lines = pages.map((p) => p.lines.map((l) => l.text));
    // Where each title is: the lines above “述职报告” at the top of a page are the unit's name.
    const titlePage = new Map<string, number>();
    lines.forEach((l, i) => {
      const at = l.indexOf('述职报告');
      if (at > 0 && at <= 3) titlePage.set(l.slice(0, at).join(''), i + 1);
    });
    expect(titlePage.size).toBe(debriefers.length);
    // The contents: “N. 单位（述职人）……页码”, an entry may wrap; footers (—N—) left out.
    const first = Math.min(...titlePage.values());
    const contents = lines.slice(0, first - 1).flatMap((l) => l.filter((t) => !/^—\d+—$/.test(t))).join('\n');
    const entries = [...contents.matchAll(/(\d+)\.([^（]+?)（([^）]+)）\s*\.{3,}\s*(\d+)/g)].map((m) => ({ n: Number(m[1]), name: m[2].replace(/\n/g, ''), page: Number(m[4]) }));
    expect(entries.map((e) => e.n)).toEqual(debriefers.map((_, i) => i + 1));
    for (const e of entries) expect(e.page, e.name).toBe(titlePage.get(e.name));
    // The long reports run over pages, so the numbers are worked out, not counted one a report.
    const gaps = entries.slice(1).map((e, i) => e.page - entries[i].page);
    expect(Math.max(...gaps)).toBeGreaterThan(1);
    // The number printed in each report page's footer agrees.
    for (const e of entries) expect(pages[e.page - 1].lines.some((l) => l.text.replace(/\s/g, '') === `—${e.page}—`)).toBe(true);
  });

  it('the notice carries the 版头 and the list of debriefers as its attachment', () => {
    const all = text(pdfs.plan).join('\n');
    expect(all).toContain(TEST_DOCUMENT_SETTINGS.issuerMark);
    expect(all).toContain('述职评议对象名单');
  });

  it('uses only the mapped fonts (no unexpected fallback)', () => {
    for (const [name, pdf] of Object.entries(pdfs)) for (const f of pdfFonts(pdf)) expect(f, `${name}: ${f}`).toMatch(MAPPED_FONTS);
  });
});
