/** The most characters a spreadsheet cell holds (Excel; SheetJS refuses to write more). */
export const SHEET_CELL_MAX = 32767;

/**
 * Every value written into an exported spreadsheet (census exports, audit log) goes through here:
 * - a text a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading apostrophe (CSV/XLSX injection);
 * - a text longer than a cell holds is cut with a note saying so, so one over-long value never fails the whole file.
 */
export function safeCell<T>(v: T): T | string {
  if (typeof v !== 'string') return v;
  let s: string = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  if (s.length > SHEET_CELL_MAX) {
    const note = `…（超长，共 ${v.length} 字，表格单元格只能放下前面部分）`;
    s = s.slice(0, SHEET_CELL_MAX - note.length) + note;
  }
  return s;
}
