/** Renders a GongwenDocument to .docx with the page, fonts, grid and footers of gongwen.md. */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  BuilderElement,
  Document,
  Footer,
  LeaderType,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  StringContainer,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ISectionOptions,
  type ParagraphChild,
  type XmlComponent,
} from 'docx';
import {
  CHAR,
  CHAR_14,
  CHAR_SPACING_16PT,
  FONT,
  FOOTER_DISTANCE,
  FOOTER_DISTANCE_LANDSCAPE,
  HEADING_FONT,
  INDENT_2,
  LINE,
  MARGIN_LANDSCAPE,
  MARGIN_PORTRAIT,
  PAGE,
  RED,
  SEAL_BLANK_LINES,
  SIGNER_LABEL,
  SIZE,
  chineseDate,
  headingCounter,
  markSize,
  sealedIndents,
  signatureIndents,
  signerLines,
  titleLineTexts,
  typeHeight,
  typeWidth,
  type FontName,
} from './gongwen';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Align, Block, Colophon, GongwenDocument, Masthead, Orientation, TableModel } from './model';
import { colophonPlace, contentsLines, headingsBeforeTables, isCaption, keptBlock, linesToSpaceOut, mastheadHeight } from './layout';
import { tableXml } from './tableXml';

interface RunStyle {
  font: FontName;
  /** Half-points. */
  size: number;
  color?: string;
  bold?: boolean;
  /** A line break before the text (a contents entry the engine breaks at a word boundary). */
  breakBefore?: boolean;
  /** Twips added to the −5 spacing of a 16 pt run (a line the engine spaces out, see linesToSpaceOut). */
  extraSpacing?: number;
}

/** One run: Chinese font in eastAsia, Times New Roman in the Latin slots, hint eastAsia, zh-CN; −5 spacing at 16 pt. */
function run(text: string | (string | XmlComponent | (typeof PageNumber)[keyof typeof PageNumber])[], s: RunStyle): TextRun {
  return new TextRun({
    ...(typeof text === 'string' ? { text } : { children: text }),
    break: s.breakBefore ? 1 : undefined,
    font: { eastAsia: s.font, ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin, hint: 'eastAsia' },
    size: s.size,
    sizeComplexScript: s.size,
    color: s.color,
    bold: s.bold ?? false,
    characterSpacing: s.size === SIZE.san ? CHAR_SPACING_16PT + (s.extraSpacing ?? 0) : undefined,
    language: { value: 'en-US', eastAsia: 'zh-CN' },
  });
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const exact = (line = LINE, before = 0) => ({ line, lineRule: LineRuleType.EXACT, before, after: 0 });
/** No indent at all (titles, tables, footers: document defaults must not leak in). */
const NO_INDENT = { firstLine: 0, left: 0, right: 0 };
const BODY_INDENT = { firstLine: INDENT_2, firstLineChars: 200, left: 0, right: 0 };

const body = (text: string, font: FontName = FONT.fangsong) => run(text, { font, size: SIZE.san });

/** A body paragraph's runs: a line the engine ends early (it would cut a date, or leave 1–2 characters for the last line) is spaced out so what follows goes down whole. */
function bodyRuns(text: string, width: number, indent: number, keep?: string[]): TextRun[] {
  const moves = linesToSpaceOut(text, width, indent, keep);
  if (!moves.length) return [body(text)];
  const out: TextRun[] = [];
  let at = 0;
  for (const m of moves) {
    if (m.from > at) out.push(body(text.slice(at, m.from)));
    out.push(run(text.slice(m.from, m.to), { font: FONT.fangsong, size: SIZE.san, extraSpacing: m.extra }));
    at = m.to;
  }
  if (at < text.length) out.push(body(text.slice(at)));
  return out;
}

type Tabs = { type: (typeof TabStopType)[keyof typeof TabStopType]; position: number; leader?: (typeof LeaderType)[keyof typeof LeaderType] }[];

interface ParaOptions {
  align?: Align;
  indent?: object;
  line?: number;
  before?: number;
  pageBreakBefore?: boolean;
  tabs?: Tabs;
  /** On the page of the next paragraph (headings, titles, the 落款 block and the body line above it). */
  keepNext?: boolean;
  /** All lines on one page (headings, titles). */
  keepLines?: boolean;
}

function para(children: ParagraphChild[], o: ParaOptions = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: ALIGN[o.align ?? 'justify'],
    spacing: exact(o.line ?? LINE, o.before ?? 0),
    indent: o.indent ?? NO_INDENT,
    pageBreakBefore: o.pageBreakBefore,
    tabStops: o.tabs,
    keepNext: o.keepNext,
    keepLines: o.keepLines,
    // Never one line of a paragraph alone at the foot or the head of a page (Word's and LibreOffice's 2-line rule).
    widowControl: true,
  });
}

