import { z } from 'zod';
import { channel, FileInput, FileOutput, id, isoDate, nonEmpty, Ok, optionalText, year } from './common';
import { CATEGORIES } from '../domain/vocab';
import { RatingSettings } from '../domain/honours/starRating';
import { WEAK_STATUSES } from '../domain/honours/weakOrgs';
import { MODEL_DECISIONS, MODEL_ITEMS } from '../domain/honours/modelOrgs';
import { ACCEPTANCE_GRADES, AcceptanceSettings, PROJECT_STATUSES } from '../domain/honours/secretaryProjects';

/**
 * Yearly honours and accountability (domain.md “Yearly honours, weak organisations and secretaries'
 * projects”): 评星定级 (rating.*), 软弱涣散党组织整顿 (weak.*), 双强六好 (models.*) and 书记项目 (projects.*).
 */

const score100 = (label: string) => z.number({ error: `${label}应为数字` }).min(0, `${label}不能为负数`).max(100, `${label}不超过 100 分`);

// ── 评星定级 ─────────────────────────────────────────────────────────────────

export const RoundRow = z.object({
  id,
  year: z.number(),
  name: z.string(),
  closed: z.boolean(),
  closedOn: z.string().nullable(),
  /** Organisations with stars / eligible party organisations. */
  rated: z.number(),
  isSample: z.boolean(),
});
export type RoundRow = z.infer<typeof RoundRow>;

/** One organisation's line of the rating grid: its scores, vetoes and the rule's result. */
export const RatingRow = z.object({
  organizationId: id,
  name: z.string(),
  partyOrgName: z.string().nullable(),
  street: z.string(),
  formation: z.string().nullable(),
  scores: z.record(z.string(), z.number().nullable()),
  vetoes: z.array(z.string()),
  score: z.number().nullable(),
  stars: z.number().nullable(),
  explanation: z.string(),
  weakCandidate: z.boolean(),
  lastYearStars: z.number().nullable(),
  /** Items scored from the organisation's finished 书记项目 (key → points), shown read-only in the grid. */
  projectScores: z.record(z.string(), z.number()),
});
export type RatingRow = z.infer<typeof RatingRow>;

export const RatingEntry = z.object({
  organizationId: id,
  scores: z.record(z.string().max(12), score100('得分').nullable()),
  vetoes: z.array(z.string().max(40)).max(10),
});
export type RatingEntry = z.infer<typeof RatingEntry>;

const StarCounts = z.object({ 5: z.number(), 4: z.number(), 3: z.number(), 2: z.number(), 1: z.number(), unrated: z.number(), total: z.number() });
export type StarCounts = z.infer<typeof StarCounts>;

export const ConversionFigures = z.object({ identified: z.number(), converted: z.number(), rate: z.number().nullable(), explanation: z.string() });

