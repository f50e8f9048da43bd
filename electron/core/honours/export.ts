import { HONOURS_EXPORT_LABELS, type HonoursExportKind, type ProjectRow, type RatingRow } from '../../../shared/contract/honours';
import type { FileOutput } from '../../../shared/contract';
import { describeAcceptanceSettings } from '../../../shared/domain/honours/secretaryProjects';
import { MODEL_TITLES } from '../../../shared/domain/honours/modelOrgs';
import { STAR_LABELS, describeRatingSettings, type Stars } from '../../../shared/domain/honours/starRating';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { chineseDate, fieldRow, filledDocumentSettings, renderDocx, tableDocument, takeDocNumber, toFileOutput, twoRowHeader, zipFiles, type Block, type Cell, type GongwenDocument } from '../export';
import { safeFileName } from '../export/documents/common';
import { modelList } from './models';
import { acceptanceSettings, projectDetail, projectList } from './projects';
import { ratingRows, ratingSummary, roundForYear } from './rating';
import { weakList } from './weak';

/** The honours documents, built as models for the official export engine. */

const fixed = (x: number | null) => (x === null ? '—' : String(Math.round(x * 10) / 10));
// Stars in words: the ★ glyph is missing from the 公文 fonts and would fall back to another font.
const starText = (n: number | null) => (n === null ? '未评定' : STAR_LABELS[n as Stars]);
const subtitle = (ctx: CoreContext) => `制表单位：${filledDocumentSettings(ctx.db).issuerName}　　${chineseDate(ctx.clock.today())}`;
const date = (iso: string | null | undefined) => (iso ? chineseDate(iso) : '');

/** 星级评定结果汇总表: counts per street, then every organisation grouped under its street, landscape. */
function starSummary(ctx: CoreContext, year: number): GongwenDocument {
  const round = roundForYear(ctx.db, year);
  const sum = ratingSummary(ctx, year);
  const rows = ratingRows(ctx.db, round);
  const counts = (c: (typeof sum)['total']) => [String(c.total), String(c[5]), String(c[4]), String(c[3]), String(c[2]), String(c[1]), String(c.unrated)];
  const byStreet: Cell[][] = [
    ...sum.byStreet.map((s, i) => [String(i + 1), { text: s.street, align: 'left' as const }, ...counts(s)]),
    [{ text: '合计', colSpan: 2, bold: true }, ...counts(sum.total)],
  ];
  const detail: Cell[][] = [];
  const streets = sum.byStreet.map((x) => x.street);
  for (const street of streets) {
    const list = rows.filter((r) => r.street === street);
    detail.push([{ text: `${street}（${list.length}个）`, colSpan: 8, align: 'left', bold: true, keepWithNext: true }]);
    list.forEach((r: RatingRow, i) =>
      detail.push([
        String(i + 1),
        { text: r.partyOrgName ?? `${r.name}党组织`, align: 'left' },
        { text: r.name, align: 'left' },
        r.formation ?? '—',
        fixed(r.score),
        starText(r.stars),
        r.lastYearStars === null ? '—' : starText(r.lastYearStars),
        { text: r.explanation, align: 'left' },
      ]),
    );
  }
  const body: Block[] = [
    { kind: 'heading', level: 1, text: '分街道（乡镇）统计' },
    {
      kind: 'table',
      table: { columns: [2, 8, 3, 3, 3, 3, 3, 3, 3], header: [['序号', '街道（乡镇）', '参评', '五星', '四星', '三星', '二星', '一星', '未评定']], rows: byStreet, fontSize: 12 },
    },
    // The organisations' table is long: it starts a page of its own rather than leaving its heading alone.
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: '各党组织评定结果' },
    {
      kind: 'table',
      table: { columns: [1.8, 8, 7.4, 3.6, 2.6, 2.6, 2.6, 11], header: [['序号', '党组织名称', '所在两新组织', '组建方式', '得分', '星级', '上年星级', '评定说明']], rows: detail, fontSize: 12 },
    },
    ...describeRatingSettings(JSON.parse(round.settings)).map((t, i) => ({ kind: 'paragraph' as const, text: `${i === 0 ? '注：' : ''}${t}。`, indent: i === 0 })),
    { kind: 'paragraph', text: `软弱涣散党组织：${sum.weak.explanation}。` },
  ];
  return { title: `${year}年度两新组织党组织星级评定结果汇总表`, subtitle: subtitle(ctx), orientation: 'landscape', body };
}

