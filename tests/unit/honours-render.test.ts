/**
 * The honours documents rendered like every export: LibreOffice with ../shared/tools/fonts.conf, measured
 * with poppler. The sample data (two rating years, 整顿 items, 双强六好 names, ~20 书记项目) is the input.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { HonoursExportKind } from '../../shared/contract/honours';
import { loadDemo } from '../../electron/core/demo/demo';
import { must, testCore } from '../helpers/core';
import { mm, pdfFonts, pdfInfo, pdfLayout } from '../helpers/render';
import { expectA4, MAPPED_FONTS, renderedPdfs } from '../helpers/renderSuite';

const core = testCore({ today: '2026-11-22' });
let charterCount = 0;

const pdfs = renderedPdfs(core, async () => {
  loadDemo(core.ctx, 120, 7);
  const files: Record<string, Uint8Array> = {};
  const plan: [HonoursExportKind, number][] = [
    ['star-summary', 2025],
    ['weak-ledger', 2026],
    ['model-decision', 2025],
    ['project-acceptance', 2026],
  ];
  for (const [kind, year] of plan) files[kind] = Buffer.from((await must(core, 'rating.export', { kind, year })).base64, 'base64');
  const zip = unzipSync(Buffer.from((await must(core, 'rating.export', { kind: 'project-charters', year: 2026 })).base64, 'base64'));
  charterCount = Object.keys(zip).length;
  files.charter = Object.values(zip)[0];
  return files;
});

const text = (pdf: string) => pdfLayout(pdf).map((p) => p.lines.map((l) => l.text).join('\n'));

describe('rendered honours documents', () => {
  it('summary tables and the 整顿 ledger are landscape A4; the 决定 and 立项书 portrait', () => {
    expectA4(pdfs, { landscape: ['star-summary', 'weak-ledger', 'project-acceptance'], portrait: ['model-decision', 'charter'] });
  });

  it('the star summary runs over pages with its header row on each, grouped by street', () => {
    const pages = text(pdfs['star-summary']);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // The detail table's header repeats on every page after the street counts.
    const detail = pages.slice(pages.findIndex((p) => p.includes('评定说明')));
    expect(detail.length).toBeGreaterThanOrEqual(2);
    // Pages holding its rows (the notes under the table may run on to a page of their own).
    for (const p of detail.filter((p) => /分，[一二三四五]星：/.test(p))) expect(p).toContain('评定说明');
    const all = pages.join('\n');
    for (const street of ['河东街道（', '河西街道（']) expect(all).toContain(street);
    expect(all).toMatch(/\d+(\.\d)?分，[一二三四五]星/);
  });

  it('the 整顿 ledger shows the overdue item and the 转化率 with its numbers', () => {
    const all = text(pdfs['weak-ledger']).join('').replace(/\s/g, '');
    // Table cells wrap, so their lines interleave in the text: the overdue mark is checked by its words.
    expect(all).toContain('整顿中');
    expect(all).toContain('（逾期');
    expect(all).toMatch(/整顿转化率\d+\.\d%（确定整顿\d+个，已转化\d+个）/);
  });

  it('the 决定 carries the 版头 and 文号, the 附件说明, and the named list on an 附件 page', () => {
    const pages = text(pdfs['model-decision']);
    expect(pages[0]).toContain('中共桃城区两新工委文件');
    expect(pages[0]).toMatch(/〔2026〕\d+号/);
    const all = pages.join('\n');
    expect(all).toContain('附件：2025年度“双强六好”非公企业党组织名单');
    const attachment = pages.find((p) => p.split('\n')[0] === '附件')!;
    expect(attachment).toContain('党组织名称');
    // Body text starts at the 28 mm left margin.
    const body = pdfLayout(pdfs['model-decision'])[0].lines.find((l) => l.text.startsWith('为树立典型'))!;
    expect(mm(body.xMin)).toBeGreaterThan(27);
  });

  it('one 立项书 per project, each a one-page form with signature lines', () => {
    expect(charterCount).toBeGreaterThanOrEqual(12);
    expect(pdfInfo(pdfs.charter).pages).toBe(1);
    const page = text(pdfs.charter)[0];
    for (const w of ['项目名称', '存在问题', '推进节点', '书记（签字）']) expect(page).toContain(w);
  });

  it('uses only the mapped fonts (no unexpected fallback)', () => {
    for (const [name, pdf] of Object.entries(pdfs)) for (const f of pdfFonts(pdf)) expect(f, `${name}: ${f}`).toMatch(MAPPED_FONTS);
  });
});
