/**
 * Render checks (gongwen.md): every document type through LibreOffice with ../shared/tools/fonts.conf,
 * measured with poppler. One LibreOffice run for all files keeps CI time modest.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_REPORT, type DocumentRequest } from '../../shared/contract/export';
import { loadDemo } from '../../electron/core/demo/demo';
import { TEST_DOCUMENT_SETTINGS, must, testCore } from '../helpers/core';
import { pdfFonts, pdfLayout, type PdfPage } from '../helpers/render';
import { expectA4, MAPPED_FONTS, renderedPdfs } from '../helpers/renderSuite';

const MM = 72 / 25.4;
const core = testCore();

/** A notice of plain paragraphs without punctuation, so full lines and full pages can be counted. */
const FILLER = '两新组织党建工作覆盖情况'.repeat(12);
const measureNotice: DocumentRequest = {
  kind: 'notice',
  notice: {
    title: '关于两新组织党建工作版式测量的通知',
    mainRecipient: '各街道两新组织党委',
    body: ['# 总体要求', ...Array.from({ length: 14 }, () => FILLER)].join('\n'),
    attachments: [],
    withHeader: false,
  },
};

/**
 * 加盖印章, with a body that ends on line 21 of page 2: 2 blank lines and the 署名 would open page 3 with no
 * text on it (measured), so the last (one-line) paragraph has to come along.
 */
const sealedNotice: DocumentRequest = {
  kind: 'notice',
  notice: {
    ...(measureNotice.notice as Extract<DocumentRequest, { kind: 'notice' }>['notice']),
    body: ['# 总体要求', ...Array.from({ length: 6 }, () => FILLER), ...Array.from({ length: 3 }, () => '两新组织党建工作覆盖情况'.repeat(2))].join('\n'),
    sealed: true,
  },
};

const pdfs = renderedPdfs(core, async () => {
  loadDemo(core.ctx, 60, 7);
  const org = (await must(core, 'orgs.list', { partyOrg: 'built', limit: 1 })).rows[0];
  const requests: Record<string, DocumentRequest> = {
    notice: measureNotice,
    sealed: sealedNotice,
    ledger: { kind: 'ledger', filter: {} },
    orgCard: { kind: 'orgCard', orgIds: [org.id] },
    unbuilt: { kind: 'unbuilt' },
    coverage: { kind: 'coverage' },
    report: { kind: 'notice', notice: SAMPLE_REPORT },
    report3: { kind: 'notice', notice: { ...SAMPLE_REPORT, signers: ['张建国', '李振华', '欧阳明'] } },
  };
  const files: Record<string, Uint8Array> = {};
  for (const [name, request] of Object.entries(requests)) {
    files[name] = Buffer.from((await must(core, 'export.document', { request })).file.base64, 'base64');
  }
  return files;
});

/** Text lines inside the type area of a portrait page (footer excluded). */
const bodyLines = (p: PdfPage) => p.lines.filter((l) => l.yMin > 2098 / 20 - 2 && l.yMax < p.height - 1984 / 20 + 2);
const pageNumber = (p: PdfPage) => p.lines.find((l) => /^—\d+—$/.test(l.text.replace(/\s/g, '')));

