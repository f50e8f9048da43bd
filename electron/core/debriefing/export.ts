import { EXPORT_LABELS, TIERS, type DebriefingExportKind, type DebrieferRow, type Tier } from '../../../shared/contract/debriefing';
import type { FileOutput } from '../../../shared/contract';
import { describeGradingSettings, type BallotTally } from '../../../shared/domain/grading';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import {
  chineseDate,
  filledDocumentSettings,
  headingNumber,
  pageLayout,
  TICK_ROW,
  renderDocx,
  tableDocument,
  takeDocNumber,
  toFileOutput,
  twoRowHeader,
  type Block,
  type Cell,
  type ContentsEntry,
  type GongwenDocument,
} from '../export';
import { gradingSettings } from './grades';
import { cycleForYear, debrieferRows } from './service';
import { ballotItemsOf, loadCycle, loadParts, type CycleDbRow, type DebrieferDbRow } from './store';

/** The documents of a debriefing cycle, built as models for the official export engine. */

interface ExportRequest {
  kind: DebriefingExportKind;
  year?: number;
  cycleId?: number;
  tier?: Tier;
  debrieferIds?: number[];
}

interface Scope {
  ctx: CoreContext;
  cycle: CycleDbRow;
  items: string[];
  rows: DebrieferRow[];
  /** Raw rows for report texts. */
  raw: Map<number, DebrieferDbRow>;
  tier?: Tier;
}

const fixed = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? '—' : (Math.round(x * 10 ** d) / 10 ** d).toFixed(d));
const pct = (n: number, of: number) => (of ? `${fixed((n / of) * 100)}%` : '—');
const tierLabel = (s: Scope) => s.tier ?? '各层级';
const BALLOT_TITLE = '民主测评表';

/** Table rows grouped under a row per tier (“两新党组织书记（14个）”, kept with its first row), numbered within the tier. */
function byTier(s: Scope, columns: number, row: (r: DebrieferRow, n: number) => Cell[]): Cell[][] {
  const out: Cell[][] = [];
  for (const t of TIERS) {
    const list = s.rows.filter((r) => r.tier === t);
    if (list.length === 0) continue;
    out.push([{ text: `${t}（${list.length}个）`, colSpan: columns, align: 'left', bold: true, keepWithNext: true }]);
    list.forEach((r, i) => out.push(row(r, i + 1)));
  }
  return out;
}

function subtitle(s: Scope): string {
  return `制表单位：${filledDocumentSettings(s.ctx.db).issuerName}　　${chineseDate(s.ctx.clock.today())}`;
}

