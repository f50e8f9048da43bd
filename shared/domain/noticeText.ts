/**
 * The notice text format (editor and CLI): one paragraph a line; a line starting with `#` … `####` is a
 * heading of level 1–4 (一、 （一） 1. （1））. The engine numbers headings, so numbers typed by hand are dropped.
 */
export type NoticeHeadingLevel = 1 | 2 | 3 | 4;

/** A number typed at the start of a heading, per level (not “1.5万”: a decimal is text). */
export const TYPED_NUMBER: Record<NoticeHeadingLevel, RegExp> = {
  1: /^[一二三四五六七八九十]+、\s*/,
  2: /^[（(][一二三四五六七八九十]+[）)]\s*/,
  3: /^\d+[.．、](?!\d)\s*/,
  4: /^[（(]\d+[）)]\s*/,
};

/** The line's text without its heading mark or a typed number of any level. */
export function lineContent(line: string): string {
  let rest = line.replace(/^\s*#{0,4}\s*/, '');
  for (const re of Object.values(TYPED_NUMBER)) rest = rest.replace(re, '');
  return rest;
}

/**
 * Makes the line holding position `at` a heading of `level` (0: a body paragraph), replacing any mark or
 * typed number it had. Returns the new text and the position at the end of that line.
 */
export function setLineLevel(text: string, at: number, level: 0 | NoticeHeadingLevel): { text: string; cursor: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const end = newline < 0 ? text.length : newline;
  const line = (level ? `${'#'.repeat(level)} ` : '') + lineContent(text.slice(start, end));
  return { text: text.slice(0, start) + line + text.slice(end), cursor: start + line.length };
}
