/**
 * The debriefing documents rendered like every export: LibreOffice with ../shared/tools/fonts.conf, measured
 * with poppler. The sample data's complete 2025 cycle (21 debriefers, every report written) is the input.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebriefingExportKind } from '../../shared/contract/debriefing';
import { loadDemo } from '../../electron/core/demo/demo';
import { must, testCore } from '../helpers/core';
import { docxToPdfMany, pdfFonts, pdfInfo, pdfLayout } from '../helpers/render';

const core = testCore({ today: '2026-11-22' });
let dir = '';
const pdfs: Record<string, string> = {};
let debriefers: { name: string; person: string | null }[] = [];

beforeAll(async () => {
  loadDemo(core.ctx, 80, 7);
  const cycle = (await must(core, 'debriefing.cycles', {})).find((c) => c.year === 2025)!;
  debriefers = (await must(core, 'debriefing.cycle', { id: cycle.id })).debriefers;
  const kinds: DebriefingExportKind[] = ['plan', 'ballot-form', 'ballot-summary', 'debriefing-results', 'rectification-list', 'report-compilation'];
  const files: Record<string, Uint8Array> = {};
  for (const kind of kinds) files[kind] = Buffer.from((await must(core, 'debriefing.export', { kind, year: 2025 })).base64, 'base64');
  const r = docxToPdfMany(files);
  dir = r.dir;
  Object.assign(pdfs, r.pdfs);
}, 240_000);

afterAll(() => {
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const text = (pdf: string) => pdfLayout(pdf).map((p) => p.lines.map((l) => l.text).join('\n'));

describe('rendered debriefing documents', () => {
  it('summary tables are landscape A4 with the header row on every page; notice and forms are portrait', () => {
    for (const name of ['ballot-summary', 'debriefing-results', 'rectification-list']) {
      expect(pdfInfo(pdfs[name]), name).toMatchObject({ width: expect.closeTo(841.9, 0), height: expect.closeTo(595.3, 0) });
    }
    for (const name of ['plan', 'ballot-form', 'report-compilation']) {
      expect(pdfInfo(pdfs[name]), name).toMatchObject({ width: expect.closeTo(595.3, 0), height: expect.closeTo(841.9, 0) });
    }
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
    // Each report starts a page: its heading is that page's first line.
    for (const p of reportPages) expect(p.split('\n').indexOf('述职报告')).toBeLessThanOrEqual(2);
  });

  it('the notice carries the 版头 and the list of debriefers as its attachment', () => {
    const all = text(pdfs.plan).join('\n');
    expect(all).toContain('中共××区两新工委文件');
    expect(all).toContain('述职评议对象名单');
  });

  it('uses only the mapped fonts (no unexpected fallback)', () => {
    const allowed = /^(BousungEG-Light-GB|GBZenKai-Medium|NotoSerifCJK[\w-]+|NotoSansCJK[\w-]+|LiberationSerif(-\w+)?)$/;
    for (const [name, pdf] of Object.entries(pdfs)) for (const f of pdfFonts(pdf)) expect(f, `${name}: ${f}`).toMatch(allowed);
  });
});
