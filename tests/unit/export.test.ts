import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { writeZipToFolder } from '../../electron/core/export/folder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_SETTINGS, SAMPLE_REPORT, type DocumentRequest } from '../../shared/contract/export';
import { loadDemo } from '../../electron/core/demo/demo';
import { EXPORT_KINDS } from '../../shared/contract/debriefing';
import { HONOURS_EXPORT_KINDS } from '../../shared/contract/honours';
import { CATEGORY_LABELS } from '../../shared/domain/vocab';
import { SAMPLE_NOTICE } from '../../shared/contract/export';
import { parseNoticeBody } from '../../electron/core/export/documents/notice';
import { chineseDate, chineseNumber, columnWidths, docNumber, headingCounter, sealedIndents, signatureIndents, textWidth16 } from '../../electron/core/export/gongwen';
import { renderDocx, renderHtml, twoRowHeader, type GongwenDocument } from '../../electron/core/export';
import { attrs, docxParts, paragraphs, runs, tableRows, tags, type DocxParts } from '../helpers/docxXml';
import { cli } from '../helpers/cli';
import { TEST_DOCUMENT_SETTINGS, must, testCore } from '../helpers/core';

const core = testCore();
let orgIds: number[] = [];

/** The office's own 版头 and 机关代字; each test that expects them saves them itself (tests run in any order). */
const OFFICE_SETTINGS = { ...TEST_DOCUMENT_SETTINGS, issuerMark: '中共某某区两新工委文件', docNumberPrefix: '某两新', nextDocNumber: 7, defaultCc: '区委组织部' };

async function exportDoc(request: DocumentRequest) {
  const r = await must(core, 'export.document', { request });
  return { ...r, bytes: Buffer.from(r.file.base64, 'base64') };
}

beforeAll(async () => {
  loadDemo(core.ctx, 60, 7);
  orgIds = (await must(core, 'orgs.list', { partyOrg: 'built', limit: 3 })).rows.map((r) => r.id);
});
afterAll(() => {
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
});

describe('公文 rules (pure)', () => {
  it('dates have no zero padding, 文号 uses 〔〕 without 第 or leading zero', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseDate('2026-11-22')).toBe('2026年11月22日');
    expect(docNumber('××两新', 2026, 3)).toBe('××两新\u30142026\u30153号');
  });
  it('numbers headings 一、（一）1.（1） and resets lower levels', () => {
    const n = headingCounter();
    expect([n(1), n(2), n(3), n(4), n(4), n(2), n(3), n(1), n(2)]).toEqual(['一、', '（一）', '1.', '（1）', '（2）', '（二）', '1.', '二、', '（一）']);
    expect(chineseNumber(10)).toBe('十');
    expect(chineseNumber(12)).toBe('十二');
    expect(chineseNumber(21)).toBe('二十一');
  });
  it('column widths sum exactly to the type area', () => {
    for (const w of [[1, 1, 1], [3, 14, 12, 6, 7, 4.5], [7, 11, 13]]) {
      expect(columnWidths(w, 8844).reduce((a, b) => a + b, 0)).toBe(8844);
      expect(columnWidths(w, 12756).reduce((a, b) => a + b, 0)).toBe(12756);
    }
  });
  it('date starts 2 字 right of the signature; a longer date keeps 2 字 from the right edge', () => {
    const a = signatureIndents('中共××区两新组织工作委员会', '2026年11月22日', 8844);
    expect(a.date - a.signature).toBe(640);
    const b = signatureIndents('工委', '2026年11月22日', 8844);
    expect(b.date - b.signature).toBe(640);
    expect(b.date).toBeLessThan(8844 - 640);
  });
  it('sealed: one box centred on the date, whose right space is 4 字; a long 署名 moves the date left, at most to the middle', () => {
    // 8 digits (155 twips) + 年月日 (315) + 5 digit/汉字 changes (69, LibreOffice's measured extra space).
    expect(textWidth16('2026年11月22日')).toBe(8 * 155 + 3 * 315 + 5 * 69);
    const a = sealedIndents('中共××区两新组织工作委员会', '2026年11月22日', 8844);
    expect(a).toEqual({ left: 8844 - 2 * 1280 - 2530, dateRight: 1280 });
    // The box [left, 8844] and the date [8844 − 1280 − 2530, 8844 − 1280] share their middle.
    expect((a.left + 8844) / 2).toBe(8844 - 1280 - 2530 / 2);
    const long = '中共某某市某某区某某街道两新组织工作委员会';
    const b = sealedIndents(long, '2026年11月22日', 8844);
    expect(b.dateRight).toBe(Math.ceil((textWidth16(long) - 2530) / 2));
    expect(8844 - b.left).toBeGreaterThanOrEqual(textWidth16(long));
    expect(sealedIndents('字'.repeat(40), '2026年11月22日', 8844)).toEqual({ left: 0, dateRight: Math.floor((8844 - 2530) / 2) });
  });
  it('two-row headers: spans are counted from the groups', () => {
    expect(twoRowHeader(['序号', ['党员数', ['正式', '预备']], '备注'])).toEqual([
      [{ text: '序号', rowSpan: 2 }, { text: '党员数', colSpan: 2 }, { text: '备注', rowSpan: 2 }],
      ['正式', '预备'],
    ]);
  });
  it('parses the editor text: heading marks, typed numbers dropped, run-in 三级 text', () => {
    expect(parseNoticeBody('# 一、总体要求\n正文\n## （二）分项\n### 1. 标题。正文接排\n#### （1）细项')).toEqual([
      { kind: 'heading', level: 1, text: '总体要求' },
      { kind: 'paragraph', text: '正文' },
      { kind: 'heading', level: 2, text: '分项' },
      { kind: 'heading', level: 3, text: '标题。', body: '正文接排' },
      { kind: 'heading', level: 4, text: '细项' },
    ]);
  });
});

