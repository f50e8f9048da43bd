/**
 * The numbers of GB/T 9704-2012 as used by this engine (see ../shared/gongwen.md). Twips (1/1440 in),
 * half-points for font sizes. Shared by the .docx renderer and the HTML preview.
 */
import type { Cell, HeadingLevel, Orientation } from './model';
import { balancedLines } from './words';

export const PAGE = { width: 11906, height: 16838 } as const;
/** Portrait margins: top 37 mm, left 28 mm, right 26 mm, bottom 35 mm. */
export const MARGIN_PORTRAIT = { top: 2098, left: 1588, right: 1474, bottom: 1984 } as const;
/**
 * Landscape pages are the portrait page turned a quarter (table head toward the binding edge): the
 * portrait left margin becomes the top, so the type area is the same 156 × 225 mm turned.
 */
export const MARGIN_LANDSCAPE = { top: 1588, left: 1984, right: 2098, bottom: 1474 } as const;
/** Type area (版心) 156 × 225 mm. */
export const TYPE_AREA = { width: 8844, height: 12756 } as const;
/** Footer distance 25 mm: the page-number dash lands ≈ 7 mm below the type area. */
export const FOOTER_DISTANCE = 1417;
/** Landscape footer sits in the 26 mm bottom margin. */
export const FOOTER_DISTANCE_LANDSCAPE = 794;
/** Exact line pitch: 22 lines × 579 = 12738 ≤ 12756 (580 gives 21 lines). */
export const LINE = 579;

export const FONT = {
  xiaobiaosong: '方正小标宋简体',
  fangsong: '仿宋_GB2312',
  kaiti: '楷体_GB2312',
  heiti: '黑体',
  songti: '宋体',
  latin: 'Times New Roman',
} as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

/** Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24 } as const;
/** −5 twips on every 16 pt run gives 28 characters on the 156 mm line (−4 or 0 gives 27). */
export const CHAR_SPACING_16PT = -5;
/** One 字 at 3号 (16 pt = 320 twips); indents are written in twips. */
export const CHAR = 320;
/** 2 字 first-line indent (also written as firstLineChars 200 for Word). */
export const INDENT_2 = 640;
/** 1 字 at 4号 (版记, page numbers). */
export const CHAR_14 = 280;
export const RED = 'FF0000';

export const HEADING_FONT: Record<HeadingLevel, FontName> = { 1: FONT.heiti, 2: FONT.kaiti, 3: FONT.fangsong, 4: FONT.fangsong };

export function typeWidth(o: Orientation = 'portrait'): number {
  return o === 'landscape' ? TYPE_AREA.height : TYPE_AREA.width;
}