const tab = () => run([new Tab()], { font: FONT.fangsong, size: SIZE.san });

/**
 * A PAGEREF field, written dirty (Word fills it in on opening, after asking; LibreOffice on loading). Its own
 * runs rather than docx's PageReference, whose single run has no properties: every run carries the fonts.
 */
function pageRef(bookmark: string): TextRun[] {
  const char = (type: 'begin' | 'separate' | 'end') =>
    new BuilderElement<{ type: string; dirty?: boolean }>({
      name: 'w:fldChar',
      attributes: type === 'begin' ? { type: { key: 'w:fldCharType', value: type }, dirty: { key: 'w:dirty', value: true } } : { type: { key: 'w:fldCharType', value: type } },
    });
  const r = (child: XmlComponent) => run([child], { font: FONT.fangsong, size: SIZE.san });
  return [r(char('begin')), r(new StringContainer('w:instrText', `PAGEREF ${bookmark} \\h`)), r(char('separate')), r(char('end'))];
}

const blank = (keepNext?: boolean) => para([body('')], { keepNext });

/** Title lines; the first may start a new page and carry a bookmark (a partTitle). */
function titleLines(title: string, width: number, o: { pageBreakBefore?: boolean; bookmark?: string } = {}): Paragraph[] {
  return titleLineTexts(title, width).map((line, i) => {
    const r = run(line, { font: FONT.xiaobiaosong, size: SIZE.er });
    const first = i === 0;
    // A title's lines stay together and with what follows it.
    return para([first && o.bookmark ? new Bookmark({ id: o.bookmark, children: [r] }) : r], { align: 'center', pageBreakBefore: first && o.pageBreakBefore, keepNext: true, keepLines: true });
  });
}

/** Bookmark names for partTitle anchors: short, hidden in Word's list (leading “_”), unique in the file. */
class Anchors {
  private readonly names = new Map<string, string>();
  name(anchor: string): string {
    let n = this.names.get(anchor);
    if (!n) this.names.set(anchor, (n = `_LxPart${this.names.size + 1}`));
    return n;
  }
}

/**
 * Contents entries: text, a dot leader to a right tab on the right edge, the page number. No right indent:
 * LibreOffice drops the number when the tab stands beyond it (measured), so a long entry runs to the edge.
 */
function contents(b: Extract<Block, { kind: 'contents' }>, width: number, anchors: Anchors): Paragraph[] {
  const out: Paragraph[] = [];
  if (b.title) out.push(para([body(b.title, FONT.heiti)], { align: 'center' }), blank());
  let grouped = false;
  for (const e of b.entries) {
    if (!e.anchor) {
      grouped = true;
      out.push(para([body(e.text, FONT.heiti)], { align: 'left', keepNext: true }));
      continue;
    }
    // Broken by the engine at word boundaries, so no name is cut and the last line leaves room for the page number.
    const lines = contentsLines(e.text, width - (grouped ? INDENT_2 : 0));
    out.push(
      para([...lines.map((l, i) => run(l, { font: FONT.fangsong, size: SIZE.san, breakBefore: i > 0 })), tab(), ...pageRef(anchors.name(e.anchor))], {
        align: 'left',
        indent: { left: grouped ? INDENT_2 : 0, right: 0, firstLine: 0 },
        tabs: [{ type: TabStopType.RIGHT, position: width, leader: LeaderType.DOT }],
      }),
    );
  }
  return out;
}