function planDocument(s: Scope): GongwenDocument {
  const settings = filledDocumentSettings(s.ctx.db);
  const { cycle, rows, items } = s;
  const count = (t: Tier) => rows.filter((r) => r.tier === t).length;
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `为压紧压实两新组织党建工作责任，根据党建工作责任制有关要求，经研究，决定开展${cycle.year}年度两新组织党组织书记抓党建工作述职评议考核。现将有关事项通知如下。`,
    },
    { kind: 'heading', level: 1, text: '述职评议范围' },
    ...TIERS.map((t, i) => ({
      kind: 'heading' as const,
      level: 3 as const,
      text: `${t}。`,
      body: `共${count(t)}个述职对象${i === 0 ? '，由所在街道（乡镇）两新组织党委组织述职评议' : i === 1 ? '，向两新工委述职' : '，向区委述职'}。`,
    })),
    { kind: 'heading', level: 1, text: '时间安排' },
    { kind: 'paragraph', text: `述职评议工作于${chineseDate(cycle.start_date)}开始，${chineseDate(cycle.end_date)}前完成。述职对象应在述职会议前提交书面述职报告。` },
    { kind: 'heading', level: 1, text: '方法步骤' },
    { kind: 'heading', level: 3, text: '提交报告。', body: '述职对象围绕履行党建工作第一责任人职责情况撰写述职报告，实事求是查找问题。' },
    { kind: 'heading', level: 3, text: '会议述职。', body: '述职对象在会上报告，参会人员现场提问点评。' },
    { kind: 'heading', level: 3, text: '民主测评。', body: `参会人员按“好、较好、一般、差”四个等次对${items.join('、')}等项目进行测评。` },
    { kind: 'heading', level: 3, text: '综合评定。', body: '综合民主测评和考核指标评分情况评定等次，并反馈点评意见。' },
    { kind: 'heading', level: 3, text: '整改落实。', body: '对点评指出的问题建立整改清单，明确措施、责任人和时限，逐项销号。' },
    { kind: 'heading', level: 1, text: '等次评定标准' },
    ...describeGradingSettings(gradingSettings(s.ctx.db)).map((text) => ({ kind: 'paragraph' as const, text: `${text}。` })),
    { kind: 'heading', level: 1, text: '工作要求' },
    { kind: 'paragraph', text: '各单位要高度重视，认真组织，确保述职评议工作取得实效。工作中遇到的问题请及时与两新工委办公室联系。' },
  ];
  const list = rows.filter((r) => !s.tier || r.tier === s.tier);
  return {
    masthead: { mark: settings.issuerMark, docNumber: takeDocNumber(s.ctx) },
    title: `关于开展${cycle.year}年度两新组织党组织书记抓党建工作述职评议考核的通知`,
    mainRecipient: '各街道（乡镇）两新组织党委，工委各成员单位',
    body,
    attachmentNames: ['述职评议对象名单'],
    signature: settings.signature,
    date: s.ctx.clock.today(),
    attachments: [
      {
        title: '述职评议对象名单',
        blocks: [
          {
            kind: 'table',
            table: {
              columns: [1, 3, 6, 3],
              header: [['序号', '层级', '述职单位', '述职人']],
              rows: list.map((r, i) => [String(i + 1), r.tier, { text: r.name, align: 'left' }, r.person ?? '']),
            },
          },
        ],
      },
    ],
    colophon: { cc: settings.defaultCc || undefined, printer: settings.printer, printDate: s.ctx.clock.today() },
  };
}

/** 民主测评表: one sheet per debriefer, each titled and naming the unit and person, without page numbers. */
function ballotFormDocument(s: Scope): GongwenDocument {
  /** One debriefer's sheet, its rows `row` twips high at least. */
  const sheet = (r: DebrieferRow, row: number): Block[] => [
    { kind: 'paragraph', text: `${s.cycle.year}年度述职评议（${r.tier}）`, align: 'center', indent: false },
    { kind: 'blank' },
    { kind: 'paragraph', text: `述职单位：${r.name}`, align: 'left', indent: false },
    { kind: 'paragraph', text: `述职人：${r.person ?? ''}`, align: 'left', indent: false },
    { kind: 'blank' },
    {
      kind: 'table',
      table: {
        columns: [5, 2, 2, 2, 2],
        header: [['测评项目', '好', '较好', '一般', '差']],
        rows: s.items.map((item) => [{ text: item, align: 'left' }, '', '', '', '']),
        fontSize: 14,
        minRowHeight: row,
      },
    },
    { kind: 'blank' },
    { kind: 'paragraph', text: '说明：请在相应等次栏内划“√”，每个项目只能选择一个等次，多选或不选的该项无效。本表不记名，会后当场收回。' },
  ];
  // Tick boxes 10 mm high, lower only as far as a cycle's many (or long) items need to keep each sheet one
  // page: the sheet of the longest unit name is laid out by the engine at each height tried.
  const longest = s.rows.reduce((a, r) => (r.name.length > a.name.length ? r : a), s.rows[0]);
  let row = TICK_ROW;
  while (row > 0 && pageLayout({ title: BALLOT_TITLE, body: sheet(longest, row), pageNumbers: false }).end.page > 1) row -= 20;
  const body: Block[] = [];
  s.rows.forEach((r, i) => {
    // The document's title heads the first sheet; every later sheet starts a page under the same title.
    if (i > 0) body.push({ kind: 'partTitle', title: BALLOT_TITLE });
    body.push(...sheet(r, row));
  });
  return { title: BALLOT_TITLE, body, pageNumbers: false };
}

