import type { CoreContext } from '../../context';
import { chineseDate } from '../gongwen';
import { filledDocumentSettings } from '../settings';

/** “制表单位：…　　统计截至：2026年11月22日” under a table's title (two lines on a narrow portrait page). */
export function tableSubtitle(ctx: CoreContext, twoLines = false): string {
  return `制表单位：${filledDocumentSettings(ctx.db).issuerName}${twoLines ? '\n' : '　　'}统计截至：${chineseDate(ctx.clock.today())}`;
}

export const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** A rate as a percentage with one decimal; no denominator → “—”. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** A file name safe on Windows (no \ / : * ? " < > |). */
export const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 120);