/** The checks every exported document must pass (gongwen.md). */
function checkCommon(p: DocxParts, orientation: 'portrait' | 'landscape') {
  const width = orientation === 'portrait' ? 8844 : 12756;
  // Page size and margins on every section.
  const sizes = tags(p.document, 'w:pgSz').map(attrs);
  expect(sizes.length).toBeGreaterThan(0);
  const s0 = sizes[0];
  if (orientation === 'portrait') expect(s0).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
  else expect(s0).toMatchObject({ 'w:w': '16838', 'w:h': '11906', 'w:orient': 'landscape' });
  const m0 = attrs(tags(p.document, 'w:pgMar')[0]);
  if (orientation === 'portrait') expect(m0).toMatchObject({ 'w:top': '2098', 'w:left': '1588', 'w:right': '1474', 'w:bottom': '1984', 'w:footer': '1417' });
  else expect(m0).toMatchObject({ 'w:top': '1588', 'w:left': '1984', 'w:right': '2098', 'w:bottom': '1474' });
  // Type area: page minus margins.
  expect(Number(s0['w:w']) - Number(m0['w:left']) - Number(m0['w:right'])).toBe(width);
  // No character/line doc grid (a typed docGrid would change the pitch), no text boxes.
  for (const g of tags(p.document, 'w:docGrid')) expect(attrs(g)['w:type']).toBeUndefined();
  expect(p.document).not.toContain('txbxContent');
  // Fonts per run: Chinese name in eastAsia, Times New Roman in the Latin slots, hint eastAsia, zh-CN.
  const allRuns = [...runs(p.document), ...Object.values(p.footers).flatMap(runs)];
  expect(allRuns.length).toBeGreaterThan(5);
  for (const r of allRuns) {
    const f = attrs(/<w:rFonts [^>]*>/.exec(r.rPr)![0]);
    expect(f).toMatchObject({ 'w:ascii': 'Times New Roman', 'w:hAnsi': 'Times New Roman', 'w:cs': 'Times New Roman', 'w:hint': 'eastAsia' });
    expect(['方正小标宋简体', '仿宋_GB2312', '楷体_GB2312', '黑体', '宋体']).toContain(f['w:eastAsia']);
    expect(r.rPr).toContain('w:eastAsia="zh-CN"');
    // −5 character spacing on every 16 pt run, and only there; a line the engine ends early (linesToSpaceOut)
    // is spaced out by less than half a character.
    const size = /<w:sz w:val="(\d+)"/.exec(r.rPr)?.[1];
    const spacing = Number(/<w:spacing w:val="(-?\d+)"\/>/.exec(r.rPr)?.[1]);
    if (size === '32') expect(spacing === -5 || (spacing > -5 && spacing < 160), r.rPr).toBe(true);
    else expect(r.rPr).not.toMatch(/<w:spacing w:val=/);
  }
  // Paragraphs of 16 pt text outside tables: exact 579, nothing before/after.
  const body = paragraphs(p.document).filter((x) => !x.inTable && /<w:sz w:val="32"\/>/.test(x.xml));
  expect(body.length).toBeGreaterThan(0);
  for (const x of body) expect(attrs(/<w:spacing [^>]*>/.exec(x.pPr)![0])).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact', 'w:before': '0', 'w:after': '0' });
  // Inside tables the first-line indent is reset to 0.
  // (cells that continue a vertical merge hold an empty paragraph docx writes itself)
  for (const x of paragraphs(p.document).filter((q) => q.inTable && q.xml.includes("<w:r>"))) expect(attrs(/<w:ind [^>]*>/.exec(x.pPr)![0])['w:firstLine']).toBe('0');
  // Even/odd footers with PAGE fields: default (odd) right with right indent 1 字, even left with left indent 1 字.
  expect(p.settings).toContain('<w:evenAndOddHeaders/>');
  const refs = tags(p.document, 'w:footerReference').map(attrs);
  const footer = (type: string) => p.footers[`word/${p.rels[refs.find((r) => r['w:type'] === type)!['r:id']]}`];
  for (const [type, jc, ind] of [['default', 'right', 'w:right'], ['even', 'left', 'w:left']] as const) {
    const xml = footer(type);
    expect(xml).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
    expect(xml).toContain(`<w:jc w:val="${jc}"/>`);
    expect(attrs(tags(xml, 'w:ind')[0])).toMatchObject({ [ind]: '280', 'w:firstLine': '0' });
    expect(runs(xml).map((r) => r.text).join('')).toBe('\u2014  \u2014');
    expect(runs(xml)[0].rPr).toContain('w:eastAsia="宋体"');
    expect(runs(xml)[0].rPr).toContain('<w:sz w:val="28"/>');
  }
  // Tables: fixed layout, grid summing to the type area of their own section, header rows repeated, no row splits.
  const sectPrs = p.document.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)!;
  const segments = p.document.split(/<w:sectPr[\s\S]*?<\/w:sectPr>/);
  sectPrs.forEach((sect, i) => {
    const size = attrs(tags(sect, 'w:pgSz')[0]);
    const margin = attrs(tags(sect, 'w:pgMar')[0]);
    const typeWidth = Number(size['w:w']) - Number(margin['w:left']) - Number(margin['w:right']);
    expect([8844, 12756]).toContain(typeWidth);
    expect(sect).toContain('w:type="even"');
    for (const t of segments[i].match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []) {
      expect(t).toContain('<w:tblLayout w:type="fixed"/>');
      const grid = tags(t, 'w:gridCol').map((g) => Number(attrs(g)['w:w']));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(typeWidth);
      for (const r of t.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!) expect(r).toContain('<w:cantSplit/>');
    }
  });
}