/** 软弱涣散党组织整顿台账, landscape, with the 转化率 and its numbers under the table. */
function weakLedger(ctx: CoreContext, year: number): GongwenDocument {
  const { items, rate } = weakList(ctx, year);
  const rows: Cell[][] = items.map((w, i) => [
    String(i + 1),
    { text: w.name, align: 'left' },
    w.street,
    // The reason usually names its ground already (“49分，一星：未达60分……”): the ground is added only when it does not.
    { text: w.reason.includes(w.source) ? w.reason : `${w.source}：${w.reason}`, align: 'left' },
    { text: w.problems ?? '', align: 'left' },
    { text: w.plan ?? '', align: 'left' },
    w.leader ?? '',
    date(w.deadline),
    { text: w.progress ?? '', align: 'left' },
    w.overdueDays ? `${w.status}（逾期${w.overdueDays}天）` : w.status === '整顿中' ? w.status : `${w.status}\n${date(w.closedOn)}`,
  ]);
  if (rows.length === 0) rows.push([{ text: `${year}年度未确定软弱涣散党组织`, colSpan: 10 }]);
  return tableDocument({
    title: `${year}年度软弱涣散党组织整顿台账`,
    subtitle: subtitle(ctx),
    orientation: 'landscape',
    table: {
      columns: [1.6, 6, 3.6, 7, 7, 9, 4.8, 5, 6.4, 4.2],
      header: twoRowHeader(['序号', '党组织所在单位', '所在街道（乡镇）', '认定依据', ['整顿措施', ['存在问题', '整顿方案', '包联领导', '整顿时限']], '整顿进展', '整顿结果']),
      rows,
      fontSize: 12,
    },
    notes: [`注：${rate.explanation}。`],
  });
}

/** 关于命名……为“双强六好”……党组织的决定: a sealed 决定 with the named list as 附件. */
function modelDecision(ctx: CoreContext, year: number): GongwenDocument {
  const named = modelList(ctx, year).filter((m) => m.decision === '命名');
  if (named.length === 0) throw new AppError('VALIDATION', `${year} 年还没有审定命名的“双强六好”党组织：请先在“双强六好”中核查并审定`);
  const s = filledDocumentSettings(ctx.db);
  const groups = (['enterprise', 'social'] as const).map((c) => ({ title: MODEL_TITLES[c], list: named.filter((m) => m.category === c) })).filter((g) => g.list.length);
  const titles = groups.map((g) => g.title).join('和');
  const listName = (t: string) => `${year}年度${t}名单`;
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `${year}年以来，全区两新组织党组织深入贯彻落实新时代党的建设总要求，坚持党建引领发展，涌现出一批党建强、发展强，生产经营好、企业文化好、劳动关系好、党组织班子好、党员队伍好、社会评价好的先进典型。`,
    },
    {
      kind: 'paragraph',
      text: `为树立典型、激励先进，经街道（乡镇）推荐、逐项核查和工委会议研究，决定命名${named.map((m) => m.partyOrgName ?? `${m.name}党组织`).slice(0, 3).join('、')}${named.length > 3 ? `等${named.length}个党组织` : ''}为${year}年度${titles}。`,
    },
    {
      kind: 'paragraph',
      text: '希望受到命名的党组织珍惜荣誉、再接再厉，充分发挥示范引领作用。各街道（乡镇）两新组织党委要认真总结推广先进经验，推动全区两新组织党建工作提质增效。',
    },
  ];
  return {
    masthead: { mark: s.issuerMark, docNumber: takeDocNumber(ctx) },
    title: `关于命名${year}年度${titles}的决定`,
    mainRecipient: '各街道（乡镇）两新组织党委，工委各成员单位',
    body,
    attachmentNames: groups.map((g) => listName(g.title)),
    signature: s.signature,
    date: ctx.clock.today(),
    sealed: true,
    attachments: groups.map((g) => ({
      title: listName(g.title),
      blocks: [
        {
          kind: 'table' as const,
          table: {
            columns: [2, 11, 4],
            header: [['序号', '党组织名称', '所在街道（乡镇）']],
            rows: g.list.map((m, i) => [String(i + 1), { text: m.partyOrgName ?? `${m.name}党组织`, align: 'left' as const }, m.street]),
            fontSize: 14 as const,
          },
        },
      ],
    })),
    colophon: { cc: s.defaultCc || undefined, printer: s.printer, printDate: ctx.clock.today() },
  };
}

