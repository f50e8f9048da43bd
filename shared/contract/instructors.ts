import { z } from 'zod';
import { PERSON_NAME_LIMIT } from './limits';
import { channel, FileInput, FileOutput, id, isoDate, nonEmpty, Ok, optionalText, year } from './common';
import { CoverageFigures } from './app';
import { OrgRow } from './orgs';

/** 党建工作指导员 / 联络员: the stored words are the Chinese ones. */
export const INSTRUCTOR_ROLES = ['指导员', '联络员'] as const;
export type InstructorRole = (typeof INSTRUCTOR_ROLES)[number];
export const EMPLOYMENTS = ['专职', '兼职'] as const;
export const INSTRUCTOR_STATUSES = ['在岗', '离任'] as const;
export const VISIT_WAYS = ['上门走访', '电话', '集中指导', '线上'] as const;
export type VisitWay = (typeof VISIT_WAYS)[number];

export const InstructorFields = z.object({
  name: nonEmpty('姓名', PERSON_NAME_LIMIT),
  role: z.enum(INSTRUCTOR_ROLES, { error: '请选择类别（指导员或联络员）' }),
  employment: z.enum(EMPLOYMENTS, { error: '请选择专职或兼职' }),
  workUnit: optionalText(100),
  position: optionalText(100),
  phone: optionalText(50),
  /** 居民身份证号码: stored whole, shown masked in every list. */
  idCard: optionalText(30),
  termStart: isoDate.nullable().optional(),
  termEnd: isoDate.nullable().optional(),
  status: z.enum(INSTRUCTOR_STATUSES, { error: '请选择状态' }),
  notes: optionalText(1000),
});
export type InstructorFields = z.infer<typeof InstructorFields>;