describe('exported documents (XML)', () => {
  it('台账: landscape, two-level header repeated, one row per organisation, filter honoured', async () => {
    const all = await exportDoc({ kind: 'ledger', filter: {} });
    const p = docxParts(all.bytes);
    checkCommon(p, 'landscape');
    expect(all.file.fileName).toBe('两新组织党建工作台账_2026-11-22.docx');
    expect(all.count).toBe(60);
    const rows = tableRows(p.document);
    // One row per organisation under a group row per street and 类别 (“河东街道非公企业（6个）”), which keeps with its first row.
    const list = (await must(core, 'orgs.list', { limit: 1000 })).rows;
    const pairs = new Set(list.map((o) => `${o.street}${CATEGORY_LABELS[o.category]}`));
    expect(rows.length).toBe(2 + 60 + pairs.size);
    const groups = rows.slice(2).filter((r) => r.includes('<w:gridSpan w:val="11"/>'));
    expect(groups.map((g) => runs(g)[0].text.replace(/（\d+个）$/, '')).sort()).toEqual([...pairs].sort());
    for (const g of groups) {
      expect(runs(g)[0].text).toMatch(/（\d+个）$/);
      expect(g).toContain('<w:keepNext/>');
    }
    // A compact header: only 党员数 has a second level; 组建方式 is a column (written short under its header).
    expect(runs(rows[0]).map((r) => r.text)).toEqual(expect.arrayContaining(['组建', '方式', '换届', '届满']));
    expect(runs(rows[1]).map((r) => r.text)).toEqual(['正式', '预备']);
    expect(rows.slice(0, 2).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
    expect(rows.slice(2).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(rows[0]).toContain('<w:vMerge w:val="restart"/>');
    expect(rows[0]).toContain('<w:gridSpan w:val="2"/>');
    expect(runs(rows[0])[0].rPr).toContain('w:eastAsia="黑体"');
    // 小四 (12 pt), as gongwen.md asks of every table.
    expect(runs(rows[3])[0].rPr).toContain('w:eastAsia="仿宋_GB2312"');
    expect(runs(rows[3])[0].rPr).toContain('<w:sz w:val="24"/>');
    const title = runs(p.document).find((r) => r.text === '两新组织党建工作台账')!;
    expect(title.rPr).toContain('w:eastAsia="方正小标宋简体"');
    expect(title.rPr).toContain('<w:sz w:val="44"/>');
    expect(p.document).toContain(`制表单位：${TEST_DOCUMENT_SETTINGS.issuerName}`);
    const street = (await must(core, 'orgs.facets', {})).streets[0];
    const filtered = await exportDoc({ kind: 'ledger', filter: { street } });
    const expected = (await must(core, 'orgs.list', { street, limit: 1000 })).total;
    expect(filtered.count).toBe(expected);
    const categories = new Set(list.filter((o) => o.street === street).map((o) => o.category)).size;
    expect(tableRows(docxParts(filtered.bytes).document).length).toBe(2 + categories + expected);
  });

  it('landscape pages: the page number sits in the 26 mm bottom margin, clear of the type area and of the paper edge', async () => {
    const p = docxParts((await exportDoc({ kind: 'ledger', filter: {} })).bytes);
    const landscape = (p.document.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g) ?? []).filter((x) => x.includes('w:orient="landscape"'));
    expect(landscape.length).toBeGreaterThan(0);
    for (const sect of landscape) {
      const m = attrs(tags(sect, 'w:pgMar')[0]);
      // The footer's one single-spaced line of 宋体 4号 (14 pt = 280 twips) is about 1.3 × its size high.
      expect(Number(m['w:footer']) + Math.ceil(280 * 1.3)).toBeLessThanOrEqual(Number(m['w:bottom']));
      expect(Number(m['w:footer'])).toBeGreaterThanOrEqual(567); // 10 mm from the edge: inside what office printers print
    }
  });

  it('档案卡: portrait tables; a batch is one .zip with a .docx per organisation and progress events', async () => {
    const one = await exportDoc({ kind: 'orgCard', orgIds: [orgIds[0]] });
    const p = docxParts(one.bytes);
    checkCommon(p, 'portrait');
    const detail = await must(core, 'orgs.get', { id: orgIds[0] });
    expect(p.document).toContain(detail.org.name);
    expect(p.document).toContain(detail.org.uscc);
    const events: { done: number; total: number }[] = [];
    const off = core.onEvent((name, payload) => name === 'job.progress' && events.push(payload as { done: number; total: number }));
    const batch = await must(core, 'export.document', { request: { kind: 'orgCard', orgIds }, jobId: 'job-cards' });
    off();
    expect(batch.file.fileName).toMatch(/\.zip$/);
    expect(batch.file.mime).toBe('application/zip');
    const files = unzipSync(Buffer.from(batch.file.base64, 'base64'));
    expect(Object.keys(files)).toHaveLength(orgIds.length);
    for (const [name, bytes] of Object.entries(files)) {
      expect(name).toMatch(/党建档案卡\.docx$/);
      checkCommon(docxParts(bytes), 'portrait');
    }
    expect(events.length).toBeGreaterThanOrEqual(orgIds.length);
    expect(events.at(-1)).toMatchObject({ done: orgIds.length, total: orgIds.length });
  });

  it('a batch can be cancelled between two files', async () => {
    const off = core.onEvent((name, payload) => {
      if (name === 'job.progress' && (payload as { jobId: string }).jobId === 'job-cancel') void core.invoke('jobs.cancel', { jobId: 'job-cancel' });
    });
    const r = await core.invoke('export.document', { request: { kind: 'orgCard', orgIds }, jobId: 'job-cancel' });
    off();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'CANCELLED', message: '已取消导出' });
  });

  it('应建未建清单: counts by street in the 说明 match the rule', async () => {
    const r = await exportDoc({ kind: 'unbuilt' });
    const p = docxParts(r.bytes);
    checkCommon(p, 'portrait');
    const unbuilt = (await must(core, 'orgs.list', { flag: '应建未建', limit: 1000 })).rows;
    expect(r.count).toBe(unbuilt.length);
    const text = paragraphs(p.document).map((x) => x.text).join('\n');
    expect(text).toContain(`共${unbuilt.length}个`);
    expect(text).toContain(`涉及${new Set(unbuilt.map((o) => o.street)).size}个街道（乡镇）`);
    for (const o of unbuilt) expect(text).toContain(o.uscc);
    // Street group rows stay with the first organisation below them.
    const streetRow = paragraphs(p.document).find((x) => x.inTable && x.text.startsWith(`${unbuilt[0].street}（`))!;
    expect(streetRow.pPr).toContain('<w:keepNext/>');
    // Heading 一、 in 黑体, 说明 text in 仿宋 with 2 字 first-line indent in twips and chars.
    const heading = paragraphs(p.document).find((x) => x.text === '一、说明')!;
    expect(runs(heading.xml)[0].rPr).toContain('w:eastAsia="黑体"');
    const bodyPara = paragraphs(p.document).find((x) => x.text.startsWith('截至'))!;
    expect(attrs(/<w:ind [^>]*>/.exec(bodyPara.pPr)![0])).toMatchObject({ 'w:firstLine': '640', 'w:firstLineChars': '200' });
  });

  it('覆盖情况统计表: rates by street and category with totals from the coverage rules', async () => {
    const r = await exportDoc({ kind: 'coverage' });
    const p = docxParts(r.bytes);
    checkCommon(p, 'landscape');
    const o = await must(core, 'stats.overview', {});
    const rows = tableRows(p.document);
    expect(rows.length).toBe(2 + 3 * (o.byStreet.length + 1));
    const total = rows.at(-1)!;
    // The first cell continues the 合计 vertical merge.
    const cells = (total.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((c) => runs(c).map((x) => x.text).join(''));
    const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
    expect(cells).toEqual(['', '小计', String(o.coverage.total), String(o.coverage.inOperation), String(o.coverage.orgCoverage.numerator), pct(o.coverage.orgCoverage.rate), String(o.coverage.ownOrgRate.numerator), pct(o.coverage.ownOrgRate.rate), String(o.coverage.buildRate.denominator), String(o.coverage.buildRate.numerator), pct(o.coverage.buildRate.rate), String(o.coverage.workCoverage.numerator), pct(o.coverage.workCoverage.rate)]);
    // The 合计 block (three rows) starts with the merged 合计 cell.
    expect(runs(rows.at(-3)!)[0].text).toBe('合计');
  });

  it('通知: 版头 from settings, 文号 taken and advanced, 主送, headings, 附件, 署名/日期, 附注, 版记', async () => {
    await must(core, 'export.saveSettings', OFFICE_SETTINGS);
    const r = await exportDoc({ kind: 'notice', notice: SAMPLE_NOTICE });
    const p = docxParts(r.bytes);
    checkCommon(p, 'portrait');
    const ps = paragraphs(p.document);
    const text = ps.map((x) => x.text);
    expect(text).toContain('中共某某区两新工委文件');
    expect(text).toContain('某两新\u30142026\u30157号');
    expect((await must(core, 'export.getSettings', {})).nextDocNumber).toBe(8);
    const mark = runs(p.document).find((x) => x.text === '中共某某区两新工委文件')!;
    expect(mark.rPr).toContain('<w:color w:val="FF0000"/>');
    expect(text).toContain(`${SAMPLE_NOTICE.mainRecipient}：`);
    const fonts = (t: string) => /w:eastAsia="([^"]+)"/.exec(runs(ps.find((x) => x.text.startsWith(t))!.xml)[0].rPr)![1];
    expect(fonts('一、排查范围')).toBe('黑体');
    expect(fonts('（一）组织覆盖情况')).toBe('楷体_GB2312');
    expect(fonts('1.指导员选派。')).toBe('仿宋_GB2312');
    expect(text).toContain('附件：两新组织党建工作排查登记表');
    expect(text).toContain(TEST_DOCUMENT_SETTINGS.signature);
    expect(text).toContain('2026年11月22日');
    expect(text).toContain(`（${SAMPLE_NOTICE.note}）`);
    expect(/w:eastAsia="([^"]+)"/.exec(runs(ps.find((x) => x.text === '附件')!.xml)[0].rPr)![1]).toBe('黑体');
    expect(p.document).toContain('抄送：区委组织部。');
    expect(p.document).toContain('2026年11月22日印发');
    const colophon = p.document.match(/<w:tbl>(?:(?!<w:tbl>)[\s\S])*?印发[\s\S]*?<\/w:tbl>/)![0];
    // The text ends on page 3 (the 附件), so the 版记 opens page 4 in a section of its own without page
    // numbers, pushed to the type-area bottom by a spacer line (2 rows of 579 under it).
    expect(colophon).not.toContain('w:tblpPr');
    const before = p.document.slice(0, p.document.indexOf(colophon));
    expect(before.slice(before.lastIndexOf('<w:p>'))).toContain(`w:line="${12756 - 2 * 579 - 120}"`);
    const lastSection = p.document.slice(p.document.lastIndexOf('<w:sectPr'));
    const footerIds = [...lastSection.matchAll(/<w:footerReference [^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    expect(footerIds.length).toBeGreaterThan(0);
    expect(colophon).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"\/>/);
    expect(colophon).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="6"\/>/);
    // The page setting audit trail records the 文号 change.
    const audit = core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'document_settings' AND field = 'nextDocNumber'`).get() as { n: number };
    expect(audit.n).toBeGreaterThanOrEqual(2);
  });

  it('上行文: 发文字号 left 1 字, “签发人：” (仿宋) + names (楷体) on a right tab 1 字 from the edge; more names wrap under the first', async () => {
    await must(core, 'export.saveSettings', OFFICE_SETTINGS);
    const r = await exportDoc({ kind: 'notice', notice: SAMPLE_REPORT });
    const p = docxParts(r.bytes);
    checkCommon(p, 'portrait');
    const ps = paragraphs(p.document);
    const line = ps.find((x) => x.text.includes('签发人：'))!;
    expect(line.text).toMatch(/^某两新〔2026〕\d+号签发人：张建国　李振华$/);
    expect(line.pPr).toContain('<w:jc w:val="left"/>');
    expect(attrs(tags(line.pPr, 'w:ind')[0])).toMatchObject({ 'w:left': '320', 'w:firstLine': '0' });
    expect(attrs(tags(line.pPr, 'w:tab')[0])).toMatchObject({ 'w:val': 'right', 'w:pos': String(8844 - 320) });
    const rs = runs(line.xml);
    const font = (t: string) => /w:eastAsia="([^"]+)"/.exec(rs.find((x) => x.text === t)!.rPr)![1];
    expect(font('签发人：')).toBe('仿宋_GB2312');
    expect(font('张建国　李振华')).toBe('楷体_GB2312');
    expect(rs.some((x) => /^某两新〔2026〕\d+号$/.test(x.text) && x.rPr.includes('仿宋_GB2312'))).toBe(true);
    expect(line.xml).toContain('<w:tab/>');
    // The centred 发文字号 line is gone; the red rule follows the 签发人 line.
    expect(ps.filter((x) => /^某两新〔2026〕\d+号$/.test(x.text))).toHaveLength(0);
    const next = ps[ps.indexOf(line) + 1];
    expect(next.pPr).toContain('w:color="FF0000"');

    const three = docxParts((await exportDoc({ kind: 'notice', notice: { ...SAMPLE_REPORT, signers: ['张建国', '李振华', '欧阳明'] } })).bytes);
    const lines = paragraphs(three.document).filter((x) => /签发人：|欧阳明/.test(x.text));
    expect(lines.map((x) => x.text.replace(/^某两新〔2026〕\d+号/, '№'))).toEqual(['签发人：张建国　李振华', '№欧阳明']);
    // The third name's left tab: the first line's start (right edge − 1 字 − its width) plus “签发人：”, 315 twips a 字.
    expect(attrs(tags(lines[1].pPr, 'w:tab')[0])).toMatchObject({ 'w:val': 'left', 'w:pos': String(8844 - 320 - 11 * 315 + 4 * 315) });
  });

  it('签发人 only for a 报告/请示 with the 版头, with the reason in Chinese', async () => {
    const notice = await core.invoke('export.document', { request: { kind: 'notice', notice: { ...SAMPLE_NOTICE, signers: ['张建国'] } } });
    expect(notice.ok).toBe(false);
    if (!notice.ok) expect(notice.error.message).toContain('签发人只用于上行文');
    const plain = await core.invoke('export.document', { request: { kind: 'notice', notice: { ...SAMPLE_REPORT, withHeader: false } } });
    expect(plain.ok).toBe(false);
    if (!plain.ok) expect(plain.error.message).toContain('红头文件');
    const preview = await must(core, 'export.preview', { request: { kind: 'notice', notice: SAMPLE_REPORT } });
    expect(preview.html).toContain('签发人：');
    expect(preview.html).toContain('张建国　李振华');
  });

  it('加盖印章: 2 blank lines, 署名 and 日期 centred in one box (left 3754 twips: the date 4 字 from the edge), kept with the text above', async () => {
    const r = await exportDoc({ kind: 'notice', notice: { ...SAMPLE_NOTICE, sealed: true, date: '2026-11-22' } });
    const p = docxParts(r.bytes);
    checkCommon(p, 'portrait');
    const ps = paragraphs(p.document).filter((x) => !x.inTable);
    const sig = ps.findIndex((x) => x.text === TEST_DOCUMENT_SETTINGS.signature);
    const [note, blank1, blank2, signature, date, remark] = ps.slice(sig - 3, sig + 3);
    expect(note.text).toBe(`附件：${SAMPLE_NOTICE.attachments[0].name}`);
    expect([blank1.text, blank2.text]).toEqual(['', '']);
    expect(date.text).toBe('2026年11月22日');
    expect(remark.text).toBe(`（${SAMPLE_NOTICE.note}）`);
    // Box [3754, 8844] around the date's middle: 8844 − 1280 (4 字) − 2530 / 2 (its width) = 6299 = (3754 + 8844) / 2.
    for (const x of [signature, date]) {
      expect(x.pPr).toContain('<w:jc w:val="center"/>');
      expect(attrs(tags(x.pPr, 'w:ind')[0])).toMatchObject({ 'w:left': '3754', 'w:right': '0', 'w:firstLine': '0' });
      expect(runs(x.xml)[0].rPr).toContain('w:eastAsia="仿宋_GB2312"');
    }
    // The 附件说明, both blank lines and the 署名 stay on the page of what follows: the seal never stands alone.
    for (const x of [note, blank1, blank2, signature]) expect(x.pPr).toContain('<w:keepNext/>');
    for (const x of [date, remark]) expect(x.pPr).not.toContain('<w:keepNext/>');
    // Unsealed (default): one blank line, 署名 and 日期 on left indents; the 落款 is still kept with the text above.
    const plain = paragraphs(docxParts((await exportDoc({ kind: 'notice', notice: { ...SAMPLE_NOTICE, date: '2026-11-22' } })).bytes).document);
    const at = plain.findIndex((x) => x.text === TEST_DOCUMENT_SETTINGS.signature);
    expect(plain[at - 1].text).toBe('');
    expect(plain[at - 2].text).toMatch(/^附件：/);
    expect(plain[at].pPr).toContain('<w:jc w:val="left"/>');
    // The body's last paragraph, the 附件说明 with its blank lines and the 署名.
    for (const x of plain.slice(at - 4, at + 1)) expect(x.pPr).toContain('<w:keepNext/>');
    expect(plain[at + 1].pPr).not.toContain('<w:keepNext/>');
    // Before it, only headings and title lines keep with what follows (a heading never ends a page); body
    // paragraphs flow, each with widow control.
    const headingOrTitle = (t: string) => /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/.test(t) || t === SAMPLE_NOTICE.title || t === '附件' || t === SAMPLE_NOTICE.attachments[0].name;
    const kept = plain.slice(0, at - 4).filter((x) => !x.inTable && x.pPr.includes('<w:keepNext/>')).map((x) => x.text);
    expect(kept.filter((t) => !headingOrTitle(t))).toEqual([]);
    expect(kept).toEqual(expect.arrayContaining(['一、排查范围', '二、排查内容', '（一）组织覆盖情况', '三、工作要求']));
    for (const x of plain.filter((x) => !x.inTable && x.text.length > 40)) expect(x.pPr).toContain('<w:widowControl/>');
    // The preview: the same two blank lines and the same box.
    const html = (await must(core, 'export.preview', { request: { kind: 'notice', notice: { ...SAMPLE_NOTICE, sealed: true, date: '2026-11-22' } } })).html;
    const line = (text: string) => new RegExp(`<p style="[^"]*text-align:center;[^"]*margin:0 0 0 187\\.70pt;[^"]*">${text}</p>`);
    expect(html).toMatch(line(TEST_DOCUMENT_SETTINGS.signature));
    // The date carries the 3.45 pt Word and LibreOffice put between digits and 汉字 (five times), so its width is the modelled one.
    const gap = '<span style="margin-left:3\\.45pt"></span>';
    expect(html).toMatch(line(`2026${gap}年${gap}11${gap}月${gap}22${gap}日`));
    const empty = '<p style="[^"]*">\\s*</p>';
    expect(html).toMatch(new RegExp(`${SAMPLE_NOTICE.attachments[0].name}</p>\\s*${empty}\\s*${empty}\\s*<p[^>]*>${TEST_DOCUMENT_SETTINGS.signature}`));
  });

  it('加盖印章 is a yes/no field, false by default', async () => {
    const bad = await core.invoke('export.document', { request: { kind: 'notice', notice: { ...SAMPLE_NOTICE, sealed: 'yes' as unknown as boolean } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('加盖印章');
  });

  it('preview renders the same model as HTML at page size and does not take a 文号', async () => {
    const before = (await must(core, 'export.getSettings', {})).nextDocNumber;
    const r = await must(core, 'export.preview', { request: { kind: 'notice', notice: SAMPLE_NOTICE } });
    expect(r.html).toContain('关于开展两新组织党建工作集中排查的通知');
    expect(r.html).toContain('一、排查范围');
    expect(r.html).toContain('class="sheet portrait"');
    // Every style attribute closes where it should (a stray double quote would drop the styles).
    const opened = r.html.match(/ style="/g)!.length;
    expect(r.html.match(/ style="[^"<>]*"[\s>]/g)!.length).toBe(opened);
    expect((await must(core, 'export.getSettings', {})).nextDocNumber).toBe(before);
    const ledger = await must(core, 'export.preview', { request: { kind: 'ledger', filter: {} } });
    expect(ledger.html).toContain('<thead>');
  });

  it('rejects bad settings with a Chinese message naming the field', async () => {
    const r = await core.invoke('export.saveSettings', { ...DEFAULT_DOCUMENT_SETTINGS, issuerName: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('发文机关名称不能为空');
  });
});

describe('engine API (renderDocx)', () => {
  it('a landscape attachment gets its own section; footers and page setup on every section', async () => {
    const bytes = await renderDocx({
      title: '关于报送名单的报告',
      mainRecipient: '区委组织部',
      body: [{ kind: 'paragraph', text: '现将名单报上。' }],
      attachmentNames: ['名单', '说明'],
      signature: '中共××区两新组织工作委员会',
      date: '2026-01-05',
      attachments: [
        { title: '名单', orientation: 'landscape', blocks: [{ kind: 'table', table: { columns: [1, 3], header: [['序号', '名称']], rows: [['1', '某公司']] } }] },
        { title: '说明', blocks: [{ kind: 'paragraph', text: '说明文字。' }] },
      ],
    });
    const p = docxParts(bytes);
    checkCommon(p, 'portrait');
    const sizes = tags(p.document, 'w:pgSz').map(attrs);
    expect(sizes.map((x) => x['w:orient'])).toEqual(['portrait', 'landscape', 'portrait']);
    expect(tags(p.document, 'w:footerReference').length).toBe(6);
    expect(attrs(tags(p.document, 'w:gridCol')[0])['w:w']).toBe(String(Math.floor(12756 / 4)));
    const text = paragraphs(p.document).map((x) => x.text);
    expect(text).toEqual(expect.arrayContaining(['附件：1. 名单', '2. 说明', '附件1', '附件2', '2026年1月5日']));
  });

  it('sealed without 附件说明: the body’s last paragraph is kept with the 署名 block; without a date the 署名 is centred 4 字 in', async () => {
    const doc: GongwenDocument = {
      title: '关于某事的通知',
      body: [{ kind: 'paragraph', text: '第一段。' }, { kind: 'paragraph', text: '特此通知。' }],
      signature: '某某工委',
      date: '2026-01-05',
      sealed: true,
    };
    const ps = paragraphs(docxParts(await renderDocx(doc)).document);
    const keep = (t: string) => ps.find((x) => x.text === t)!.pPr.includes('<w:keepNext/>');
    expect(keep('第一段。')).toBe(false);
    expect(keep('特此通知。')).toBe(true);
    expect(keep('某某工委')).toBe(true);
    expect(keep('2026年1月5日')).toBe(false);
    // 2026年1月5日: 6 digits, 年月日, 5 changes → 930 + 945 + 345 = 2220.
    expect(attrs(tags(ps.find((x) => x.text === '2026年1月5日')!.pPr, 'w:ind')[0])['w:left']).toBe(String(8844 - 2560 - 2220));
    const alone = paragraphs(docxParts(await renderDocx({ ...doc, date: undefined })).document).find((x) => x.text === '某某工委')!;
    expect(alone.pPr).not.toContain('<w:keepNext/>');
    expect(attrs(tags(alone.pPr, 'w:ind')[0])['w:left']).toBe(String(8844 - 2560));
  });
});

describe('engine API: contents list and part titles', () => {
  const doc: GongwenDocument = {
    title: '述职报告汇编',
    body: [
      { kind: 'contents', title: '目　　录', entries: [{ text: '一、两新党组织书记' }, { text: '1. 甲公司党支部（张三）', anchor: 'a' }, { text: '2. 乙公司党支部（李四）', anchor: 'b' }] },
      { kind: 'partTitle', title: '甲公司党支部\n述职报告', subtitle: '张三', anchor: 'a' },
      { kind: 'paragraph', text: '正文。' },
      { kind: 'partTitle', title: '乙公司党支部\n述职报告', anchor: 'b' },
      { kind: 'paragraph', text: '正文。' },
    ],
  };

  it('.docx: each entry has a right dot-leader tab on the type-area edge and a dirty PAGEREF to its title’s bookmark', async () => {
    const p = docxParts(await renderDocx(doc));
    checkCommon(p, 'portrait');
    const ps = paragraphs(p.document);
    expect(runs(ps.find((x) => x.text === '目　　录')!.xml)[0].rPr).toContain('w:eastAsia="黑体"');
    expect(runs(ps.find((x) => x.text === '一、两新党组织书记')!.xml)[0].rPr).toContain('w:eastAsia="黑体"');
    const entries = ps.filter((x) => x.xml.includes('PAGEREF'));
    expect(entries.map((x) => x.text)).toEqual(['1. 甲公司党支部（张三）', '2. 乙公司党支部（李四）']);
    const targets: string[] = [];
    for (const e of entries) {
      expect(attrs(tags(e.pPr, 'w:tab')[0])).toMatchObject({ 'w:val': 'right', 'w:pos': '8844', 'w:leader': 'dot' });
      // No right indent: LibreOffice drops a number whose tab stands beyond it.
      expect(attrs(tags(e.pPr, 'w:ind')[0])).toMatchObject({ 'w:left': '640', 'w:right': '0' });
      expect(e.xml).toMatch(/<w:fldChar w:fldCharType="begin" w:dirty="true"\/>[\s\S]*<w:instrText>PAGEREF (\S+) \\h<\/w:instrText>[\s\S]*fldCharType="separate"[\s\S]*fldCharType="end"/);
      targets.push(/PAGEREF (\S+)/.exec(e.xml)![1]);
    }
    expect(new Set(targets).size).toBe(2);
    // Each bookmark wraps the first title line of a part, which starts a new page in 小标宋 2号.
    for (const [i, name] of targets.entries()) {
      const title = ps.find((x) => x.xml.includes(`<w:bookmarkStart w:name="${name}"`))!;
      expect(title.text).toBe(['甲公司党支部', '乙公司党支部'][i]);
      expect(title.pPr).toContain('<w:pageBreakBefore/>');
      expect(title.pPr).toContain('<w:jc w:val="center"/>');
      expect(runs(title.xml)[0].rPr).toContain('w:eastAsia="方正小标宋简体"');
      expect(runs(title.xml)[0].rPr).toContain('<w:sz w:val="44"/>');
      const id = attrs(tags(title.xml, 'w:bookmarkStart')[0])['w:id'];
      expect(title.xml).toContain(`<w:bookmarkEnd w:id="${id}"/>`);
    }
    // The subtitle line: 楷体 3号, centred, under the title.
    const sub = ps.find((x) => x.text === '张三')!;
    expect(runs(sub.xml)[0].rPr).toContain('w:eastAsia="楷体_GB2312"');
    expect(ps[ps.indexOf(sub) - 1].text).toBe('述职报告');
  });

  it('refuses an entry whose title is not in the document; the preview shows the blocks with “…” for page numbers', async () => {
    await expect(renderDocx({ ...doc, body: doc.body.filter((b) => !(b.kind === 'partTitle' && b.anchor === 'b')) })).rejects.toThrow('2. 乙公司党支部（李四）');
    await expect(renderDocx({ ...doc, body: [...doc.body, { kind: 'partTitle', title: '重复', anchor: 'a' }] })).rejects.toThrow('书签名重复');
    const html = renderHtml(doc);
    expect(html.match(/>…<\/span><\/p>/g)).toHaveLength(2);
    expect(html).toContain('甲公司党支部');
    // Each part starts a page of its own: the contents, then two parts.
    expect(html.match(/<section class="sheet portrait"/g)).toHaveLength(3);
    expect(html.split('<section').slice(1).map((page) => page.includes('正文。'))).toEqual([false, true, true]);
  });
});

describe('CLI export', () => {
  it('writes each document type; org-card needs --uscc', async () => {
    const out = path.join(core.dir, 'out');
    for (const kind of ['ledger', 'unbuilt', 'coverage']) {
      const r = await cli('export', kind, '--out', path.join(out, `${kind}.docx`), '--db', core.dbPath);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(docxParts(fs.readFileSync(path.join(out, `${kind}.docx`))).document).toContain('<w:tbl>');
    }
    const missing = await cli('export', 'org-card', '--out', path.join(out, 'c.docx'), '--db', core.dbPath);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('--uscc');
    const uscc = (await must(core, 'orgs.get', { id: orgIds[0] })).org.uscc;
    const card = await cli('export', 'org-card', '--uscc', uscc, '--out', path.join(out, 'card.docx'), '--db', core.dbPath, '--json');
    expect(card.code).toBe(0);
    expect(card.json().count).toBe(1);
    const notice = path.join(out, 'notice.txt');
    fs.writeFileSync(notice, '关于做好年度统计的通知\n主送：各街道两新组织党委\n# 工作安排\n请于月底前报送。\n附件：统计表');
    const n = await cli('export', 'notice', '--in', notice, '--out', path.join(out, 'notice.docx'), '--db', core.dbPath);
    expect(n.code).toBe(0);
    const doc = docxParts(fs.readFileSync(path.join(out, 'notice.docx'))).document;
    expect(doc).toContain('一、工作安排');
    expect(doc).toContain('各街道两新组织党委：');
    expect(doc).toContain('附件：统计表');
    const report = path.join(out, 'report.txt');
    fs.writeFileSync(report, '关于年度统计工作的报告\n主送：区委组织部\n签发人：张建国、李振华\n现将有关情况报告如下。');
    const rr = await cli('export', 'notice', '--in', report, '--out', path.join(out, 'report.docx'), '--db', core.dbPath);
    expect(rr.code).toBe(0);
    const rdoc = docxParts(fs.readFileSync(path.join(out, 'report.docx'))).document;
    expect(paragraphs(rdoc).some((x) => /〔2026〕\d+号签发人：张建国　李振华$/.test(x.text))).toBe(true);
    expect(rdoc).not.toContain('签发人：张建国、李振华');
    // “盖章：是” lays the 署名 out for the seal; an unknown answer is refused with the two accepted ones.
    const sealed = path.join(out, 'sealed.txt');
    fs.writeFileSync(sealed, '关于年度统计工作的通知\n主送：各街道两新组织党委\n盖章：是\n请于月底前报送。');
    expect((await cli('export', 'notice', '--in', sealed, '--out', path.join(out, 'sealed.docx'), '--db', core.dbPath)).code).toBe(0);
    const sps = paragraphs(docxParts(fs.readFileSync(path.join(out, 'sealed.docx'))).document);
    const sig = sps.find((x) => x.text === TEST_DOCUMENT_SETTINGS.signature)!;
    expect(sig.pPr).toContain('<w:jc w:val="center"/>');
    expect(sps.some((x) => x.text.includes('盖章'))).toBe(false);
    fs.writeFileSync(sealed, '关于年度统计工作的通知\n盖章：也许\n请于月底前报送。');
    const unsure = await cli('export', 'notice', '--in', sealed, '--out', path.join(out, 'sealed2.docx'), '--db', core.dbPath);
    expect(unsure.code).not.toBe(0);
    expect(unsure.err).toContain('盖章：是');
    const json = path.join(out, 'sealed.json');
    fs.writeFileSync(json, JSON.stringify({ title: '关于年度统计工作的通知', mainRecipient: '', body: '请于月底前报送。', sealed: true }));
    expect((await cli('export', 'notice', '--in', json, '--out', path.join(out, 'sealed3.docx'), '--db', core.dbPath)).code).toBe(0);
    const jsig = paragraphs(docxParts(fs.readFileSync(path.join(out, 'sealed3.docx'))).document).find((x) => x.text === TEST_DOCUMENT_SETTINGS.signature)!;
    expect(jsig.pPr).toContain('<w:jc w:val="center"/>');
  });

  it('writes a batch of org cards into a folder, one .docx each, never overwriting a file already there', async () => {
    const folder = path.join(core.dir, 'cards');
    const codes = [];
    for (const id of orgIds.slice(0, 3)) codes.push((await must(core, 'orgs.get', { id })).org);
    const args = ['export', 'org-card', '--uscc', codes.map((o) => o.uscc).join(','), '--out', folder + path.sep, '--db', core.dbPath, '--json'];
    const first = await cli(...args);
    expect(first.err).toBe('');
    const { out, files, count } = first.json();
    expect(out).toBe(folder);
    expect(count).toBe(3);
    expect(fs.readdirSync(folder).sort()).toEqual(files.map((f: string) => path.basename(f)).sort());
    for (const [i, f] of (files as string[]).entries()) {
      expect(path.dirname(f)).toBe(folder);
      expect(path.basename(f)).toContain(codes[i].name);
      expect(docxParts(fs.readFileSync(f)).document).toContain(codes[i].name);
    }
    // The same again: the first three stay as they were, three more are added beside them as “（2）”.
    const before = files.map((f: string) => fs.readFileSync(f));
    const second = (await cli(...args)).json();
    expect(fs.readdirSync(folder)).toHaveLength(6);
    for (const f of second.files as string[]) expect(path.basename(f)).toMatch(/（2）\.docx$/);
    files.forEach((f: string, i: number) => expect(fs.readFileSync(f).equals(before[i])).toBe(true));
    // A single card into an existing folder is one file there.
    const one = (await cli('export', 'org-card', '--uscc', codes[0].uscc, '--out', folder, '--db', core.dbPath, '--json')).json();
    expect(one.files).toHaveLength(1);
    expect(path.dirname(one.files[0])).toBe(folder);
    expect(fs.readdirSync(folder)).toHaveLength(7);
  });

  it('writes a .zip into a folder with names made safe: no folders, no characters Windows refuses', () => {
    const folder = path.join(core.dir, 'unsafe');
    fs.mkdirSync(folder);
    const zip = zipSync({ '../escape.docx': strToU8('a'), 'sub/dir/inner.docx': strToU8('b'), '问:题?.docx': strToU8('c') });
    const written = writeZipToFolder(zip, folder).map((f) => path.relative(folder, f)).sort();
    expect(written).toEqual(['escape.docx', 'inner.docx', '问_题_.docx'].sort());
    expect(fs.existsSync(path.join(core.dir, 'escape.docx'))).toBe(false);
    expect(() => writeZipToFolder(zip, path.join(core.dir, 'no-such-folder'))).toThrow('不存在');
    expect(() => writeZipToFolder(new Uint8Array([1, 2, 3]), folder)).toThrow('损坏');
  });
});

describe('no placeholder goes out: settings still holding “××” refuse every document that would print them', () => {
  const blank = testCore({ unfilledSettings: true });
  beforeAll(() => loadDemo(blank.ctx, 20, 7));
  afterAll(() => {
    blank.close();
    fs.rmSync(blank.dir, { recursive: true, force: true });
  });

  it('refuses ledger, notice, preview, debriefing and instructor documents with SETTINGS_INCOMPLETE naming the fields', async () => {
    const tries = [
      () => blank.invoke('export.document', { request: { kind: 'ledger', filter: {} } }),
      () => blank.invoke('export.document', { request: { kind: 'notice', notice: SAMPLE_NOTICE } }),
      () => blank.invoke('export.preview', { request: { kind: 'coverage' } }),
      () => blank.invoke('debriefing.export', { kind: 'plan', year: 2025 }),
      () => blank.invoke('debriefing.export', { kind: 'debriefing-results', year: 2025 }),
      () => blank.invoke('instructors.exportNotice', {}),
      () => blank.invoke('instructors.exportRoster', {}),
    ];
    for (const t of tries) {
      const r = await t();
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('SETTINGS_INCOMPLETE');
      expect(r.error.message).toContain('“发文机关名称”');
      expect(r.error.message).toContain('设置 → 公文设置');
      expect(r.error.issues?.map((i) => i.field)).toEqual(expect.arrayContaining(['issuerName', 'issuerMark', 'docNumberPrefix', 'printer', 'signature']));
    }
    // The refused notice took no 文号.
    expect((await must(blank, 'export.getSettings', {})).nextDocNumber).toBe(1);
    // A document that prints none of them (the org card) still goes out.
    const org = (await must(blank, 'orgs.list', { limit: 1 })).rows[0];
    expect((await blank.invoke('export.document', { request: { kind: 'orgCard', orgIds: [org.id] } })).ok).toBe(true);
  });

  it('every door of the core: each document and preview is refused, or goes out without a “××” in it', async () => {
    const org = (await must(blank, 'orgs.list', { limit: 1 })).rows[0];
    const instructor = blank.ctx.db.prepare('SELECT instructor_id FROM instructor_visits GROUP BY instructor_id ORDER BY COUNT(*) DESC LIMIT 1').pluck().get() as number;
    const requests: DocumentRequest[] = [
      { kind: 'ledger', filter: {} },
      { kind: 'orgCard', orgIds: [org.id] },
      { kind: 'unbuilt' },
      { kind: 'coverage' },
      { kind: 'notice', notice: SAMPLE_NOTICE },
    ];
    const doors: [string, () => Promise<{ ok: boolean; data?: unknown; error?: { code: string } }>][] = [
      ...requests.flatMap((request): [string, () => Promise<any>][] => [
        [`export.document ${request.kind}`, () => blank.invoke('export.document', { request })],
        [`export.preview ${request.kind}`, () => blank.invoke('export.preview', { request })],
      ]),
      ...EXPORT_KINDS.map((kind): [string, () => Promise<any>] => [`debriefing.export ${kind}`, () => blank.invoke('debriefing.export', { kind, year: 2025 })]),
      ...HONOURS_EXPORT_KINDS.map((kind): [string, () => Promise<any>] => [`rating.export ${kind}`, () => blank.invoke('rating.export', { kind, year: 2025 })]),
      ['instructors.exportNotice', () => blank.invoke('instructors.exportNotice', {})],
      ['instructors.exportRoster', () => blank.invoke('instructors.exportRoster', {})],
      ['instructors.exportVisits', () => blank.invoke('instructors.exportVisits', { instructorId: instructor, from: '2020-01-01', to: '2026-11-22' })],
    ];
    /** Every text a reply carries: a .docx's parts, each .docx of a .zip, a preview's html. */
    const texts = (data: any): string[] => {
      if (typeof data?.html === 'string') return [data.html];
      const f = data?.file ?? data;
      const bytes = Buffer.from(f.base64, 'base64');
      const docs = f.fileName.endsWith('.zip') ? Object.values(unzipSync(bytes)) : [bytes];
      return docs.flatMap((d) => Object.values(unzipSync(d)).map((part) => Buffer.from(part).toString('utf8')));
    };
    const refused: string[] = [];
    const leaked: string[] = [];
    for (const [name, call] of doors) {
      const r = await call();
      if (!r.ok) {
        if (r.error?.code === 'SETTINGS_INCOMPLETE') refused.push(name);
        continue;
      }
      if (texts(r.data).some((t) => t.includes('××'))) leaked.push(name);
    }
    expect(leaked).toEqual([]);
    // The documents that print the office's names are the ones refused (the org card, the ballots print none).
    expect(refused).toEqual(expect.arrayContaining(['export.document ledger', 'export.preview notice', 'debriefing.export plan', 'rating.export model-decision', 'instructors.exportNotice']));
    expect(refused.length).toBeGreaterThanOrEqual(15);
  });

  it('CLI: every export command refuses while the settings hold “××”, and writes nothing', async () => {
    const other = testCore({ unfilledSettings: true });
    try {
      loadDemo(other.ctx, 20, 7);
      other.close();
      const notice = path.join(other.dir, 'n.txt');
      fs.writeFileSync(notice, '关于做好两新组织党建工作的通知\n主送：各街道（乡镇）两新组织党委\n特此通知。\n');
      const commands = [['ledger'], ['unbuilt'], ['coverage'], ['notice', '--in', notice], ['instructor-notice'], ['instructor-roster']];
      for (const c of commands) {
        const out = path.join(other.dir, `${c[0]}.docx`);
        const r = await cli('export', ...c, '--out', out, '--db', other.dbPath);
        expect(r.code, c[0]).not.toBe(0);
        expect(r.err, c[0]).toContain('还是通用的“××”');
        expect(fs.existsSync(out), c[0]).toBe(false);
      }
    } finally {
      fs.rmSync(other.dir, { recursive: true, force: true });
    }
  });

  it('one “××” left is enough to refuse; filled in, the export goes through', async () => {
    const own = testCore({ unfilledSettings: true }); // it fills the settings: the shared blank database stays blank
    try {
      await must(own, 'export.saveSettings', { ...TEST_DOCUMENT_SETTINGS, printer: '中共××区两新组织工作委员会办公室' });
      const r = await own.invoke('export.document', { request: { kind: 'unbuilt' } });
      expect(r.ok || r.error.issues?.map((i) => i.field)).toEqual(['printer']);
      await must(own, 'export.saveSettings', TEST_DOCUMENT_SETTINGS);
      expect((await own.invoke('export.document', { request: { kind: 'unbuilt' } })).ok).toBe(true);
    } finally {
      own.close();
      fs.rmSync(own.dir, { recursive: true, force: true });
    }
  });

  it('CLI: the refusal says how to fill the settings; `settings documents` shows and saves them', async () => {
    const other = testCore({ unfilledSettings: true });
    try {
      other.close();
      const out = path.join(other.dir, 'u.docx');
      const refused = await cli('export', 'unbuilt', '--out', out, '--db', other.dbPath);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toContain('还是通用的“××”');
      expect(refused.err).toContain('settings documents');
      expect(fs.existsSync(out)).toBe(false);
      const shown = (await cli('settings', 'documents', '--db', other.dbPath, '--json')).json();
      expect(shown.unfilled).toEqual(['issuerName', 'issuerMark', 'docNumberPrefix', 'printer', 'signature']);
      const set = await cli('settings', 'documents', '--db', other.dbPath, '--issuer-name', TEST_DOCUMENT_SETTINGS.issuerName, '--issuer-mark', TEST_DOCUMENT_SETTINGS.issuerMark, '--prefix', '桃两新', '--printer', TEST_DOCUMENT_SETTINGS.printer, '--signature', TEST_DOCUMENT_SETTINGS.signature, '--next-number', '5');
      expect(set.code).toBe(0);
      expect(set.out).toContain('已保存');
      expect((await cli('export', 'unbuilt', '--out', out, '--db', other.dbPath)).code).toBe(0);
      expect(docxParts(fs.readFileSync(out)).document).toContain(`制表单位：${TEST_DOCUMENT_SETTINGS.issuerName}`);
      expect((await cli('settings', 'documents', '--db', other.dbPath, '--json')).json().settings.nextDocNumber).toBe(5);
    } finally {
      fs.rmSync(other.dir, { recursive: true, force: true });
    }
  });
});