describe('rendered exports (LibreOffice + poppler)', () => {
  it('A4 pages: portrait 595×842, landscape 842×595', () => {
    expectA4(pdfs, { landscape: ['ledger', 'coverage'], portrait: ['notice', 'orgCard', 'unbuilt'] });
  });

  it('22 lines on a full body page, 28 characters on a full line, left edge at 28 mm, pitch 579 twips', () => {
    const pages = pdfLayout(pdfs.notice);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const page2 = bodyLines(pages[1]);
    expect(page2).toHaveLength(22);
    const full = page2.filter((l) => [...l.text].length === 28);
    expect(full.length).toBeGreaterThanOrEqual(15);
    expect(page2.every((l) => [...l.text].length <= 28)).toBe(true);
    const left = Math.min(...page2.map((l) => l.xMin));
    expect(left / MM).toBeCloseTo(28, 0);
    // Full lines end at the right margin (26 mm), within a quarter character.
    for (const l of full) expect((pages[1].width - l.xMax) / MM).toBeGreaterThan(25);
    const pitch = (page2.at(-1)!.yMin - page2[0].yMin) / 21;
    expect(pitch).toBeCloseTo(579 / 20, 1);
    // First-line indent 2 字 (32 pt) on the paragraph starts.
    const starts = page2.filter((l) => l.text.startsWith('两新') && l.xMin > left + 10);
    for (const l of starts) expect(l.xMin - left).toBeCloseTo(32, 0);
  });

  it('page numbers: —1— right on page 1 (1 字 in), —2— left on page 2 (1 字 in), 7 mm under the type area', () => {
    const pages = pdfLayout(pdfs.notice);
    const n1 = pageNumber(pages[0])!;
    const n2 = pageNumber(pages[1])!;
    expect(n1.text.replace(/\s/g, '')).toBe('—1—');
    expect(n2.text.replace(/\s/g, '')).toBe('—2—');
    expect(pages[0].width - n1.xMax).toBeCloseTo(1474 / 20 + 14, -0.5);
    expect(n2.xMin).toBeCloseTo(1588 / 20 + 14, -0.5);
    const belowTypeArea = (n1.yMin - (pages[0].height - 1984 / 20)) / MM;
    expect(belowTypeArea).toBeGreaterThan(4);
    expect(belowTypeArea).toBeLessThan(9);
  });

  it('署名 2 字 from the right edge; 成文日期 starts 2 字 right of the 署名, on the next line', () => {
    const lines = pdfLayout(pdfs.notice).flatMap((p) => p.lines.map((l) => ({ ...l, width: p.width })));
    const sig = lines.find((l) => l.text === TEST_DOCUMENT_SETTINGS.signature)!;
    const date = lines.find((l) => l.text === '2026年11月22日')!;
    expect(date.xMin - sig.xMin).toBeCloseTo(32, 0);
    expect((sig.width - 1474 / 20 - sig.xMax) / 16).toBeCloseTo(2, 0);
    expect(date.yMin - sig.yMin).toBeCloseTo(579 / 20, 0);
  });

  it('加盖印章: 成文日期 4 字 from the right edge, 署名 centred over it, both 3 lines under the body, which shares their page', () => {
    const pages = pdfLayout(pdfs.sealed);
    const page = pages.find((p) => p.lines.some((l) => l.text === TEST_DOCUMENT_SETTINGS.signature))!;
    expect(page).toBe(pages.at(-1));
    const sig = page.lines.find((l) => l.text === TEST_DOCUMENT_SETTINGS.signature)!;
    const date = page.lines.find((l) => l.text === '2026年11月22日')!;
    // 4 × 16 pt from the right margin (measured 63.9 pt), within 0.05 字.
    expect((page.width - 1474 / 20 - date.xMax) / 16).toBeCloseTo(4, 1);
    // Centres within 1 pt (measured 0.03 pt).
    expect(Math.abs((sig.xMin + sig.xMax) / 2 - (date.xMin + date.xMax) / 2)).toBeLessThan(1);
    expect(date.yMin - sig.yMin).toBeCloseTo(579 / 20, 0);
    // Body text on the 署名's page (the seal never stands alone), its last line 2 blank lines above the 署名.
    const above = bodyLines(page).filter((l) => l.yMax <= sig.yMin);
    expect(above.length).toBeGreaterThan(0);
    expect(above.at(-1)!.text).toBe('两新组织党建工作覆盖情况'.repeat(2));
    expect(sig.yMin - above.at(-1)!.yMin).toBeCloseTo((3 * 579) / 20, 0);
  });

  it('landscape ledger: header repeated on every page, page numbers alternate', () => {
    const pages = pdfLayout(pdfs.ledger);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(p.lines.some((l) => l.text === '组织名称')).toBe(true);
    expect(pageNumber(pages[0])!.xMin).toBeGreaterThan(pages[0].width / 2);
    expect(pageNumber(pages[1])!.xMax).toBeLessThan(pages[1].width / 2);
    // The table starts at the type area's left edge (landscape left margin 35 mm): 序号 is its first column.
    const first = pages[0].lines.find((l) => l.text === '序' || l.text === '序号')!;
    expect(first.xMin / MM).toBeGreaterThan(35);
    expect(first.xMin / MM).toBeLessThan(42);
  });

  it('every document uses only the mapped fonts (no unexpected fallback)', () => {
    for (const [name, pdf] of Object.entries(pdfs)) {
      const fonts = pdfFonts(pdf);
      expect(fonts.length, name).toBeGreaterThan(0);
      for (const f of fonts) expect(f, `${name}: ${f}`).toMatch(MAPPED_FONTS);
    }
  });

  it('titles and tables land where the model puts them', () => {
    const card = pdfLayout(pdfs.orgCard)[0];
    expect(card.lines.some((l) => l.text === '企业（社会组织）党建档案卡')).toBe(true);
    const unbuilt = pdfLayout(pdfs.unbuilt);
    expect(unbuilt[0].lines.some((l) => l.text === '一、说明')).toBe(true);
    const coverage = pdfLayout(pdfs.coverage);
    expect(coverage.flatMap((p) => p.lines).some((l) => l.text === '合计')).toBe(true);
  });

  it('上行文: 发文字号 1 字 in from the left, “签发人：” + names ending 1 字 in from the right, on one line', () => {
    const page = pdfLayout(pdfs.report)[0];
    const number = page.lines.find((l) => l.text.startsWith('桃两新〔2026〕'))!;
    const signer = page.lines.find((l) => l.text.startsWith('签发人：'))!;
    expect(signer.text).toBe('签发人：张建国李振华');
    expect(number.yMin).toBeCloseTo(signer.yMin, 1);
    expect(number.xMin - 1588 / 20).toBeCloseTo(16, 0);
    expect(page.width - 1474 / 20 - signer.xMax).toBeCloseTo(16, 0);
    // Where the centred 发文字号 would be: 2 blank lines (2 × 579 twips) under the mark's line.
    const mark = page.lines.find((l) => l.text === TEST_DOCUMENT_SETTINGS.issuerMark)!;
    expect(signer.yMin - mark.yMax).toBeGreaterThan((2 * 579) / 20);
    expect(signer.yMin - mark.yMax).toBeLessThan((3 * 579) / 20 + 8);
  });

  it('上行文 with three 签发人: the third name starts under the first, the 发文字号 is on its line', () => {
    const page = pdfLayout(pdfs.report3)[0];
    const first = page.lines.find((l) => l.text.startsWith('签发人：'))!;
    const third = page.lines.find((l) => l.text === '欧阳明')!;
    const number = page.lines.find((l) => l.text.startsWith('桃两新〔2026〕'))!;
    expect(third.yMin - first.yMin).toBeCloseTo(579 / 20, 0);
    expect(number.yMin).toBeCloseTo(third.yMin, 1);
    // “签发人：” is 4 字 of 16 pt less the −0.25 pt spacing each; within 1 pt (the right tab and the left tab round apart).
    expect(Math.abs(third.xMin - (first.xMin + 4 * 15.75))).toBeLessThan(1);
    expect(page.width - 1474 / 20 - first.xMax).toBeCloseTo(16, 0);
  });
});
