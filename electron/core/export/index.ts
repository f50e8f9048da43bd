/**
 * Word export engine (公文格式 GB/T 9704-2012, numbers in ../shared/gongwen.md). Every export in the app uses it.
 *
 * Build a document as plain data (model.ts, serialisable), then render it:
 *
 *   import { renderDocx, renderHtml, toFileOutput, filledDocumentSettings, type GongwenDocument } from '../export';
 *
 *   const s = filledDocumentSettings(ctx.db);      // 发文机关, 标志, 文号 …, 署名; refused while they hold ××
 *   const doc: GongwenDocument = {
 *     title: '关于……的通知',                       // 小标宋 2号 centred; '\n' splits lines
 *     subtitle: '制表单位：…　2026年11月22日',      // optional 楷体 4号 line(s) under the title
 *     masthead: { mark: s.issuerMark, docNumber },  // optional red 版头 (docNumber from takeDocNumber(ctx)); signers: [...] for 上行文
 *     mainRecipient: '各街道两新组织党委',          // 主送; the engine adds “：”
 *     orientation: 'portrait',                      // or 'landscape' (wide ledgers)
 *     body: [
 *       { kind: 'heading', level: 1, text: '工作要求' },              // 一、 黑体 (numbers are added)
 *       { kind: 'heading', level: 2, text: '……' },                    // （一） 楷体
 *       { kind: 'heading', level: 3, text: '……。', body: '正文……' },  // 1. run in with body text
 *       { kind: 'paragraph', text: '正文……' },                        // 仿宋 3号, indent 2 字
 *       { kind: 'table', table: {
 *           columns: [1, 4, 2],                      // relative widths → twips summing to the type area
 *           header: [['序号', '名称', { text: '党员', colSpan: 1 }]],   // 黑体, repeated on each page
 *           rows: [['1', '某公司', '3'], [{ text: '合计', colSpan: 2, bold: true }, '3']],  // 仿宋, rows never split;
 *                                                    // cells: colSpan/rowSpan (merged), align, bold (黑体), keepWithNext
 *           fontSize: 12,                            // 12 (小四, default) or 14 (4号)
 *       } },
 *       { kind: 'blank' }, { kind: 'pageBreak' },
 *       { kind: 'contents', title: '目　　录', entries: [{ text: '1. 某单位', anchor: 'a1' }] },  // 目录: page numbers by PAGEREF
 *       { kind: 'partTitle', title: '某单位\n述职报告', subtitle: '张三', anchor: 'a1' },      // new page, 小标宋 2号 (+ 楷体 line)
 *     ],
 *     attachmentNames: ['名单'],                     // 附件说明
 *     signature: s.signature, date: ctx.clock.today(), note: '此件公开发布',   // 署名, 成文日期 (ISO), 附注
 *     attachments: [{ title: '名单', blocks: [...], orientation: 'landscape' }],  // 附件 pages
 *     colophon: { cc: s.defaultCc, printer: s.printer, printDate: ctx.clock.today() },  // 版记
 *   };
 *   const bytes = await renderDocx(doc);            // Buffer of the .docx
 *   return toFileOutput('文件名.docx', bytes);      // FileOutput for the renderer's saveFile()
 *   const html = renderHtml(doc);                   // same model → HTML pages for an in-app preview
 *
 * Helpers: chineseDate('2026-11-22') → 2026年11月22日; docNumber(prefix, year, n) → ××两新〔2026〕3号
 * (takeDocNumber(ctx) takes the office's next one and advances it, audited);
 * zipFiles([{ fileName, bytes }]) → .zip bytes for batches; tableDocument(...) for a title + one table.
 * Documents of this capability (ledger, org card, unbuilt list, coverage table, notice) are in documents/.
 */
import type { FileOutput } from '../../../shared/contract/common';
import { zipSync } from 'fflate';
import type { Cell, GongwenDocument, Orientation, TableModel } from './model';

export type { Align, Attachment, Block, Cell, Colophon, ContentsEntry, GongwenDocument, HeadingLevel, Masthead, Orientation, TableModel } from './model';
export { renderDocx } from './docx';
export { renderHtml } from './html';
export { pageLayout } from './layout';
export { TICK_ROW, fieldRow, chineseDate, docNumber, headingNumber } from './gongwen';
export { documentSettings, filledDocumentSettings, saveDocumentSettings, takeDocNumber } from './settings';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Wraps rendered bytes as a FileOutput (zip files get the zip type). */
export function toFileOutput(fileName: string, bytes: Uint8Array): FileOutput {
  const mime = fileName.endsWith('.zip') ? 'application/zip' : DOCX_MIME;
  return { fileName, mime, base64: Buffer.from(bytes).toString('base64') };
}

/** “档案卡.docx” → “档案卡（2）.docx”: the second file of the same name. */
export const numberedName = (fileName: string, n: number) => fileName.replace(/(\.[^.]+)?$/, `（${n}）$1`);

/** Several files in one .zip (batch exports); duplicate names get “（2）” etc. */
export function zipFiles(files: { fileName: string; bytes: Uint8Array }[]): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) {
    let name = f.fileName;
    for (let n = 2; entries[name]; n++) name = numberedName(f.fileName, n);
    entries[name] = f.bytes;
  }
  return zipSync(entries, { level: 6 });
}

/**
 * A two-row table header from its top row: a string spans both rows, [group, subheads] spans its subheads
 * (the spans are counted here, not typed by hand).
 */
export function twoRowHeader(top: (string | [string, string[]])[]): Cell[][] {
  return [
    top.map((c): Cell => (typeof c === 'string' ? { text: c, rowSpan: 2 } : { text: c[0], colSpan: c[1].length })),
    top.flatMap((c) => (typeof c === 'string' ? [] : c[1])),
  ];
}

/** A title, an optional subtitle line and one table: the shape of every 台账 and 统计表. */
export function tableDocument(o: { title: string; subtitle?: string; table: TableModel; orientation?: Orientation; notes?: string[] }): GongwenDocument {
  return {
    title: o.title,
    subtitle: o.subtitle,
    orientation: o.orientation ?? 'portrait',
    body: [{ kind: 'table', table: o.table }, ...(o.notes ?? []).map((text) => ({ kind: 'paragraph' as const, text }))],
  };
}