interface Slots {
  tables: TableSlots;
  anchors: Anchors;
  /** Headings the engine's layout starts on a new page (the table after them would not fit under them). */
  breaks: Set<Block>;
}

/** `keep`: the block at this index, if a paragraph or heading, stays on the page of what follows (the 落款; the last paragraph). */
function blocks(list: Block[], width: number, { tables, anchors, breaks }: Slots, keep = -1): (Paragraph | Table)[] {
  const number = headingCounter();
  const out: (Paragraph | Table)[] = [];
  for (const [i, b] of list.entries()) {
    const keepNext = i === keep;
    switch (b.kind) {
      case 'paragraph':
        out.push(
          para(bodyRuns(b.text, width, b.indent === false ? 0 : INDENT_2, b.keep), {
            align: b.align,
            indent: b.indent === false ? NO_INDENT : BODY_INDENT,
            keepNext: keepNext || isCaption(list, i),
            pageBreakBefore: breaks.has(b),
          }),
        );
        break;
      case 'heading': {
        const runs = [body(`${number(b.level)}${b.text}`, HEADING_FONT[b.level])];
        if (b.body) runs.push(body(b.body));
        // A heading never ends a page: it goes with the first lines of its text (widow control keeps 2 of them).
        out.push(para(runs, { indent: BODY_INDENT, keepNext: !b.body || keepNext, keepLines: !b.body, pageBreakBefore: breaks.has(b) }));
        break;
      }
      case 'table':
        if (breaks.has(b)) out.push(new Paragraph({ children: [new PageBreak()], spacing: exact(20), indent: NO_INDENT }));
        out.push(tables.add(b.table, width));
        // Word needs a paragraph between a table and what follows; keep it one small line, and after the last
        // block a 1 pt one, so a table filling its page does not push it onto a blank page of its own.
        out.push(para([run('', { font: FONT.fangsong, size: i === list.length - 1 ? 2 : SIZE.xiaosi })], { line: i === list.length - 1 ? 20 : 240 }));
        break;
      case 'blank':
        out.push(blank());
        break;
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()], spacing: exact(), indent: NO_INDENT }));
        break;
      case 'partTitle':
        out.push(...titleLines(b.title, width, { pageBreakBefore: true, bookmark: b.anchor && anchors.name(b.anchor) }));
        if (b.subtitle) out.push(para([body(b.subtitle, FONT.kaiti)], { align: 'center', keepNext: true }));
        out.push(blank(true));
        break;
      case 'contents':
        out.push(...contents(b, width, anchors));
        break;
    }
  }
  return out;
}

/** Tables go in as placeholders and are replaced by tableXml() after packing (see tableXml.ts for why). */
class TableSlots {
  readonly xml: string[] = [];
  add(t: TableModel, width: number): Paragraph {
    this.xml.push(tableXml(t, width));
    return new Paragraph({ children: [new TextRun(`@@LX-TABLE-${this.xml.length - 1}@@`)] });
  }
  fill(documentXml: string): string {
    return documentXml.replace(/<w:p>(?:(?!<\/w:p>)[\s\S])*?@@LX-TABLE-(\d+)@@[\s\S]*?<\/w:p>/g, (_m, i: string) => this.xml[Number(i)]);
  }
}

/** Page numbers 宋体 4号 `— 1 —`: odd pages right (right indent 1 字), even pages left (left indent 1 字). */
function footers() {
  const number = (align: 'left' | 'right') =>
    new Footer({
      children: [
        new Paragraph({
          alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: align === 'right' ? { right: CHAR_14, left: 0, firstLine: 0 } : { left: CHAR_14, right: 0, firstLine: 0 },
          spacing: { before: 0, after: 0, line: 240 },
          children: [run(['\u2014 ', PageNumber.CURRENT, ' \u2014'], { font: FONT.songti, size: SIZE.si })],
        }),
      ],
    });
  return { default: number('right'), even: number('left') };
}

function emptyFooters() {
  const empty = () => new Footer({ children: [new Paragraph({ children: [] })] });
  return { default: empty(), even: empty() };
}