/** A roster line with its workload; the ID number is masked. */
export const InstructorRow = z.object({
  id,
  name: z.string(),
  role: z.enum(INSTRUCTOR_ROLES),
  employment: z.enum(EMPLOYMENTS),
  workUnit: z.string().nullable(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  idCardMasked: z.string(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  status: z.enum(INSTRUCTOR_STATUSES),
  /** Organisations under an active assignment today. */
  activeOrgs: z.number(),
  /** Visits dated this calendar year. */
  visitsThisYear: z.number(),
  /** Active assignments whose visit is overdue. */
  overdue: z.number(),
  lastVisit: z.string().nullable(),
  isSample: z.boolean(),
});
export type InstructorRow = z.infer<typeof InstructorRow>;

export const AssignmentRow = z.object({
  id,
  instructorId: id,
  instructorName: z.string(),
  instructorRole: z.enum(INSTRUCTOR_ROLES),
  organizationId: id,
  orgName: z.string(),
  orgUscc: z.string(),
  street: z.string(),
  isLead: z.boolean(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  reason: z.string().nullable(),
  endReason: z.string().nullable(),
  /** Active today (started, not ended, instructor 在岗). */
  active: z.boolean(),
  /** The organisation already has a party org (coverage no longer depends on this assignment). */
  orgHasPartyOrg: z.boolean(),
  lastVisit: z.string().nullable(),
  /** For active assignments of organisations in operation: when the next visit is due, and days overdue. */
  dueDate: z.string().nullable(),
  overdueDays: z.number().nullable(),
});
export type AssignmentRow = z.infer<typeof AssignmentRow>;

export const VisitFields = z.object({
  instructorId: id,
  organizationId: id,
  date: isoDate,
  way: z.enum(VISIT_WAYS, { error: '请选择走访方式' }),
  content: nonEmpty('走访（指导）内容', 2000),
  problems: optionalText(2000),
  suggestions: optionalText(2000),
  followUp: optionalText(2000),
});
export type VisitFields = z.infer<typeof VisitFields>;

export const AttachmentInfo = z.object({ id, fileName: z.string(), size: z.number() });

export const VisitRow = VisitFields.extend({
  id,
  instructorName: z.string(),
  orgName: z.string(),
  street: z.string(),
  attachments: z.array(AttachmentInfo),
  isSample: z.boolean(),
});
export type VisitRow = z.infer<typeof VisitRow>;

export const VisitFilter = z.object({
  instructorId: id.optional(),
  organizationId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  way: z.enum(VISIT_WAYS).optional(),
  street: z.string().max(100).optional(),
  /** Organisation or instructor name, or words of the content. */
  query: z.string().trim().max(100).optional(),
});
export type VisitFilter = z.infer<typeof VisitFilter>;

/** A page of visits (the whole list when no limit is given). */
export const VisitQuery = VisitFilter.extend({
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});
export type VisitQuery = z.infer<typeof VisitQuery>;

export const InstructorDetail = z.object({
  id,
  fields: InstructorFields,
  idCardMasked: z.string(),
  assignments: z.array(AssignmentRow),
  visits: z.array(VisitRow),
  isSample: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InstructorDetail = z.infer<typeof InstructorDetail>;

export const InstructorSettings = z.object({
  /** Months allowed between visits to one assigned organisation (3 = one per quarter). */
  visitIntervalMonths: z.number().int().min(1, '走访周期至少 1 个月').max(12, '走访周期不超过 12 个月'),
});
export type InstructorSettings = z.infer<typeof InstructorSettings>;

export const CoverageSummary = z.object({
  /** The date the figures are for: today, or 31 Dec of a past year. */
  asOf: z.string(),
  year: z.number(),
  figures: CoverageFigures,
  byStreet: z.array(z.object({ street: z.string(), figures: CoverageFigures })),
  formulas: z.record(z.string(), z.string()),
});
export type CoverageSummary = z.infer<typeof CoverageSummary>;

/** An instructor named by census rows and not (or not surely) on the roster. */
export const CensusInstructorName = z.object({
  name: z.string(),
  /** Organisations whose census row names this person; `assigned`: a same-named roster entry already covers it. */
  orgs: z.array(z.object({ id, name: z.string(), assigned: z.boolean() })),
  /** Roster entries with the same name: the user matches one, or adds a new person. */
  candidates: z.array(z.object({ id, name: z.string(), workUnit: z.string().nullable(), idCardMasked: z.string() })),
});

export const instructorsChannels = {
  'instructors.list': channel(
    '查询党建指导员花名册',
    z.object({ query: z.string().trim().max(50).optional(), role: z.enum(INSTRUCTOR_ROLES).optional(), status: z.enum(INSTRUCTOR_STATUSES).optional() }),
    z.object({ rows: z.array(InstructorRow) }),
  ),
  'instructors.get': channel('查看党建指导员', z.object({ id }), InstructorDetail),
  'instructors.save': channel('保存党建指导员', z.object({ id: id.optional(), fields: InstructorFields }), z.object({ id })),
  'instructors.delete': channel('删除党建指导员', z.object({ id }), Ok),
  'instructors.assign': channel(
    '选派党建指导员',
    z.object({
      instructorId: id,
      organizationIds: z.array(id).min(1, '请至少选择一个组织').max(500, '一次最多选派 500 个组织'),
      startDate: isoDate,
      endDate: isoDate.nullable().optional(),
      reason: nonEmpty('选派原因', 500),
      /** 牵头指导员: an organisation should have one at a time (a second one is a warning). */
      lead: z.boolean().default(true),
      acceptWarnings: z.boolean().optional(),
    }),
    z.object({ created: z.number(), warnings: z.array(z.string()) }),
  ),
  'instructors.endAssignment': channel(
    '结束选派',
    z.object({ assignmentId: id, endDate: isoDate, endReason: nonEmpty('结束原因', 500) }),
    Ok,
  ),
  'instructors.assignments': channel(
    '选派记录',
    z.object({ organizationId: id.optional(), instructorId: id.optional(), activeOnly: z.boolean().optional() }),
    z.array(AssignmentRow),
  ),
  'instructors.settings': channel('党建指导员设置', z.object({}).strict(), InstructorSettings),
  'instructors.saveSettings': channel('保存党建指导员设置', InstructorSettings, Ok),
  'instructors.censusNames': channel(
    '摸排中的指导员姓名',
    z.object({}).strict(),
    z.object({ available: z.boolean(), year: z.number().nullable(), message: z.string(), names: z.array(CensusInstructorName) }),
  ),
  'instructors.exportNotice': channel(
    '导出党建工作指导员选派通知',
    /** 发文字号: taken from the document settings (and advanced) unless the user types one. */
    z.object({ docNumber: z.string().trim().max(50).optional(), instructorIds: z.array(id).optional() }).strict(),
    FileOutput,
  ),
  'instructors.exportRoster': channel('导出党建指导员花名册', z.object({ status: z.enum(INSTRUCTOR_STATUSES).optional() }), FileOutput),
  'instructors.exportVisits': channel('导出走访记录汇总', z.object({ instructorId: id, from: isoDate, to: isoDate }), FileOutput),
  'visits.list': channel('查询走访记录', VisitQuery, z.object({ rows: z.array(VisitRow), total: z.number() })),
  'visits.save': channel(
    '保存走访记录',
    z.object({ id: id.optional(), fields: VisitFields, attachments: z.array(FileInput).max(20, '一次最多上传 20 个附件').optional() }),
    z.object({ id }),
  ),
  'visits.delete': channel('删除走访记录', z.object({ id }), Ok),
  'visits.attachment': channel('下载走访附件', z.object({ id }), FileOutput),
  'coverage.summary': channel(
    '覆盖率统计',
    z.object({ year: year.optional(), by: z.enum(['street']).optional() }),
    CoverageSummary,
  ),
  'coverage.uncovered': channel('未覆盖组织', z.object({ street: z.string().max(100).optional() }), z.object({ rows: z.array(OrgRow) })),
  'coverage.overdue': channel(
    '走访逾期',
    z.object({}).strict(),
    z.object({ intervalMonths: z.number(), rows: z.array(AssignmentRow) }),
  ),
};