/** 书记项目立项书: one form per project, for signing. */
export function charter(ctx: CoreContext, id: number): GongwenDocument {
  const p = projectDetail(ctx, id);
  const label = (text: string): Cell => ({ text, bold: true });
  const value = (text: string | null | undefined, colSpan = 3): Cell => ({ text: text?.trim() || '', align: 'left', colSpan });
  const milestones = p.milestones.length ? p.milestones.map((m, i) => `${i + 1}. ${chineseDate(m.dueDate)}前：${m.title}`).join('\n') : '';
  return {
    title: `${p.year}年度书记项目立项书`,
    body: [
      {
        kind: 'table',
        table: {
          columns: [4, 6, 4, 6],
          header: [],
          rows: [
            [label('项目名称'), value(p.title)],
            [label('书记姓名'), value(p.secretary, 1), label('所在街道'), value(p.street, 1)],
            [label('所在党组织'), value(p.unitName)],
            [label('存在问题'), value(p.problem)],
            [label('项目目标'), value(p.goal)],
            [label('主要措施'), value(p.measures)],
            [label('推进节点'), value(milestones)],
            [label('书记承诺'), value('本人承诺按照立项内容和时间节点推进项目，接受组织和群众监督。\n\n书记（签字）：　　　　　　　年　　月　　日')],
            [label('审核意见'), value('\n街道（乡镇）两新组织党委（盖章）：　　　　　　　年　　月　　日')],
          ],
          fontSize: 14,
          minRowHeight: fieldRow(14),
        },
      },
      { kind: 'paragraph', text: `立项日期：${p.signedOn ? chineseDate(p.signedOn) : '　　年　　月　　日'}。本立项书一式两份，街道（乡镇）两新组织党委和书记所在党组织各存一份。` },
    ],
  };
}

/** 书记项目验收结果汇总表, landscape. */
function acceptanceSummary(ctx: CoreContext, year: number): GongwenDocument {
  const list = projectList(ctx, year);
  if (list.length === 0) throw new AppError('VALIDATION', `${year} 年还没有书记项目`);
  const s = acceptanceSettings(ctx.db);
  const rows: Cell[][] = list.map((p: ProjectRow, i) => [
    String(i + 1),
    { text: p.unitName, align: 'left' },
    p.secretary,
    { text: p.title, align: 'left' },
    p.status,
    fixed(p.selfScore),
    fixed(p.superiorScore),
    fixed(p.massesScore),
    fixed(p.score),
    p.grade ?? '未验收',
    // The formula is in the three score columns; the reason keeps the total and the line.
    { text: p.grade ? p.explanation.replace(/（自查.*）$/, '') : '—', align: p.grade ? 'left' : 'center' },
  ]);
  const graded = list.filter((p) => p.grade);
  const n = (g: string) => graded.filter((p) => p.grade === g).length;
  return tableDocument({
    title: `${year}年度书记项目验收结果汇总表`,
    subtitle: subtitle(ctx),
    orientation: 'landscape',
    table: {
      columns: [1.6, 9, 3, 7, 3.4, 2.4, 2.4, 2.4, 2.6, 3.2, 7],
      header: twoRowHeader(['序号', '所在党组织', '书记', '项目名称', '项目状态', ['验收得分', ['自查', '上考', '下评', '综合']], '结果', '说明']),
      rows,
      fontSize: 12,
    },
    notes: [
      `合计：书记项目${list.length}个，已验收${graded.length}个，其中优秀${n('优秀')}个、良好${n('良好')}个、一般${n('一般')}个、较差${n('较差')}个。`,
      ...describeAcceptanceSettings(s).map((text) => `${text}。`),
    ],
  });
}

export async function exportHonours(ctx: CoreContext, req: { kind: HonoursExportKind; year: number; projectIds?: number[] }): Promise<FileOutput> {
  const label = HONOURS_EXPORT_LABELS[req.kind];
  if (req.kind === 'project-charters') {
    const list = projectList(ctx, req.year, req.projectIds);
    if (list.length === 0) throw new AppError('VALIDATION', `${req.year} 年没有所选的书记项目`);
    const files = [];
    for (const p of list) files.push({ fileName: `${safeFileName(`${p.unitName}-${p.title}`)}-立项书.docx`, bytes: await renderDocx(charter(ctx, p.id)) });
    if (files.length === 1) return toFileOutput(`${req.year}年度${label}-${safeFileName(list[0].title)}.docx`, files[0].bytes);
    return toFileOutput(`${req.year}年度${label}（${files.length}个）.zip`, zipFiles(files));
  }
  return toFileOutput(`${req.year}年度${label}.docx`, await renderDocx(honoursDocument(ctx, req.kind, req.year)));
}

/** One of the year's summary documents (the 立项书 are one a project: charter()). */
export function honoursDocument(ctx: CoreContext, kind: Exclude<HonoursExportKind, 'project-charters'>, year: number): GongwenDocument {
  return { 'star-summary': starSummary, 'weak-ledger': weakLedger, 'model-decision': modelDecision, 'project-acceptance': acceptanceSummary }[kind](ctx, year);
}