/** `evenPage`: starts on the next even page (a blank page before it if need be); `numbered`: page numbers in the footer. */
function section(children: (Paragraph | Table)[], orientation: Orientation, o: { first: boolean; numbered: boolean; evenPage?: boolean }): ISectionOptions {
  const { first, numbered } = o;
  const landscape = orientation === 'landscape';
  return {
    properties: {
      type: first ? undefined : o.evenPage ? SectionType.EVEN_PAGE : SectionType.NEXT_PAGE,
      page: {
        // docx swaps width and height itself for landscape: always give the portrait A4 size.
        size: { width: PAGE.width, height: PAGE.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: {
          ...(landscape ? MARGIN_LANDSCAPE : MARGIN_PORTRAIT),
          header: 851,
          footer: landscape ? FOOTER_DISTANCE_LANDSCAPE : FOOTER_DISTANCE,
          gutter: 0,
        },
      },
    },
    // An unnumbered section after a numbered one needs empty footers of its own (it would inherit them).
    footers: numbered ? footers() : first ? undefined : emptyFooters(),
    children,
  };
}

/**
 * 上行文: the 发文字号 left (1 字 in) on the line of the last 签发人; “签发人：” 仿宋, names 楷体. The first line
 * ends on a right tab 1 字 from the edge; later lines start on a left tab under its first name.
 */
function signerParagraphs(number: string, names: string[], width: number): Paragraph[] {
  const lines = signerLines(names, width);
  return lines.map((l, i) => {
    const last = i === lines.length - 1;
    const label = i === 0 ? [body(SIGNER_LABEL)] : [];
    const text = i === 0 ? l.text.slice(SIGNER_LABEL.length) : l.text;
    return para([...(last ? [body(number)] : []), tab(), ...label, body(text, FONT.kaiti)], {
      align: 'left',
      indent: { left: CHAR, right: 0, firstLine: 0 },
      tabs: [i === 0 ? { type: TabStopType.RIGHT, position: width - CHAR } : { type: TabStopType.LEFT, position: l.left }],
    });
  });
}

function masthead(m: Masthead, width: number): Paragraph[] {
  const pt = markSize(m.mark);
  const out = [
    // The mark's top sits 35 mm below the type-area top: 35 mm ≈ 1984 twips of space before it.
    para([run(m.mark, { font: FONT.xiaobiaosong, size: pt * 2, color: RED })], { align: 'center', line: Math.round(pt * 20 * 1.2), before: 1984 - Math.round(pt * 20 * 0.2) }),
  ];
  if (m.signers?.length) out.push(blank(), blank(), ...signerParagraphs(m.docNumber ?? '', m.signers, width));
  else if (m.docNumber) out.push(blank(), blank(), para([body(m.docNumber)], { align: 'center' }));
  // Red separator 4 mm under the 发文字号: a thin empty paragraph carrying a red bottom rule across the type area.
  out.push(
    new Paragraph({
      children: [],
      spacing: exact(113),
      indent: NO_INDENT,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 0 } },
    }),
    blank(),
    blank(),
  );
  return out;
}

/** `keepNext` (sealed): every line stays with the next, so the 附件说明 and the 署名 share a page. */
function attachmentNote(names: string[], keepNext = false): Paragraph[] {
  if (names.length === 0) return [];
  const label = '附件：';
  const labelW = 3 * (2 * 160 - 5);
  if (names.length === 1) return [para([body(label + names[0])], { indent: { left: INDENT_2 + labelW, hanging: labelW, right: 0 }, keepNext })];
  return names.map((n, i) =>
    para([body(`${i === 0 ? label : ''}${i + 1}. ${n}`)], {
      indent: i === 0 ? { left: INDENT_2 + labelW, hanging: labelW, right: 0 } : { left: INDENT_2 + labelW, firstLine: 0, right: 0 },
      keepNext,
    }),
  );
}

/**
 * 发文机关署名 and 成文日期. Unsealed (7.3.5.2): 1 blank line, 署名 right 2 字, 日期 2 字 right of its start.
 * Sealed (7.3.5.1): 2 blank lines (room for the seal's top within 1 line of the body), 日期 4 字 from the
 * right edge, 署名 centred over it; the whole block kept on one page with the body line above it (the seal
 * must not stand on a page without text). Either way the block and the body line above it share a page.
 */