export function typeHeight(o: Orientation = 'portrait'): number {
  return o === 'landscape' ? TYPE_AREA.width : TYPE_AREA.height;
}

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (headings never go past 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** The number in front of a heading: 一、 （一） 1. （1）. */
export function headingNumber(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumber(n)}、`;
    case 2:
      return `（${chineseNumber(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/** Numbers headings in order: a heading resets the levels below it. */
export function headingCounter(): (level: HeadingLevel) => string {
  const counts = [0, 0, 0, 0, 0];
  return (level) => {
    counts[level]++;
    for (let l = level + 1; l <= 4; l++) counts[l] = 0;
    return headingNumber(level, counts[level]);
  };
}

/** 2026-11-22 → 2026年11月22日 (Arabic numerals, no zero padding). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2028-09-17 → 2028年9月 (a month in a ledger column: a 届满 month). */
export function chineseMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return `${y}年${m}月`;
}

export { docNumber } from '../../../shared/contract/export';

/**
 * Space Word and LibreOffice add where 汉字 meet Latin letters or digits (autoSpaceDE/DN, on by default;
 * LibreOffice ignores turning it off): 69 twips at 16 pt, measured in LibreOffice 7.4 (“2026年11月22日” is
 * 126.7 pt wide, not 109.3). Word's amount is not measured.
 */
export const AUTO_SPACE_16PT = 69;

/**
 * Width of a 16 pt run in twips: CJK one em, Latin digits half an em (Times), each less the −5 spacing,
 * plus AUTO_SPACE_16PT at each change between 汉字 and Latin letters or digits.
 */
export function textWidth16(text: string): number {
  let w = 0;
  let prev: 'cjk' | 'latin' | 'other' = 'other';
  for (const ch of text) {
    const cjk = ch.charCodeAt(0) > 0x2e7f;
    const kind = cjk ? 'cjk' : /[0-9A-Za-z]/.test(ch) ? 'latin' : 'other';
    if ((kind === 'cjk' && prev === 'latin') || (kind === 'latin' && prev === 'cjk')) w += AUTO_SPACE_16PT;
    w += (cjk ? CHAR : CHAR / 2) + CHAR_SPACING_16PT;
    prev = kind;
  }
  return w;
}

/** Times New Roman capitals in thousandths of an em (digits and lower case are taken as half an em). */
const CAPS: Record<string, number> = { A: 722, B: 667, C: 667, D: 722, E: 611, F: 556, G: 722, H: 722, I: 333, J: 389, K: 722, L: 611, M: 889, N: 722, O: 722, P: 556, Q: 722, R: 667, S: 556, T: 611, U: 722, V: 722, W: 944, X: 722, Y: 722, Z: 611 };

/** Marks below U+2E80 the Chinese font prints one em wide (the runs' hint is eastAsia): — “ ” ‘ ’ … ·. */
const WIDE_MARKS = /[\u2014\u2018\u2019\u201c\u201d\u2026\u00b7]/;

/**
 * Width in twips of a run at `pt` points with `spacing` twips added to each character: 汉字 and full-width
 * marks one em, capitals by their Times widths, other Latin characters half an em, plus the space
 * LibreOffice puts where 汉字 meet Latin letters or digits (AUTO_SPACE_16PT, scaled to the size).
 */
export function textWidth(text: string, pt: number, spacing = 0): number {
  const em = pt * 20;
  let w = 0;
  let prev: 'cjk' | 'latin' | 'other' = 'other';
  for (const ch of text) {
    const cjk = ch.charCodeAt(0) > 0x2e7f;
    const kind = cjk ? 'cjk' : /[0-9A-Za-z]/.test(ch) ? 'latin' : 'other';
    if ((kind === 'cjk' && prev === 'latin') || (kind === 'latin' && prev === 'cjk')) w += (AUTO_SPACE_16PT * pt) / 16;
    w += (cjk || WIDE_MARKS.test(ch) ? em : CAPS[ch] ? (CAPS[ch] * em) / 1000 : em / 2) + spacing;
    prev = kind;
  }
  return w;
}

/** Title lines (小标宋 2号): the model's “\n” lines, each broken at word boundaries and balanced to fit `width`. */
export function titleLineTexts(title: string, width: number): string[] {
  return title.split('\n').flatMap((line) => balancedLines(line, width, (t) => textWidth(t, 22)));
}

/**
 * 署名 and 成文日期 (unsealed): the date starts 2 字 right of the signature's start; a date longer than that
 * stays 2 字 from the right edge and pushes the signature left. Returns left indents in twips.
 */
export function signatureIndents(signature: string, date: string, width: number): { signature: number; date: number } {
  const sigW = textWidth16(signature);
  const dateW = textWidth16(date);
  const rightDate = Math.max(INDENT_2, sigW - dateW);
  const dateLeft = width - rightDate - dateW;
  return { signature: Math.max(0, dateLeft - INDENT_2), date: Math.max(0, dateLeft) };
}

/**
 * 加盖印章的公文 (GB/T 9704 7.3.5.1): 成文日期 right 4 字 (so the seal stays inside the type area), the 署名
 * centred over it on the line above. Both lines are centred in one box [left, width] (left indent `left`,
 * right indent 0) whose middle is the date's middle: the 署名 sits exactly over the date whatever the
 * fonts make of their widths, and only the date's right space depends on textWidth16. A signature too
 * long for the box (wider than the date + 2 × 4 字) moves the date further left, as the unsealed rule moves
 * the signature; at most the date is centred on the type area. `dateRight` is the right space aimed at.
 */
export function sealedIndents(signature: string, date: string, width: number): { left: number; dateRight: number } {
  const sigW = textWidth16(signature);
  const dateW = textWidth16(date);
  const dateRight = Math.min(Math.max(SEAL_DATE_RIGHT, Math.ceil((sigW - dateW) / 2)), Math.floor((width - dateW) / 2));
  // The date's middle is width − dateRight − dateW / 2; the box [left, width] has the same middle.
  return { left: Math.max(0, width - 2 * dateRight - dateW), dateRight };
}

/** 成文日期 of a sealed document: right 4 字. */
export const SEAL_DATE_RIGHT = 4 * CHAR;
/**
 * Blank lines between the body (or 附件说明) and the 署名 of a sealed document. The seal (a 40–45 mm circle,
 * 4–4.5 lines tall) must start within 1 line under the body and press the 署名 and 日期 slightly below its
 * middle: with 2 blank lines the two text lines' middle sits 3 lines under the body, which is below the
 * seal's middle for any top edge within that first line (42 mm: top < 0.94 line); 1 blank line puts the
 * text above the middle, 3 leave the date on the seal's bottom rim.
 */
export const SEAL_BLANK_LINES = 2;

export const SIGNER_LABEL = '签发人：';

/**
 * 签发人 lines of an 上行文 (GB/T 9704 7.2.4): two names a line, “签发人：” before the first; the first line
 * ends 1 字 from the right edge, later lines start under its first name. `left` is each line's start
 * (twips from the left margin); the .docx puts line 1 on a right tab instead, so only later lines depend on it.
 */
export function signerLines(names: string[], width: number): { text: string; left: number }[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 2) lines.push(names.slice(i, i + 2).join('　'));
  const first = width - CHAR - textWidth16(SIGNER_LABEL + lines[0]);
  return lines.map((text, i) => (i === 0 ? { text: SIGNER_LABEL + text, left: first } : { text, left: first + textWidth16(SIGNER_LABEL) }));
}

/** Relative column weights → twips that sum exactly to the table width. */
export function columnWidths(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  widths[widths.length - 1] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

export const cellText = (c: Cell): string => (typeof c === 'string' ? c : c.text);

/** Table cell text size in pt: 4号 14 or 小四 12 (gongwen.md: nothing smaller). */
export const tableFontPt = (size: 14 | 12 | undefined): number => size ?? 12;
/**
 * Exact line pitch of table text in twips: 小四 at 13.8 pt (1.15 lines, Word's single spacing for 12 pt
 * Times; the 300-organisation ledger's 16 pages hang on it), 4号 at 20 pt.
 */
export const tableLinePitch = (pt: number): number => (pt === 14 ? 400 : 276);
/**
 * Rows of forms people write on (TableModel.minRowHeight, twips): a ballot's tick boxes 10 mm (ticked by hand
 * at a meeting); a field of a 档案卡 or a 立项书 a line and 2.5 mm (the rule and 139 twips): 7.5 mm at 小四, each of the
 * demo's 300 档案卡 still one page.
 */
export const TICK_ROW = 567;
export const fieldRow = (pt: number): number => tableLinePitch(pt) + 10 + 139;
/** Left (= right) cell margin in twips: 1 mm at 4号, ½ mm at 小四 (a ledger's name column needs the room). */
export const cellMargin = (pt: number): number => (pt < 14 ? 28 : 57);

/** 发文机关标志 size in pt: as large as fits the type area (22–44 pt), one em per character. */
export function markSize(mark: string): number {
  const chars = [...mark].length || 1;
  return Math.max(22, Math.min(44, Math.floor((TYPE_AREA.width * 0.92) / 20 / chars)));
}
