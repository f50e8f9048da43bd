import { COUNT_MAX } from '../../../shared/contract/limits';

/**
 * Cell value normalisation for census files. Each parser returns a value or a Chinese reason; a
 * `warning` marks a value taken with a caveat the user should see.
 */
export type Cell = string | number | boolean | null;
export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; reason: string };

const ok = <T>(value: T, warning?: string): Parsed<T> => (warning ? { ok: true, value, warning } : { ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

/**
 * Text that cleanText leaves as it is: printable ASCII and CJK unified ideographs (all NFKC-stable), words
 * parted by single spaces. Most cells are like this, and the test is cheaper than normalising.
 */
export const PLAIN_TEXT = /^[\x21-\x7e\u4e00-\u9fff]+(?: [\x21-\x7e\u4e00-\u9fff]+)*$/;

/** NFKC (full-width → half-width, U+3000 → space), trimmed, inner runs of spaces collapsed. */
export function cleanText(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return PLAIN_TEXT.test(s) ? s : s.normalize('NFKC').replace(/[\s\u00a0]+/g, ' ').trim();
}

export const textOrNull = (v: Cell): string | null => cleanText(v) || null;

/** A cell as a message shows it: a number in the range of Excel date serials also as the date it is (42481 → 2016年4月21日). */
export function shownCell(v: Cell): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 10_000 && v <= 73_050) {
    const [y, m, d] = excelSerialToIso(v)!.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  }
  return cleanText(v);
}

/** Words for “nothing here”. */
export const NONE_WORDS = new Set(['-', '—', '--', '/', '无', '没有', '暂无', 'N/A', 'NA']);
const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一…九十九 in Chinese numerals (what people type for small counts). */
function chineseNumber(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (cur || 1) * 100;
      cur = 0;
    } else if (ch === '十') {
      total += (cur || 1) * 10;
      cur = 0;
    } else cur = CN_DIGITS[ch];
  }
  return total + cur;
}

/** A head count: 1,234 ３ " 2 " 12人 12.0 三 约50; blank → null; - / 无 → 0. */
export function parseCount(v: Cell): Parsed<number | null> {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad('不是有效数字');
    if (v < 0) return bad(`人数不能为负数（${v}）`);
    if (!Number.isInteger(v)) return bad(`人数应为整数（${v}）`);
    if (v > COUNT_MAX) return bad(`人数过大（${v}），最多 ${COUNT_MAX}`);
    return ok(v);
  }
  if (typeof v === 'boolean') return bad('应填人数');
  let s = cleanText(v).replace(/\s/g, '');
  if (!s) return ok(null);
  if (NONE_WORDS.has(s)) return ok(0);
  let warning: string | undefined;
  const about = /^(约|大约|近|约有)/.exec(s);
  if (about) {
    s = s.slice(about[0].length);
    warning = `人数为约数“${cleanText(v)}”，已按 ${s.replace(/[人名个]$/, '')} 导入，请核实`;
  }
  s = s.replace(/[人名个位]$/, '').replace(/,/g, '');
  const cn = chineseNumber(s);
  if (cn !== null) return ok(cn, warning);
  if (/^-\d/.test(s)) return bad(`人数不能为负数（${cleanText(v)}）`);
  if (!/^\d+(\.0+)?$/.test(s)) {
    if (/^\d+\.\d+$/.test(s)) return bad(`人数应为整数（${cleanText(v)}）`);
    return bad(`“${cleanText(v)}”不是人数，请填写数字，如 12`);
  }
  const n = Number(s);
  if (n > COUNT_MAX) return bad(`人数过大（${s}），最多 ${COUNT_MAX}`);
  return ok(n, warning);
}

const YES = new Set(['是', '√', '✓', '✔', '有', '已建', '已建立', '已组建', 'Y', 'YES', '1', 'TRUE', '建立', '已']);
const NO = new Set(['否', '×', '✗', '✘', 'X', '无', '未建', '未建立', '未组建', 'N', 'NO', '0', 'FALSE', '没有', '-', '/', '未']);

/** Yes/no: 是 否 √ × 有 无 已建 未建 Y N 1 0 是（联合）. `joint` marks 是（联合）. Blank → null. */
export function parseYesNo(v: Cell): Parsed<{ yes: boolean; joint: boolean } | null> {
  if (typeof v === 'boolean') return ok({ yes: v, joint: false });
  if (typeof v === 'number') return v === 1 || v === 0 ? ok({ yes: v === 1, joint: false }) : bad(`“${shownCell(v)}”不是“是/否”，请填写 是 或 否`);
  const s = cleanText(v).replace(/\s/g, '').toUpperCase();
  if (!s) return ok(null);
  const m = /^(.+?)\((.*)\)$/.exec(s);
  const head = m ? m[1] : s;
  const note = m ? m[2] : '';
  if (YES.has(head)) return ok({ yes: true, joint: /联合|联建/.test(note) });
  if (NO.has(head)) return ok({ yes: false, joint: false });
  return bad(`“${cleanText(v)}”不是“是/否”，请填写 是 或 否`);
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel serial day → YYYY-MM-DD, by UTC arithmetic (local getters are off by hours in Asia/Shanghai). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 73050) return null;
  // Day 60 is Excel's fictitious 1900-02-29; serials after it are one day ahead of the real count.
  const days = Math.floor(serial) - (serial > 60 ? 1 : 0);
  const dt = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return `${dt.getUTCFullYear()}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/** Dates: Excel serials, 2024.1.5 2024/01/05 2024-1-5 2024年1月5日 20240105 2024.01 (→ the 1st). Blank → null. */
export function parseDate(v: Cell): Parsed<string | null> {
  if (typeof v === 'number') {
    if (v >= 19000101 && v <= 21001231 && Number.isInteger(v)) return parseDate(String(v));
    const iso = excelSerialToIso(v);
    return iso ? ok(iso) : bad(`“${v}”不是有效日期`);
  }
  const s = cleanText(v).replace(/\s/g, '');
  if (!s) return ok(null);
  let m = /^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const iso = isoOf(+m[1], +m[2], +m[3]);
    return iso ? ok(iso) : bad(`“${s}”不是有效日期`);
  }
  m = /^(\d{4})[.\-/年](\d{1,2})月?$/.exec(s);
  if (m) {
    const iso = isoOf(+m[1], +m[2], 1);
    return iso ? ok(iso) : bad(`“${s}”不是有效日期`);
  }
  if (/^\d+(\.\d+)?$/.test(s)) {
    const iso = excelSerialToIso(Number(s));
    if (iso) return ok(iso);
  }
  return bad(`“${s}”不是日期，请写成 2024-01-05 或 2024年1月5日`);
}

/** Picks the controlled-vocabulary word a cell means, via synonyms; blank → null. */
export function parseChoice<T extends string>(v: Cell, synonyms: Record<string, T>, what: string, allowed: readonly T[]): Parsed<T | null> {
  const s = shownCell(v).replace(/\s/g, '');
  if (!s || NONE_WORDS.has(s)) return ok(null);
  if ((allowed as readonly string[]).includes(s)) return ok(s as T);
  const hit = synonyms[s];
  if (hit) return ok(hit);
  return bad(`“${s}”不是可识别的${what}，可填：${allowed.join('、')}`);
}