function signatureBlock(doc: GongwenDocument, width: number): Paragraph[] {
  const date = doc.date ? chineseDate(doc.date) : '';
  const out: Paragraph[] = [];
  if (doc.sealed) {
    // Both lines centred in the same box: the 署名 is centred on the date whatever the real widths.
    const indent = { left: sealedIndents(doc.signature ?? '', date, width).left, right: 0, firstLine: 0 };
    for (let i = 0; i < SEAL_BLANK_LINES; i++) out.push(blank(true));
    if (doc.signature) out.push(para([body(doc.signature)], { align: 'center', indent, keepNext: !!date }));
    if (date) out.push(para([body(date)], { align: 'center', indent }));
    return out;
  }
  const at = signatureIndents(doc.signature ?? '', date, width);
  out.push(blank(true));
  if (doc.signature) out.push(para([body(doc.signature)], { align: 'left', indent: { left: at.signature, right: 0, firstLine: 0 }, keepNext: !!date }));
  if (date) out.push(para([body(date)], { align: 'left', indent: { left: at.date, right: 0, firstLine: 0 } }));
  return out;
}

/** Room the 版记's rules and its anchor paragraph take beyond its 579-twip lines (measured in LibreOffice). */
const COLOPHON_RULES = 120;

/** 版记 as a table in the flow: 抄送 and 印发 between rules (0.35 / 0.25 / 0.35 mm). */
function colophon(c: Colophon, width: number): Table {
  const small = (text: string | TextRun[], tab = false) =>
    new Paragraph({
      children: typeof text === 'string' ? [run(text, { font: FONT.fangsong, size: SIZE.si })] : text,
      alignment: AlignmentType.LEFT,
      spacing: exact(LINE),
      indent: { left: CHAR_14, right: CHAR_14, firstLine: 0 },
      tabStops: tab ? [{ type: TabStopType.RIGHT, position: width - CHAR_14 }] : undefined,
    });
  const line = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000' });
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const rows: TableRow[] = [];
  const printed = `${chineseDate(c.printDate)}印发`;
  const cells: { children: Paragraph[]; top: number; bottom: number }[] = [];
  if (c.cc) cells.push({ children: [small(`抄送：${c.cc.replace(/[。.]$/, '')}。`)], top: 8, bottom: 6 });
  cells.push({
    children: [small([run(`${c.printer}\t${printed}`, { font: FONT.fangsong, size: SIZE.si })], true)],
    top: c.cc ? 6 : 8,
    bottom: 8,
  });
  for (const cell of cells) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            borders: { top: line(cell.top), bottom: line(cell.bottom), left: none, right: none },
            children: cell.children,
          }),
        ],
      }),
    );
  }
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows,
  });
}