function ballotSummaryDocument(s: Scope): GongwenDocument {
  const parts = loadParts(s.ctx.db, { cycleId: s.cycle.id }, s.ctx.clock.today());
  const overall = s.items[0];
  const rows = byTier(s, 14, (r, n) => {
    const t: BallotTally | undefined = parts.ballots(r.id).find((b) => b.item === overall);
    if (!t) return [String(n), { text: r.name, align: 'left' }, r.person ?? '', { text: '未录入测评票数', colSpan: 11 }];
    return [
      String(n),
      { text: r.name, align: 'left' },
      r.person ?? '',
      String(t.issued),
      String(t.valid),
      String(t.good),
      String(t.fairlyGood),
      String(t.average),
      String(t.poor),
      pct(t.good, t.valid),
      pct(t.good + t.fairlyGood, t.valid),
      pct(t.poor, t.valid),
      fixed((t.good * 4 + t.fairlyGood * 3 + t.average * 2 + t.poor) / (t.valid || 1), 2),
      fixed(r.score),
    ];
  });
  return tableDocument({
    title: `${s.cycle.year}年度述职评议民主测评结果汇总表`,
    subtitle: subtitle(s),
    orientation: 'landscape',
    table: {
      columns: [2, 9, 3.4, 2.5, 2.5, 2.6, 2.6, 2.6, 2.6, 3, 3.4, 3, 3, 3],
      header: twoRowHeader([
        '序号', '述职单位', '述职人', '发出票', '有效票',
        [`“${overall}”票数`, ['好', '较好', '一般', '差']], ['比例', ['好', '好和较好', '差']], '加权分（满分4）', '测评得分',
      ]),
      rows,
      fontSize: 12,
    },
    notes: [`注：票数为“${overall}”项目；测评得分为各测评项目加权分折合百分制的平均值。`],
  });
}

function resultsDocument(s: Scope): GongwenDocument {
  const counts = (t: Tier) => {
    const list = s.rows.filter((r) => r.tier === t);
    const n = (g: string | null) => list.filter((r) => (r.gradeFinal ? r.grade : null) === g).length;
    return list.length ? `${t}${list.length}个，其中好${n('好')}个、较好${n('较好')}个、一般${n('一般')}个、差${n('差')}个${n(null) ? `、未评定${n(null)}个` : ''}` : null;
  };
  return tableDocument({
    title: `${s.cycle.year}年度述职评议等次结果汇总表`,
    subtitle: subtitle(s),
    orientation: 'landscape',
    table: {
      columns: [2, 10, 3.4, 3, 3, 3, 13],
      header: [['序号', '述职单位', '述职人', '综合得分', '等次', '上年等次', '评定说明']],
      rows: byTier(s, 7, (r, n) => [
        String(n),
        { text: r.name, align: 'left' },
        r.person ?? '',
        fixed(r.score),
        r.gradeFinal && r.grade ? r.grade : r.grade ? `待评定（测算：${r.grade}）` : '未评定',
        r.lastYearGrade ?? '—',
        { text: r.explanation, align: 'left' },
      ]),
    },
    notes: [`合计：${TIERS.map(counts).filter(Boolean).join('；') || '暂无述职对象'}。`],
  });
}

function rectificationDocument(s: Scope): GongwenDocument {
  const parts = loadParts(s.ctx.db, { cycleId: s.cycle.id }, s.ctx.clock.today());
  const rows: Cell[][] = [];
  for (const r of s.rows) {
    for (const item of parts.rectifications(r.id)) {
      rows.push([
        String(rows.length + 1),
        { text: r.name, align: 'left' },
        { text: item.problem, align: 'left' },
        { text: item.measures ?? '', align: 'left' },
        item.owner ?? '',
        item.deadline ? chineseDate(item.deadline) : '',
        item.overdue ? `${item.status}（已逾期）` : item.status,
      ]);
    }
  }
  if (rows.length === 0) rows.push([{ text: '暂无整改事项', colSpan: 7 }]);
  return tableDocument({
    title: `${s.cycle.year}年度述职评议问题整改清单`,
    subtitle: subtitle(s),
    orientation: 'landscape',
    table: { columns: [2, 8, 9, 9, 3.4, 5.5, 5], header: [['序号', '述职单位', '存在问题', '整改措施', '责任人', '整改时限', '整改状态']], rows },
  });
}

