/**
 * Where a line may break in Chinese text: between words, never inside one. Node's Intl.Segmenter splits
 * 排|查 and 党|建, so words come from jieba (a dictionary segmenter, native, loaded on the first export: the
 * dictionary takes ≈ 0.5 s to read) plus the office's own terms; dates, codes, numbers and bracketed
 * names are kept whole on top of that, and punctuation stays with the word it belongs to.
 */
import { createRequire } from 'node:module';
import { RULE_FLAGS } from '../../../shared/domain/rules';

/** The office's words jieba does not know, or splits (应|建|未|建). */
export const OFFICE_TERMS = [
  '两新组织', '两新工委', '两新党组织', '党建指导员', '党建工作指导员', '联络员', '述职评议', '述职报告', '民主测评', '应建未建',
  '党组织书记', '抓党建', '党建工作', '单独组建', '联合组建', '网格组建', '换届届满', '集中排查',
  '非公企业', '社会组织', '统一社会信用代码', '从业人员', '正式党员', '预备党员', '工作覆盖', '组织覆盖', '覆盖情况', '双强六好',
  '书记项目', '副书记', '整改清单', '测评得分', '综合得分', '有限公司', '有限责任公司', '股份有限公司',
  ...RULE_FLAGS,
];

interface Segmenter {
  cut(text: string, hmm?: boolean): string[];
}

let jieba: Segmenter | null = null;

function segmenter(): Segmenter {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): Segmenter & { loadDict(d: Uint8Array): void } } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    const j = Jieba.withDict(dict);
    j.loadDict(Buffer.from(OFFICE_TERMS.map((t) => `${t} 1000000 n`).join('\n')));
    jieba = j;
  }
  return jieba;
}

/**
 * Runs that are never split: dates (2026年1月5日, 2026年度, 2026年), 〔2026〕 numbers, codes and ID numbers,
 * numbers with their decimals and measure word (92.5分, 86%, 14个, 12天), and a person's name in brackets after a unit (（黄振华）).
 */
const WHOLE = /\d{4}年\d{1,2}月\d{1,2}日|\d{4}年度|\d{4}年|\d{1,2}月\d{1,2}日|〔\d{4}〕\d+号|[0-9A-Z*]{8,}|\d+(?:\.\d+)?(?:%|分|个|人|名|天|次|项|页|号)?|（[\u4e00-\u9fa5·]{2,5}）/g;
/** Punctuation that may not start a line (it joins the word before) or end one (it joins the word after). */
const NO_START = /^[，。、；：？！）》」』】〕”’…—·%.,:;!?) ]+/;
const NO_END = /[（《「『【〔“‘]+$/;

/** Width of a unit as it sits at a line end: closing punctuation may hang into the margin (overflowPunct). */
export const fitWidth = (unit: string, width: (s: string) => number): number => width(unit.replace(NO_START_END, ''));
const NO_START_END = /[，。、；：？！）》」』】〕”’,.;:!?)]+$/;

/** The runs of `text` that must stay on one line (dates, codes, numbers, bracketed names), without segmenting, each with the closing marks after it (they may not start a line). */
export const wholeRuns = (text: string): string[] => text.match(WHOLE_CLOSED) ?? [];
const WHOLE_CLOSED = new RegExp(`(?:${WHOLE.source})[，。、；：？！）》」』】〕”’…%]*`, 'g');

/**
 * A unit too wide for its line cut into characters, as a word processor may cut it: a closing mark stays
 * with the character before it, an opening mark with the one after it.
 */
export function characters(unit: string): string[] {
  const out: string[] = [];
  // A run of digits or Latin letters moves whole in LibreOffice: it is one piece here too.
  for (const ch of unit.match(/[0-9A-Za-z.%]+|./gsu) ?? []) {
    if (out.length && (NO_START.test(ch) || NO_END.test(out[out.length - 1]))) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** The text cut into pieces a line may break between (every piece kept whole). */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  let at = 0;
  const plain = (s: string) => {
    if (s) units.push(...segmenter().cut(s, true));
  };
  for (const m of text.matchAll(WHOLE)) {
    plain(text.slice(at, m.index));
    units.push(m[0]);
    at = m.index! + m[0].length;
  }
  plain(text.slice(at));
  // Punctuation rules: closing marks go back onto the unit before, opening marks on to the unit after.
  const out: string[] = [];
  for (const u of units) {
    const lead = NO_START.exec(u)?.[0] ?? '';
    if (lead && out.length) {
      out[out.length - 1] += lead;
      if (u.length > lead.length) out.push(u.slice(lead.length));
    } else if (out.length && NO_END.test(out[out.length - 1])) out[out.length - 1] += u;
    else out.push(u);
  }
  return out.filter(Boolean);
}

/**
 * Breaks `text` into the fewest lines of at most `max` wide (by `width`), at word boundaries, as even as
 * can be (GB/T 9704 7.3.3: a multi-line title keeps words whole, lines 梯形 or 菱形). Among equally even
 * choices the upper lines are the shorter (梯形). A unit wider than a line is cut by character.
 */
export function balancedLines(text: string, max: number, width: (s: string) => number): string[] {
  if (width(text) <= max) return [text];
  const units = breakUnits(text).flatMap((u) => (width(u) <= max ? [u] : [...u]));
  const n = units.length;
  const w = (i: number, j: number) => width(units.slice(i, j).join(''));
  // best[k][j]: the least spread for units[0..j) in k lines; squared deviation from the mean line width.
  const total = width(text);
  for (let lines = Math.ceil(total / max); lines <= n; lines++) {
    const mean = total / lines;
    const best: number[][] = Array.from({ length: lines + 1 }, () => Array<number>(n + 1).fill(Infinity));
    const from: number[][] = Array.from({ length: lines + 1 }, () => Array<number>(n + 1).fill(-1));
    best[0][0] = 0;
    for (let k = 1; k <= lines; k++) {
      for (let j = 1; j <= n; j++) {
        for (let i = j - 1; i >= k - 1; i--) {
          const lw = w(i, j);
          if (lw > max) break;
          if (best[k - 1][i] === Infinity) continue;
          // A tiny bias for a shorter upper line breaks ties towards the 梯形.
          const cost = best[k - 1][i] + (lw - mean) ** 2 + (k < lines ? lw * 1e-6 : 0);
          if (cost < best[k][j]) {
            best[k][j] = cost;
            from[k][j] = i;
          }
        }
      }
    }
    if (best[lines][n] === Infinity) continue;
    const out: string[] = [];
    for (let k = lines, j = n; k > 0; k--) {
      const i = from[k][j];
      out.unshift(units.slice(i, j).join(''));
      j = i;
    }
    return out;
  }
  return [...text];
}
