import type { FileOutput } from '../../../shared/contract';
import type { AssignmentRow } from '../../../shared/contract/instructors';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { chineseDate, filledDocumentSettings, renderDocx, tableDocument, takeDocNumber, toFileOutput, type Cell, type GongwenDocument } from '../export';
import { assignmentRows } from './assignments';
import { listInstructors, loadInstructor } from './roster';
import { instructorSettings } from './settings';
import { queryVisits } from './visits';

const unitAndPosition = (unit: string | null, position: string | null) => [unit, position].filter(Boolean).join('') || '—';

/** 党建工作指导员选派通知: the notice, with the list of instructors and the organisations each covers as 附件. */
export async function exportInstructorNotice(ctx: CoreContext, input: { docNumber?: string; instructorIds?: number[] }): Promise<FileOutput> {
  const { doc, docNumber } = instructorNoticeDocument(ctx, input);
  return toFileOutput(`党建工作指导员选派通知（${docNumber}）.docx`, await renderDocx(doc));
}

/** The 选派通知 as a document (takes a 发文字号 unless one is given). */
export function instructorNoticeDocument(ctx: CoreContext, input: { docNumber?: string; instructorIds?: number[] }): { doc: GongwenDocument; docNumber: string } {
  const today = ctx.clock.today();
  const wanted = input.instructorIds ? new Set(input.instructorIds) : null;
  const active = assignmentRows(ctx, { activeOnly: true }).filter((a) => !wanted || wanted.has(a.instructorId));
  if (!active.length) throw new AppError('VALIDATION', '所选范围内没有在岗的选派记录，无法生成选派通知；请先在“党建指导员”中选派');
  const roster = new Map(listInstructors(ctx).map((i) => [i.id, i]));
  const byInstructor = new Map<number, AssignmentRow[]>();
  for (const a of active) byInstructor.set(a.instructorId, [...(byInstructor.get(a.instructorId) ?? []), a]);
  const hasLiaison = [...byInstructor.keys()].some((id) => roster.get(id)?.role === '联络员');
  const who = hasLiaison ? '党建工作指导员（联络员）' : '党建工作指导员';
  const s = filledDocumentSettings(ctx.db);
  const docNumber = input.docNumber || takeDocNumber(ctx);
  const months = instructorSettings(ctx.db).visitIntervalMonths;

  const rows: Cell[][] = [];
  let n = 0;
  for (const [id, list] of byInstructor) {
    const i = roster.get(id)!;
    const span = list.length;
    list.forEach((a, k) => {
      const person: Cell[] = k === 0
        ? [
            { text: String(++n), rowSpan: span },
            { text: i.name, rowSpan: span },
            { text: i.role, rowSpan: span },
            { text: unitAndPosition(i.workUnit, i.position), rowSpan: span },
            { text: i.phone ?? '—', rowSpan: span },
          ]
        : [];
      rows.push([...person, { text: a.orgName, align: 'left' }, a.street, chineseDate(a.startDate)]);
    });
  }
  const listTitle = `${who}选派名单`;
  const doc: GongwenDocument = {
    title: `关于选派${who}的通知`,
    masthead: { mark: s.issuerMark, docNumber },
    mainRecipient: '各街道（乡镇）两新组织党组织，各有关企业和社会组织',
    body: [
      {
        kind: 'paragraph',
        text: `为推进两新组织党的组织和党的工作有效覆盖，落实“应派尽派”要求，经研究，决定向${new Set(active.map((a) => a.organizationId)).size}个两新组织选派${who}${byInstructor.size}名。现将有关事项通知如下。`,
      },
      { kind: 'heading', level: 1, text: '选派名单' },
      { kind: 'paragraph', text: `${who}及其联系的组织见附件。` },
      { kind: 'heading', level: 1, text: '工作职责' },
      {
        kind: 'paragraph',
        text: `${who}要宣传贯彻党的路线方针政策，摸清所联系组织的党员和职工情况，指导发展党员和组建党组织，推动工会、共青团等群团组织建设，每${months === 3 ? '季度' : `${months}个月`}至少走访联系一次，如实填写走访记录。`,
      },
      { kind: 'heading', level: 1, text: '工作要求' },
      { kind: 'paragraph', text: '各街道（乡镇）要为指导员开展工作提供便利，有关企业和社会组织要积极支持配合。工作中遇到的问题请及时向两新工委报告。' },
    ],
    attachmentNames: [listTitle],
    signature: s.signature,
    date: today,
    attachments: [
      {
        title: listTitle,
        orientation: 'landscape',
        blocks: [
          {
            kind: 'table',
            table: {
              columns: [1, 2, 1.8, 4, 3.2, 5, 2.4, 2.6],
              header: [['序号', '姓名', '类别', '工作单位及职务', '联系电话', '联系组织', '所在街道（乡镇）', '选派日期']],
              rows,
            },
          },
        ],
      },
    ],
    colophon: { cc: s.defaultCc || undefined, printer: s.printer, printDate: today },
  };
  return { doc, docNumber };
}

