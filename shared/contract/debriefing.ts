import { z } from 'zod';
import { channel, FileInput, FileOutput, id, isoDate, nonEmpty, Ok, optionalText, year } from './common';
import { OrgFilter } from './orgs';
import { GRADES, GradingSettings } from '../domain/grading';

/** 层级, in reporting order: each tier reports to the one above. */
export const TIERS = ['两新党组织书记', '工委成员单位', '两新工委'] as const;
export type Tier = (typeof TIERS)[number];

/** Status of one debriefer, in order. */
export const DEBRIEFER_STATUSES = ['待提交', '已提交报告', '已述职', '已评定', '整改中', '已完成'] as const;
export type DebrieferStatus = (typeof DEBRIEFER_STATUSES)[number];

export const RECTIFICATION_STATUSES = ['未开始', '整改中', '已完成'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** Default 民主测评 items: the overall item first, then five aspects. */
export const DEFAULT_BALLOT_ITEMS = ['总体评价', '履行第一责任人职责', '加强组织建设', '党员教育管理', '发挥政治引领作用', '推动发展服务群众'];

const votes = (label: string) =>
  z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(100_000, `${label}过大`);
const score = (label: string) => z.number({ error: `${label}应为数字` }).min(-1000, `${label}过小`).max(1000, `${label}过大`);

export const Grade = z.enum(GRADES, { error: '请选择等次：好、较好、一般、差' });

export const CycleFields = z.object({
  year,
  name: nonEmpty('考核名称', 100),
  startDate: isoDate,
  endDate: isoDate,
  ballotItems: z
    .array(nonEmpty('测评项目', 50))
    .min(1, '至少需要一个测评项目（第一个为总体评价）')
    .max(12, '测评项目不超过 12 个')
    .refine((xs) => new Set(xs).size === xs.length, '测评项目不能重复'),
  notes: optionalText(2000),
});
export type CycleFields = z.infer<typeof CycleFields>;

export const CycleRow = CycleFields.extend({
  id,
  debriefers: z.number(),
  graded: z.number(),
  isSample: z.boolean(),
});
export type CycleRow = z.infer<typeof CycleRow>;

export const Tally = z.object({
  item: nonEmpty('测评项目', 50),
  issued: votes('发出票数'),
  valid: votes('有效票数'),
  good: votes('“好”票数'),
  fairlyGood: votes('“较好”票数'),
  average: votes('“一般”票数'),
  poor: votes('“差”票数'),
});
export type Tally = z.infer<typeof Tally>;

export const ChecklistItem = z.object({
  indicator: nonEmpty('考核指标', 200),
  maxScore: z.number({ error: '分值应为数字' }).positive('分值应大于 0').max(1000, '分值过大'),
  selfScore: score('自评').nullable(),
  superiorScore: score('上级评分').nullable(),
  adjustment: score('加减分'),
  adjustmentReason: optionalText(500),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const RectificationFields = z.object({
  problem: nonEmpty('问题', 1000),
  measures: optionalText(2000),
  owner: optionalText(100),
  deadline: isoDate.nullable(),
  status: z.enum(RECTIFICATION_STATUSES, { error: '请选择整改状态' }),
  evidence: optionalText(2000),
});
export type RectificationFields = z.infer<typeof RectificationFields>;

export const Rectification = RectificationFields.extend({
  id,
  debrieferId: id,
  overdue: z.boolean(),
  completedOn: z.string().nullable(),
});
export type Rectification = z.infer<typeof Rectification>;

const GradeInfo = {
  /** The grade that counts (override or computed; frozen at 已评定). */
  grade: Grade.nullable(),
  /** True once the debriefer is 已评定 (or later): before that the grade is only the live computation. */
  gradeFinal: z.boolean(),
  explanation: z.string(),
  overridden: z.boolean(),
  score: z.number().nullable(),
  lastYearGrade: Grade.nullable(),
};

export const DebrieferRow = z.object({
  id,
  cycleId: id,
  tier: z.enum(TIERS),
  name: z.string(),
  person: z.string().nullable(),
  street: z.string().nullable(),
  organizationId: z.number().nullable(),
  unitId: z.number().nullable(),
  status: z.enum(DEBRIEFER_STATUSES),
  /** Statuses the debriefer may move to now (forward, or one step back). */
  nextStatuses: z.array(z.enum(DEBRIEFER_STATUSES)),
  hasReport: z.boolean(),
  ...GradeInfo,
  rectifications: z.object({ total: z.number(), open: z.number(), overdue: z.number() }),
});
export type DebrieferRow = z.infer<typeof DebrieferRow>;

export const ItemFigures = z.object({
  item: z.string(),
  shares: z.record(z.string(), z.number()),
  favourableShare: z.number(),
  weighted: z.number(),
  score100: z.number(),
});

export const DebrieferDetail = DebrieferRow.extend({
  cycleYear: z.number(),
  ballotItems: z.array(z.string()),
  reportText: z.string().nullable(),
  reportSubmittedOn: z.string().nullable(),
  reportFileName: z.string().nullable(),
  debriefedOn: z.string().nullable(),
  ballots: z.array(Tally),
  items: z.array(ItemFigures),
  /** The live computed result (before any override), for the ballot screen. */
  computed: z.object({ grade: Grade.nullable(), explanation: z.string() }),
  overrideGrade: Grade.nullable(),
  overrideReason: z.string().nullable(),
  checklist: z.array(ChecklistItem),
  rectificationItems: z.array(Rectification),
});
export type DebrieferDetail = z.infer<typeof DebrieferDetail>;

const GradeCounts = z.object({ 好: z.number(), 较好: z.number(), 一般: z.number(), 差: z.number(), 未评定: z.number() });
export type GradeCounts = z.infer<typeof GradeCounts>;

export const TierSummary = z.object({
  tier: z.enum(TIERS),
  debriefers: z.number(),
  grades: GradeCounts,
  byStatus: z.record(z.string(), z.number()),
  rectification: z.object({ total: z.number(), open: z.number(), overdue: z.number(), done: z.number() }),
});
export type TierSummary = z.infer<typeof TierSummary>;

export const CycleSummary = z.object({
  year: z.number(),
  cycle: z.string(),
  tiers: z.array(TierSummary),
  total: TierSummary.omit({ tier: true }),
  /** District view: the party-organisation tier cut by street. */
  byStreet: z.array(z.object({ street: z.string(), debriefers: z.number(), grades: GradeCounts })),
  /** Against last year's grade, for debriefers present both years. */
  comparison: z.object({ better: z.number(), same: z.number(), worse: z.number(), new: z.number() }),
});
export type CycleSummary = z.infer<typeof CycleSummary>;

export const MemberUnit = z.object({
  id: id.optional(),
  name: nonEmpty('成员单位名称', 100),
  contactPerson: optionalText(50),
  contactPhone: optionalText(50),
  leader: optionalText(50),
  notes: optionalText(500),
});
export type MemberUnit = z.infer<typeof MemberUnit>;

export const Reminder = z.object({
  id,
  debrieferId: id,
  cycleYear: z.number(),
  debriefer: z.string(),
  problem: z.string(),
  owner: z.string().nullable(),
  deadline: z.string(),
  daysOverdue: z.number(),
});
export type Reminder = z.infer<typeof Reminder>;

export const EXPORT_KINDS = ['plan', 'ballot-form', 'ballot-summary', 'debriefing-results', 'rectification-list', 'report-compilation'] as const;
export type DebriefingExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_LABELS: Record<DebriefingExportKind, string> = {
  plan: '述职评议工作方案',
  'ballot-form': '民主测评表',
  'ballot-summary': '民主测评结果汇总表',
  'debriefing-results': '述职评议等次结果汇总表',
  'rectification-list': '问题整改清单',
  'report-compilation': '述职报告汇编',
};

const cycleRef = z.object({ cycleId: id });

export const debriefingChannels = {
  'debriefing.cycles': channel('述职评议考核列表', z.object({}).strict(), z.array(CycleRow)),
  'debriefing.saveCycle': channel('保存述职评议考核', CycleFields.extend({ id: id.optional() }), z.object({ id })),
  'debriefing.deleteCycle': channel('删除述职评议考核', z.object({ id }), Ok),
  'debriefing.cycle': channel(
    '查看述职评议考核',
    z.object({ id }),
    z.object({ cycle: CycleRow, debriefers: z.array(DebrieferRow), summary: CycleSummary }),
  ),
  'debriefing.addOrgs': channel(
    '添加两新党组织书记',
    cycleRef.extend({ filter: OrgFilter.optional(), organizationIds: z.array(id).max(100_000).optional() }),
    z.object({ added: z.number(), skipped: z.number() }),
  ),
  'debriefing.addUnits': channel('添加工委成员单位', cycleRef.extend({ unitIds: z.array(id).min(1, '请至少选择一个成员单位') }), z.object({ added: z.number(), skipped: z.number() })),
  'debriefing.addCommittee': channel(
    '添加两新工委述职人',
    cycleRef.extend({ name: nonEmpty('述职单位', 100), person: optionalText(50) }),
    z.object({ id }),
  ),
  'debriefing.removeDebriefer': channel('移除述职人', z.object({ id }), Ok),
  'debriefing.debriefer': channel('查看述职人', z.object({ id }), DebrieferDetail),
  'debriefing.saveReport': channel(
    '保存述职报告',
    z.object({ id, text: optionalText(100_000), submittedOn: isoDate.nullable().optional(), file: FileInput.nullable().optional() }),
    Ok,
  ),
  'debriefing.reportFile': channel('下载述职报告附件', z.object({ id }), FileOutput),
  'debriefing.saveBallots': channel('保存民主测评票数', z.object({ id, tallies: z.array(Tally).max(12) }), Ok),
  'debriefing.saveChecklist': channel('保存考核指标评分', z.object({ id, items: z.array(ChecklistItem).max(100) }), Ok),
  'debriefing.setStatus': channel(
    '变更述职状态',
    z.object({ id, status: z.enum(DEBRIEFER_STATUSES, { error: '未知的状态' }), date: isoDate.optional() }),
    Ok,
  ),
  'debriefing.override': channel(
    '委员会调整等次',
    z.object({ id, grade: Grade.nullable(), reason: optionalText(500) }),
    Ok,
  ),
  'debriefing.saveRectification': channel('保存整改事项', RectificationFields.extend({ id: id.optional(), debrieferId: id }), z.object({ id })),
  'debriefing.deleteRectification': channel('删除整改事项', z.object({ id }), Ok),
  'debriefing.reminders': channel('整改逾期提醒', z.object({}).strict(), z.array(Reminder)),
  'debriefing.summary': channel('述职评议汇总', z.object({ year }), CycleSummary),
  'debriefing.units': channel('成员单位列表', z.object({}).strict(), z.array(MemberUnit.extend({ id }))),
  'debriefing.saveUnit': channel('保存成员单位', MemberUnit, z.object({ id })),
  'debriefing.deleteUnit': channel('删除成员单位', z.object({ id }), Ok),
  'debriefing.settings': channel('评定标准', z.object({}).strict(), z.object({ settings: GradingSettings, description: z.array(z.string()), isDefault: z.boolean() })),
  'debriefing.saveSettings': channel('保存评定标准', z.object({ settings: GradingSettings.nullable() }), Ok),
  'debriefing.export': channel(
    '导出述职评议文书',
    z.object({
      kind: z.enum(EXPORT_KINDS),
      year: year.optional(),
      cycleId: id.optional(),
      tier: z.enum(TIERS).optional(),
      debrieferIds: z.array(id).optional(),
    }),
    FileOutput,
  ),
};