export const RatingSummary = z.object({
  year: z.number(),
  round: z.string(),
  closed: z.boolean(),
  byStreet: z.array(StarCounts.extend({ street: z.string() })),
  total: StarCounts,
  weak: z.object({ candidates: z.number(), converting: z.number() }).extend(ConversionFigures.shape),
  models: z.object({ recommended: z.number(), named: z.number() }),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

/** What an organisation's case file shows year by year. */
export const OrgHonours = z.object({
  ratings: z.array(z.object({ year: z.number(), stars: z.number().nullable(), score: z.number().nullable(), explanation: z.string(), closed: z.boolean() })),
  titles: z.array(z.object({ year: z.number(), title: z.string() })),
  weak: z.array(z.object({ year: z.number(), status: z.enum(WEAK_STATUSES), reason: z.string() })),
  projects: z.array(z.object({ id, year: z.number(), title: z.string(), secretary: z.string(), status: z.enum(PROJECT_STATUSES), grade: z.enum(ACCEPTANCE_GRADES).nullable() })),
});
export type OrgHonours = z.infer<typeof OrgHonours>;

// ── 软弱涣散党组织整顿 ─────────────────────────────────────────────────────────

export const WEAK_SOURCES = ['一星', '一票否决', '其他'] as const;

export const WeakCandidate = z.object({
  organizationId: id,
  name: z.string(),
  street: z.string(),
  stars: z.number().nullable(),
  explanation: z.string(),
  source: z.enum(WEAK_SOURCES),
});
export type WeakCandidate = z.infer<typeof WeakCandidate>;

export const WeakFields = z.object({
  problems: optionalText(2000),
  plan: optionalText(2000),
  leader: optionalText(50),
  deadline: isoDate.nullable().optional(),
  progress: optionalText(2000),
});
export type WeakFields = z.infer<typeof WeakFields>;

export const WeakRow = WeakFields.extend({
  id,
  year: z.number(),
  organizationId: id,
  name: z.string(),
  street: z.string(),
  source: z.enum(WEAK_SOURCES),
  reason: z.string(),
  status: z.enum(WEAK_STATUSES),
  closedOn: z.string().nullable(),
  overdueDays: z.number().nullable(),
});
export type WeakRow = z.infer<typeof WeakRow>;

// ── 双强六好 ──────────────────────────────────────────────────────────────────

export const ModelCheckInput = z.object({
  item: z.enum(MODEL_ITEMS, { error: '未知的核查项目' }),
  met: z.boolean().nullable(),
  note: optionalText(500),
});

export const ModelRow = z.object({
  id,
  year: z.number(),
  organizationId: id,
  name: z.string(),
  partyOrgName: z.string().nullable(),
  category: z.enum(CATEGORIES),
  street: z.string(),
  recommendedBy: z.string(),
  recommendedOn: z.string().nullable(),
  checks: z.array(ModelCheckInput),
  passed: z.boolean().nullable(),
  explanation: z.string(),
  decision: z.enum(MODEL_DECISIONS),
  decisionNote: z.string().nullable(),
  title: z.string(),
});
export type ModelRow = z.infer<typeof ModelRow>;

// ── 书记项目 ──────────────────────────────────────────────────────────────────

export const Milestone = z.object({
  title: nonEmpty('节点内容', 200),
  dueDate: isoDate,
  doneOn: isoDate.nullable().optional(),
});

export const ProjectFields = z.object({
  year,
  /** The 两新组织 whose party organisation's secretary runs it; null for a street 党工委 secretary. */
  organizationId: id.nullable().optional(),
  street: optionalText(100),
  secretary: nonEmpty('书记姓名', 50),
  unitName: nonEmpty('所在党组织', 200),
  title: nonEmpty('项目名称', 100),
  problem: optionalText(2000),
  goal: optionalText(2000),
  measures: optionalText(4000),
  signedOn: isoDate.nullable().optional(),
  milestones: z.array(Milestone).max(24, '节点不超过 24 个'),
  midtermNote: optionalText(2000),
});
export type ProjectFields = z.infer<typeof ProjectFields>;

export const ProjectRow = z.object({
  id,
  year: z.number(),
  organizationId: z.number().nullable(),
  street: z.string().nullable(),
  secretary: z.string(),
  unitName: z.string(),
  title: z.string(),
  status: z.enum(PROJECT_STATUSES),
  nextStatuses: z.array(z.enum(PROJECT_STATUSES)),
  milestones: z.object({ total: z.number(), done: z.number(), overdue: z.number() }),
  selfScore: z.number().nullable(),
  superiorScore: z.number().nullable(),
  massesScore: z.number().nullable(),
  grade: z.enum(ACCEPTANCE_GRADES).nullable(),
  score: z.number().nullable(),
  explanation: z.string(),
  isSample: z.boolean(),
});
export type ProjectRow = z.infer<typeof ProjectRow>;

export const ProjectDetail = ProjectRow.extend(ProjectFields.shape).extend({
  milestones: z.array(Milestone.extend({ overdueDays: z.number().nullable() })),
  milestoneCounts: ProjectRow.shape.milestones,
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const Overdue = z.object({
  kind: z.enum(['整顿', '节点']),
  id,
  year: z.number(),
  label: z.string(),
  detail: z.string(),
  owner: z.string().nullable(),
  deadline: z.string(),
  daysOverdue: z.number(),
});
export type Overdue = z.infer<typeof Overdue>;

// ── documents ─────────────────────────────────────────────────────────────────

export const HONOURS_EXPORT_KINDS = ['star-summary', 'weak-ledger', 'model-decision', 'project-charters', 'project-acceptance'] as const;
export type HonoursExportKind = (typeof HONOURS_EXPORT_KINDS)[number];
export const HONOURS_EXPORT_LABELS: Record<HonoursExportKind, string> = {
  'star-summary': '星级评定结果汇总表',
  'weak-ledger': '软弱涣散党组织整顿台账',
  'model-decision': '“双强六好”命名决定',
  'project-charters': '书记项目立项书',
  'project-acceptance': '书记项目验收结果汇总表',
};

const Settings = <S extends z.ZodType>(s: S) => z.object({ settings: s, description: z.array(z.string()), isDefault: z.boolean() });

export const honoursChannels = {
  'rating.rounds': channel('评星定级年度列表', z.object({}).strict(), z.array(RoundRow)),
  'rating.saveRound': channel(
    '保存评星定级年度',
    z.object({ id: id.optional(), year, name: nonEmpty('名称', 100), settings: RatingSettings.optional() }),
    z.object({ id }),
  ),
  'rating.deleteRound': channel('删除评星定级年度', z.object({ id }), Ok),
  'rating.round': channel(
    '查看评星定级',
    z.object({ id }),
    z.object({ round: RoundRow, settings: RatingSettings, description: z.array(z.string()), rows: z.array(RatingRow) }),
  ),
  'rating.saveScores': channel(
    '保存评星得分',
    z.object({ roundId: id, entries: z.array(RatingEntry).min(1, '没有要保存的得分').max(50_000) }),
    z.object({ saved: z.number() }),
  ),
  'rating.close': channel('评星定级结束或重新开放', z.object({ id, closed: z.boolean() }), Ok),
  'rating.summary': channel('评星定级汇总', z.object({ year }), RatingSummary),
  'rating.settings': channel('评星标准（新年度默认）', z.object({}).strict(), Settings(RatingSettings)),
  'rating.saveSettings': channel('保存评星标准', z.object({ settings: RatingSettings.nullable() }), Ok),
  'rating.orgHonours': channel('组织的星级和荣誉', z.object({ organizationId: id }), OrgHonours),
  'rating.reminders': channel('整顿和书记项目逾期提醒', z.object({}).strict(), z.array(Overdue)),
  'rating.importResults': channel(
    '导入往年评星结果',
    z.object({ year, file: FileInput }),
    z.object({ imported: z.number(), roundId: id }),
  ),
  'rating.export': channel(
    '导出评星定级和书记项目文书',
    z.object({ kind: z.enum(HONOURS_EXPORT_KINDS), year, projectIds: z.array(id).max(10_000).optional() }),
    FileOutput,
  ),

  'weak.candidates': channel('软弱涣散党组织候选', z.object({ year }), z.array(WeakCandidate)),
  'weak.confirm': channel(
    '确定软弱涣散党组织',
    z.object({ year, organizationId: id, source: z.enum(WEAK_SOURCES, { error: '请选择认定依据' }), reason: nonEmpty('认定理由', 500) }),
    z.object({ id }),
  ),
  'weak.list': channel('软弱涣散党组织整顿台账', z.object({ year }), z.object({ items: z.array(WeakRow), rate: ConversionFigures })),
  'weak.save': channel('保存整顿情况', WeakFields.extend({ id }), Ok),
  'weak.close': channel(
    '整顿销号',
    z.object({ id, status: z.enum(WEAK_STATUSES, { error: '请选择整顿结果' }), date: isoDate.optional() }),
    Ok,
  ),
  'weak.remove': channel('撤销软弱涣散认定', z.object({ id }), Ok),

  'models.list': channel('双强六好推荐名单', z.object({ year }), z.array(ModelRow)),
  'models.recommend': channel(
    '推荐双强六好',
    z.object({ year, organizationIds: z.array(id).min(1, '请至少选择一个组织').max(1000), recommendedBy: nonEmpty('推荐单位', 100), recommendedOn: isoDate.optional() }),
    z.object({ added: z.number(), skipped: z.number() }),
  ),
  'models.saveChecks': channel('保存双强六好核查', z.object({ id, checks: z.array(ModelCheckInput).max(MODEL_ITEMS.length) }), Ok),
  'models.decide': channel(
    '工委审定双强六好',
    z.object({ id, decision: z.enum(MODEL_DECISIONS, { error: '请选择审定结果' }), note: optionalText(500) }),
    Ok,
  ),
  'models.remove': channel('移出双强六好推荐', z.object({ id }), Ok),

  'projects.list': channel('书记项目列表', z.object({ year }), z.array(ProjectRow)),
  'projects.get': channel('查看书记项目', z.object({ id }), ProjectDetail),
  'projects.save': channel('保存书记项目', ProjectFields.extend({ id: id.optional() }), z.object({ id })),
  'projects.setStatus': channel('变更书记项目状态', z.object({ id, status: z.enum(PROJECT_STATUSES, { error: '未知的状态' }) }), Ok),
  'projects.saveAcceptance': channel(
    '录入书记项目验收得分',
    z.object({ id, self: score100('自查得分').nullable(), superior: score100('上考得分').nullable(), masses: score100('下评得分').nullable() }),
    Ok,
  ),
  'projects.remove': channel('删除书记项目', z.object({ id }), Ok),
  'projects.settings': channel('书记项目验收标准', z.object({}).strict(), Settings(AcceptanceSettings)),
  'projects.saveSettings': channel('保存书记项目验收标准', z.object({ settings: AcceptanceSettings.nullable() }), Ok),
};
