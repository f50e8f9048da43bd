/**
 * The document model: plain, serialisable data. The .docx renderer (docx.ts) and the HTML preview
 * (html.ts) both render from it, so what the user previews is what they save.
 */

/** 一级 一、(黑体) · 二级 （一）(楷体) · 三级 1. · 四级 （1） (仿宋). Numbers are added by the engine. */
export type HeadingLevel = 1 | 2 | 3 | 4;

export type Align = 'left' | 'center' | 'right' | 'justify';

export type Block =
  /** 正文 paragraph: 仿宋 3号, first-line indent 2 字, justified. */
  | { kind: 'paragraph'; text: string; align?: Align; indent?: boolean; /** Words no line may cut: people's names in it. */ keep?: string[] }
  /** A numbered heading; `text` is run in after the number. Optional `body` follows on the same paragraph (三级/四级 style). */
  | { kind: 'heading'; level: HeadingLevel; text: string; body?: string }
  | { kind: 'table'; table: TableModel }
  /** “空一行”: one empty line of exact 579 spacing. */
  | { kind: 'blank' }
  | { kind: 'pageBreak' }
  /**
   * A title that starts a new page (a part of a compiled volume): 小标宋 2号 centred like the document title
   * (“\n” splits lines), an optional 楷体 3号 line under it (e.g. the author), then one blank line.
   * `anchor` names it for a contents entry.
   */
  | { kind: 'partTitle'; title: string; subtitle?: string; anchor?: string }
  /** A contents list (目录): `title` 黑体 centred, then entries each showing, after a dot leader, the page its partTitle lands on. */
  | { kind: 'contents'; title?: string; entries: ContentsEntry[] };

/**
 * One line of a contents list. `anchor` is the partTitle whose page number it shows (a PAGEREF field in
 * .docx: Word and LibreOffice work the number out). Without an anchor it is a group line (黑体, no page
 * number) and the entries after it are indented 2 字.
 */
export interface ContentsEntry {
  text: string;
  anchor?: string;
}

/** A cell: text, or text with merges/alignment. A cell covered by a merge is simply left out of the row. */
export type Cell =
  | string
  | {
      text: string;
      colSpan?: number;
      rowSpan?: number;
      align?: Align;
      /** 黑体 in a body row (group and total rows). */
      bold?: boolean;
      /** Keep this row on the page of the next one (a group heading row). */
      keepWithNext?: boolean;
    };

export interface TableModel {
  /** Relative column widths; the engine scales them to the type-area width and the total is exact. */
  columns: number[];
  /** Header rows (黑体), repeated on every page. Use colSpan/rowSpan for two-level headers. */
  header: Cell[][];
  rows: Cell[][];
  /** 14 pt (4号) or 12 pt (小四; default): gongwen.md allows no table text smaller. */
  fontSize?: 14 | 12;
  /**
   * Per column: its cells are one piece each (a name, a code, a date, a short word) and never wrap: the
   * column is as wide as its widest cell. Other columns share the rest by their `columns` weights, each
   * at least as wide as its longest word, code, date or number and its header's longest word.
   */
  keepWhole?: boolean[];
  /** Default alignment of body cells; default 'center'. */
  align?: Align;
  /**
   * Forms people write on (a ballot's tick boxes, a card's fields): every row, header included, at least
   * this tall (twips), its text centred in it. Lists leave it out: their rows are as tall as their lines.
   */
  minRowHeight?: number;
}

export type Orientation = 'portrait' | 'landscape';

/** 版头: 发文机关标志 (red) and 发文字号 with the red separator. */
export interface Masthead {
  mark: string;
  /** Full 发文字号, e.g. “××两新〔2026〕3号” (see docNumber()). */
  docNumber?: string;
  /**
   * 上行文 (报告、请示): 签发人 names. “签发人：” and the names sit right (1 字 in), two names a line; the
   * 发文字号 moves left (1 字 in) onto the line of the last name.
   */
  signers?: string[];
}

/** An 附件 page (new page, “附件1” 黑体 then its title in 小标宋 2号). */
export interface Attachment {
  title: string;
  blocks: Block[];
  orientation?: Orientation;
}

/** 版记: 抄送 and 印发机关 + 印发日期, between rules, at the end of the document. */
export interface Colophon {
  cc?: string;
  printer: string;
  /** ISO date YYYY-MM-DD; printed 2026年11月22日印发. */
  printDate: string;
}

export interface GongwenDocument {
  /** Title (标题), 小标宋 2号, centred. Lines split on “\n”. */
  title: string;
  /** Line(s) under the title in 楷体 4号 (e.g. 制表单位 and date of a ledger), centred; “\n” splits lines. */
  subtitle?: string;
  masthead?: Masthead;
  /** 主送机关 (the engine adds the final “：”). */
  mainRecipient?: string;
  orientation?: Orientation;
  body: Block[];
  /** 附件说明: names of the attachments, in order. */
  attachmentNames?: string[];
  /** 发文机关署名 and 成文日期 (ISO); either may be left out (tables usually have none). */
  signature?: string;
  date?: string;
  /**
   * 加盖印章 (GB/T 9704 7.3.5.1): 2 blank lines under the body, 成文日期 right 4 字, 署名 centred over it, the
   * body's last paragraph kept on the page of the 署名. No seal is drawn: the office stamps the printout.
   */
  sealed?: boolean;
  /** 附注, printed in （）. */
  note?: string;
  attachments?: Attachment[];
  colophon?: Colophon;
  /** false: no page numbers (forms handed out one sheet each, e.g. 民主测评表). Default true. */
  pageNumbers?: boolean;
}