/** The document's sections: the main text, then each attachment (new page; a new section when it turns). */
function sections(doc: GongwenDocument, slots: Slots): ISectionOptions[] {
  const orientation = doc.orientation ?? 'portrait';
  const width = typeWidth(orientation);
  const main: (Paragraph | Table)[] = [];
  if (doc.masthead) main.push(...masthead(doc.masthead, width));
  main.push(...titleLines(doc.title, width));
  if (doc.subtitle) main.push(...doc.subtitle.split('\n').map((line) => para([run(line, { font: FONT.kaiti, size: SIZE.si })], { align: 'center' })));
  main.push(blank());
  if (doc.mainRecipient) main.push(para([body(`${doc.mainRecipient.replace(/[:：]$/, '')}：`)]));
  const signed = !!(doc.signature || doc.date);
  // The 落款 never stands alone on a page: the body line above it goes along (keptBlock).
  const noted = !!doc.attachmentNames?.length;
  main.push(...blocks(doc.body, width, slots, keptBlock(doc)));
  if (noted) main.push(blank(signed), ...attachmentNote(doc.attachmentNames!, signed));
  if (signed) main.push(...signatureBlock(doc, width));
  if (doc.note) main.push(para([body(`（${doc.note}）`)], { indent: BODY_INDENT }));

  const out: { children: (Paragraph | Table)[]; orientation: Orientation }[] = [{ children: main, orientation }];
  (doc.attachments ?? []).forEach((a, i) => {
    const o = a.orientation ?? 'portrait';
    const last = out[out.length - 1];
    const sameSection = o === last.orientation;
    const head = [
      para([body(`附件${(doc.attachments?.length ?? 0) > 1 ? i + 1 : ''}`, FONT.heiti)], { align: 'left', pageBreakBefore: sameSection }),
      blank(),
      ...titleLines(a.title, typeWidth(o)),
      blank(),
      ...blocks(a.blocks, typeWidth(o), slots),
    ];
    if (sameSection) last.children.push(...head);
    else out.push({ children: head, orientation: o });
  });
  const numbered = doc.pageNumbers !== false;
  const sections = out.map((s, i) => section(s.children, s.orientation, { first: i === 0, numbered }));
  if (doc.colophon) {
    const last = out[out.length - 1];
    const width = typeWidth(last.orientation);
    const height = typeHeight(last.orientation);
    const anchor = para([run('', { font: FONT.fangsong, size: SIZE.si })], { line: 20 });
    const { place, free } = colophonPlace(doc, doc.colophon, last.orientation);
    // Pushed to the type-area bottom by a spacer line (LibreOffice does not keep a floating table there).
    const rows = doc.colophon.cc ? 2 : 1;
    const spacer = (space: number, pageBreakBefore = false) =>
      new Paragraph({ children: [], spacing: exact(Math.max(20, space - rows * LINE - COLOPHON_RULES)), indent: NO_INDENT, pageBreakBefore });
    if (place === 'share') last.children.push(spacer(free), colophon(doc.colophon, width), anchor);
    else {
      // Alone on the next even page, numbered as any page; after a blank page, neither is numbered (GB/T 9704
      // 7.5: “版记页前有空白页的，空白页和版记页均不编排页码”).
      const after = place === 'afterBlank';
      const children = after ? [blank(), spacer(height, true)] : [spacer(height)];
      sections.push(section([...children, colophon(doc.colophon, width), anchor], last.orientation, { first: false, numbered: numbered && !after }));
    }
  }
  return sections;
}

/** A contents entry pointing at no partTitle (or at two) would print “Error! Bookmark not defined.”: refuse it here. */
function checkAnchors(doc: GongwenDocument): void {
  const all = [...doc.body, ...(doc.attachments ?? []).flatMap((a) => a.blocks)];
  const anchors = all.flatMap((b) => (b.kind === 'partTitle' && b.anchor ? [b.anchor] : []));
  const titles = new Set(anchors);
  if (titles.size < anchors.length) throw new Error(`分篇标题的书签名重复：${anchors.filter((a, i) => anchors.indexOf(a) !== i).join('、')}`);
  for (const b of all) {
    if (b.kind !== 'contents') continue;
    const missing = b.entries.find((e) => e.anchor && !titles.has(e.anchor));
    if (missing) throw new Error(`目录项“${missing.text}”指向的标题（${missing.anchor}）不在文档中`);
  }
}

/** Renders the model to a .docx file (bytes). */
export async function renderDocx(doc: GongwenDocument): Promise<Buffer> {
  checkAnchors(doc);
  const tables = new TableSlots();
  const d = new Document({
    title: doc.title.replace(/\n/g, ''),
    creator: '两新档案',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: { eastAsia: FONT.fangsong, ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin, hint: 'eastAsia' },
            size: SIZE.san,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: exact(), indent: NO_INDENT },
        },
      },
    },
    sections: sections(doc, { tables, anchors: new Anchors(), breaks: headingsBeforeTables(doc, doc.masthead ? mastheadHeight(doc.masthead, typeWidth(doc.orientation)) : 0) }),
  });
  const packed = await Packer.toBuffer(d);
  if (tables.xml.length === 0) return packed;
  const files = unzipSync(packed);
  files['word/document.xml'] = strToU8(tables.fill(strFromU8(files['word/document.xml'])));
  return Buffer.from(zipSync(files, { level: 6 }));
}