/**
 * 述职报告汇编: a contents list (grouped by tier when all tiers are compiled) whose page numbers Word or
 * LibreOffice fills in from the bookmarks on the report titles; each report starts a page.
 */
function compilationDocument(s: Scope): GongwenDocument {
  const withReport = s.rows.filter((r) => s.raw.get(r.id)?.report_text?.trim());
  if (withReport.length === 0) throw new AppError('VALIDATION', `${tierLabel(s)}还没有录入述职报告正文，无法汇编`);
  // Reports in contents order (tier by tier), so the numbers and page numbers run up together.
  const groups = TIERS.map((t) => withReport.filter((r) => r.tier === t)).filter((list) => list.length > 0);
  const anchor = (r: DebrieferRow) => `report-${r.id}`;
  const entries: ContentsEntry[] = [];
  let n = 0;
  groups.forEach((list, i) => {
    if (!s.tier) entries.push({ text: `${headingNumber(1, i + 1)}${list[0].tier}` });
    for (const r of list) entries.push({ text: `${++n}. ${r.name}${r.person ? `（${r.person}）` : ''}`, anchor: anchor(r) });
  });
  const body: Block[] = [{ kind: 'contents', title: '目　　录', entries }];
  for (const r of groups.flat()) {
    body.push(
      { kind: 'partTitle', title: `${r.name}\n述职报告`, subtitle: r.person ?? undefined, anchor: anchor(r) },
      ...s.raw
        .get(r.id)!
        .report_text!.split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((text) => ({ kind: 'paragraph' as const, text })),
    );
  }
  return { title: `${s.cycle.year}年度${tierLabel(s)}述职报告汇编`, body };
}

const BUILDERS: Record<DebriefingExportKind, (s: Scope) => GongwenDocument> = {
  plan: planDocument,
  'ballot-form': ballotFormDocument,
  'ballot-summary': ballotSummaryDocument,
  'debriefing-results': resultsDocument,
  'rectification-list': rectificationDocument,
  'report-compilation': compilationDocument,
};

export async function exportDebriefing(ctx: CoreContext, req: ExportRequest): Promise<FileOutput> {
  const { doc, cycle, rows, wanted } = debriefingDocument(ctx, req);
  const bytes = await renderDocx(doc);
  const who = wanted && rows.length === 1 ? `-${rows[0].name}` : req.tier ? `-${req.tier}` : '';
  return toFileOutput(`${cycle.year}年度${EXPORT_LABELS[req.kind]}${who}.docx`, bytes);
}

/** The requested debriefing document, with the cycle and the debriefers it covers. */
export function debriefingDocument(ctx: CoreContext, req: ExportRequest) {
  if (!req.cycleId && !req.year) throw new AppError('VALIDATION', '请指明年度或述职评议考核', [{ field: 'year', message: '请选择年度' }]);
  const cycle = req.cycleId ? loadCycle(ctx.db, req.cycleId) : cycleForYear(ctx, req.year!);
  const wanted = req.debrieferIds ? new Set(req.debrieferIds) : null;
  const rows = debrieferRows(ctx, cycle).filter((r) => (!req.tier || r.tier === req.tier) && (!wanted || wanted.has(r.id)));
  if (rows.length === 0 && req.kind !== 'plan') throw new AppError('VALIDATION', `${cycle.year} 年${req.tier ?? ''}还没有述职对象，请先添加`);
  const raw = new Map(
    (ctx.db.prepare('SELECT * FROM debriefers WHERE cycle_id = ?').all(cycle.id) as DebrieferDbRow[]).map((d) => [d.id, d]),
  );
  const scope: Scope = { ctx, cycle, items: ballotItemsOf(cycle), rows, raw, tier: req.tier };
  return { doc: BUILDERS[req.kind](scope), cycle, rows, wanted };
}