/** 党建指导员花名册: landscape table; ID numbers masked as in every list. */
export async function exportInstructorRoster(ctx: CoreContext, input: { status?: '在岗' | '离任' }): Promise<FileOutput> {
  return toFileOutput(`党建指导员花名册（${ctx.clock.today()}）.docx`, await renderDocx(instructorRosterDocument(ctx, input)));
}

/** The 花名册 as a document. */
export function instructorRosterDocument(ctx: CoreContext, input: { status?: '在岗' | '离任' }): GongwenDocument {
  const list = listInstructors(ctx, { status: input.status });
  if (!list.length) throw new AppError('VALIDATION', '花名册中还没有人员，请先在“党建指导员”中登记');
  const s = filledDocumentSettings(ctx.db);
  const today = ctx.clock.today();
  return tableDocument({
    title: '党建工作指导员（联络员）花名册',
    subtitle: `制表单位：${s.issuerName}　　${chineseDate(today)}`,
    orientation: 'landscape',
    table: {
      columns: [1, 1, 1, 1, 3, 2, 1, 1, 1, 1, 1],
      // One piece a cell but 工作单位 and 职务, which share the rest (columns.ts: where it saves the most
      // lines); a term on two lines, broken after its dash.
      keepWhole: [true, true, true, true, false, false, true, true, true, true, true],
      header: [['序号', '姓名', '类别', '专兼职', '工作单位', '职务', '联系电话', '身份证号码', '任期', '联系\n组织数', '状态']],
      rows: list.map((i, k) => [
        String(k + 1),
        i.name,
        i.role,
        i.employment,
        { text: i.workUnit ?? '—', align: 'left' },
        i.position ?? '—',
        i.phone ?? '—',
        i.idCardMasked || '—',
        i.termStart ? (i.termEnd ? `${chineseDate(i.termStart)}—\n${chineseDate(i.termEnd)}` : `${chineseDate(i.termStart)}起`) : '—',
        String(i.activeOrgs),
        i.status,
      ]),
    },
    notes: [`注：共${list.length}人，其中指导员${list.filter((i) => i.role === '指导员').length}人、联络员${list.filter((i) => i.role === '联络员').length}人；联系组织数为${chineseDate(today)}在岗选派数。`],
  });
}

/** An instructor's 走访记录汇总 for a date range. */
export async function exportVisitSummary(ctx: CoreContext, input: { instructorId: number; from: string; to: string }): Promise<FileOutput> {
  const doc = visitSummaryDocument(ctx, input);
  const name = loadInstructor(ctx.db, input.instructorId).name;
  return toFileOutput(`${name}走访记录汇总（${input.from}至${input.to}）.docx`, await renderDocx(doc));
}

/** The 走访记录汇总 as a document. */
export function visitSummaryDocument(ctx: CoreContext, input: { instructorId: number; from: string; to: string }): GongwenDocument {
  if (input.to < input.from) throw new AppError('VALIDATION', '结束日期不能早于开始日期');
  const i = loadInstructor(ctx.db, input.instructorId);
  const visits = queryVisits(ctx.db, { instructorId: i.id, from: input.from, to: input.to }).reverse();
  if (!visits.length) throw new AppError('VALIDATION', `${i.name}在 ${input.from} 至 ${input.to} 之间没有走访记录，请调整日期范围`);
  const dash = (t: string | null | undefined) => ({ text: t || '—', align: 'left' as const });
  return tableDocument({
    title: `${i.name}同志走访记录汇总`,
    subtitle: `${i.role}　${unitAndPosition(i.work_unit, i.position)}　${chineseDate(input.from)}至${chineseDate(input.to)}`,
    orientation: 'landscape',
    table: {
      columns: [1, 3, 4, 2.2, 6, 4, 4, 3.4],
      // 序号, 日期 and 方式 (集中指导, 电话) each on one line: the text columns take the rest.
      keepWhole: [true, true, false, true],
      header: [['序号', '日期', '组织', '方式', '走访（指导）内容', '发现问题', '意见建议', '跟进落实']],
      rows: visits.map((v, k) => [String(k + 1), chineseDate(v.date), dash(v.orgName), v.way, dash(v.content), dash(v.problems), dash(v.suggestions), dash(v.followUp)]),
    },
    notes: [`注：共走访${visits.length}次，涉及${new Set(visits.map((v) => v.organizationId)).size}个组织。`],
  });
}
