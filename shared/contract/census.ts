import { z } from 'zod';
import { CENSUS_FIELDS } from './census-fields';
import { channel, FileInput, FileOutput, id, year } from './common';

export { CENSUS_FIELDS, CENSUS_FIELD_LABELS, type CensusField } from './census-fields';

export const ENCODINGS = ['auto', 'utf-8', 'gb18030', 'utf-16le'] as const;

/** One organisation's census values after normalisation (what a snapshot stores). */
export const CensusValues = z.object({
  uscc: z.string(),
  name: z.string(),
  category: z.enum(['enterprise', 'social']),
  industry: z.string().nullable(),
  street: z.string(),
  park: z.string().nullable(),
  address: z.string().nullable(),
  legalRep: z.string().nullable(),
  phone: z.string().nullable(),
  employees: z.number().nullable(),
  fullMembers: z.number(),
  probationaryMembers: z.number(),
  partyOrgBuilt: z.boolean(),
  partyOrgType: z.string().nullable(),
  formation: z.string().nullable(),
  secretaryName: z.string().nullable(),
  instructor: z.string().nullable(),
  foundedOn: z.string().nullable(),
  operatingStatus: z.string(),
  notes: z.string().nullable(),
  partyOrgName: z.string().nullable().optional(),
  registrationNo: z.string().nullable().optional(),
  superiorOrg: z.string().nullable().optional(),
  unbuiltReason: z.string().nullable().optional(),
  investorIsMember: z.boolean().nullable().optional(),
});
export type CensusValues = z.infer<typeof CensusValues>;

/** A problem with one cell (or row): `row` is the file's own row number, `column` the file's header text. */
export const CensusIssue = z.object({ row: z.number(), column: z.string(), reason: z.string() });
export type CensusIssue = z.infer<typeof CensusIssue>;

export const CensusChange = z.object({ field: z.string(), label: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable() });
export type CensusChange = z.infer<typeof CensusChange>;

export const CensusRow = z.object({
  row: z.number(),
  outcome: z.enum(['accept', 'warn', 'reject']),
  /** Normalised values; partial (as far as readable) for rejected rows. */
  values: CensusValues.partial(),
  errors: z.array(CensusIssue),
  warnings: z.array(CensusIssue),
  /** Against the database (not for rejected rows). */
  diff: z.enum(['new', 'changed', 'unchanged']).nullable(),
  changes: z.array(CensusChange),
  organizationId: z.number().nullable(),
  /** Why the row is not a 两新 organisation (国有企业, 事业单位 …): shown apart, imported only when the user includes it. */
  outOfScope: z.string().nullable().optional(),
});
export type CensusRow = z.infer<typeof CensusRow>;

/** How a column came to its field (or why it was only suggested): what the preview shows next to the mapping. */
export const CensusColumn = z.object({
  index: z.number(),
  /** The header as a path: 父/子/选项. */
  header: z.string(),
  field: z.enum(CENSUS_FIELDS).nullable(),
  /** Spreadsheet letter: A, B … AA. */
  letter: z.string().optional(),
  /** One column of an option group (√ under 单独建立): the option it stands for. */
  option: z.string().nullable().optional(),
  /** Why this field was chosen, in words. */
  reason: z.string().nullable().optional(),
  /** Share of the sampled values that fit the field (0–1), and how many were sampled; null = no values. */
  fit: z.number().nullable().optional(),
  sampled: z.number().optional(),
  /** A doubtful match not applied: the field it might be and why it needs the user's word. */
  suggestion: z.object({ field: z.enum(CENSUS_FIELDS), reason: z.string() }).nullable().optional(),
});
export type CensusColumn = z.infer<typeof CensusColumn>;

/** field → column index in the file; a missing field is not in the file. */
export const CensusMapping = z.partialRecord(z.enum(CENSUS_FIELDS), z.number().int().min(0).max(16383));
export type CensusMapping = z.infer<typeof CensusMapping>;

export const FILE_ISSUE_CODES = ['MISSING_COLUMN', 'NO_DATA_ROWS', 'EMPTY_COLUMN', 'NOT_AN_ORG_LIST', 'DOUBTFUL_MAPPING'] as const;
/** A finding about the whole file, said once (not once per row). */
export const CensusFileIssue = z.object({
  code: z.enum(FILE_ISSUE_CODES),
  field: z.enum(CENSUS_FIELDS).optional(),
  column: z.string().optional(),
  message: z.string(),
});
export type CensusFileIssue = z.infer<typeof CensusFileIssue>;

/** One value for a field across the whole file (a street office's own file: 所在街道 = 河东街道). */
export const CensusFixedValues = z.partialRecord(z.enum(CENSUS_FIELDS), z.string().trim().min(1).max(200));
export type CensusFixedValues = z.infer<typeof CensusFixedValues>;

export const CensusPreview = z.object({
  previewId: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  year,
  sheet: z.string(),
  sheets: z.array(z.string()),
  encoding: z.string().nullable(),
  /** Why that encoding: the user's choice, a BOM, or the evidence of the bytes (text files only). */
  encodingNote: z.string().nullable(),
  headerRows: z.array(z.number()),
  columns: z.array(CensusColumn),
  mappingSource: z.enum(['auto', 'saved', 'user']),
  missingRequired: z.array(z.string()),
  counts: z.object({
    dataRows: z.number(),
    accept: z.number(),
    warn: z.number(),
    reject: z.number(),
    new: z.number(),
    changed: z.number(),
    unchanged: z.number(),
    missing: z.number(),
    /** Data rows not checked yet: a required column is missing (they wait for a column or a file-wide value). */
    waiting: z.number().optional(),
    /** Rows of organisations that are not 两新 (国有、集体、事业单位、机关). */
    outOfScope: z.number().optional(),
  }),
  fileIssues: z.array(CensusFileIssue),
  /** The file-wide values in force. */
  fixed: CensusFixedValues.optional(),
  rows: z.array(CensusRow),
  missing: z.array(z.object({ id, uscc: z.string(), name: z.string(), street: z.string() })),
  /** The same file (SHA-256) was already imported for this year and not undone. */
  alreadyImported: z.object({ batchId: id, at: z.string() }).nullable(),
});
export type CensusPreview = z.infer<typeof CensusPreview>;

export const CensusBatch = z.object({
  id,
  fileName: z.string(),
  sha256: z.string(),
  year: z.number(),
  actor: z.string(),
  at: z.string(),
  dataRows: z.number(),
  imported: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  excluded: z.number(),
  status: z.enum(['committed', 'undone']),
  undoneAt: z.string().nullable(),
});
export type CensusBatch = z.infer<typeof CensusBatch>;

export const CommitResult = z.object({
  /** null when nothing changed (an identical file imported again). */
  batch: CensusBatch.nullable(),
  noop: z.boolean(),
  message: z.string(),
});
export type CommitResult = z.infer<typeof CommitResult>;

export const UndoChoice = z.enum(['keep', 'old']);
export type UndoChoice = z.infer<typeof UndoChoice>;

/** A value changed after the batch wrote it (or a row the batch created, then edited): the user decides. */
export const UndoConflict = z.object({
  key: z.string(),
  organizationId: z.number(),
  organizationName: z.string(),
  /** The field, e.g. 从业人员数, or what the row is (本批新增的组织). */
  label: z.string(),
  /** Before the import (null: the row did not exist, or the field was empty). */
  oldValue: z.string().nullable(),
  /** What the batch wrote. */
  batchValue: z.string().nullable(),
  /** What it holds now. */
  currentValue: z.string().nullable(),
  /** 'old' for a row the batch created means deleting it. */
  oldMeans: z.string(),
});
export type UndoConflict = z.infer<typeof UndoConflict>;

export const CensusUndoPlan = z.object({
  batchId: z.number(),
  fileName: z.string(),
  year: z.number(),
  /** Fields that still hold what the batch wrote: they go back. */
  restoreFields: z.number(),
  /** Organisations the batch created and nobody changed since: deleted. */
  deleteOrganizations: z.number(),
  /** Fields edited back by hand to their old value: nothing to do, no conflict. */
  alreadyBack: z.number(),
  conflicts: z.array(UndoConflict),
  /** What will happen, in one paragraph. */
  message: z.string(),
});
export type CensusUndoPlan = z.infer<typeof CensusUndoPlan>;

export const CensusHistoryRow = CensusValues.extend({ year: z.number(), batchId: z.number().nullable(), fileName: z.string().nullable() });
export type CensusHistoryRow = z.infer<typeof CensusHistoryRow>;

export const YEAR_CHANGE_KINDS = ['new', 'gone', 'built', 'dissolved', 'membersUp', 'membersDown'] as const;
export const YEAR_CHANGE_LABELS: Record<(typeof YEAR_CHANGE_KINDS)[number], string> = {
  new: '新增',
  gone: '消失',
  built: '新建党组织',
  dissolved: '党组织撤销',
  membersUp: '党员增加',
  membersDown: '党员减少',
};
export const YearChange = z.object({
  kind: z.enum(YEAR_CHANGE_KINDS),
  organizationId: z.number(),
  uscc: z.string(),
  name: z.string(),
  street: z.string(),
  fromMembers: z.number().nullable(),
  toMembers: z.number().nullable(),
});
export type YearChange = z.infer<typeof YearChange>;

const previewInput = z.object({
  file: FileInput,
  year,
  jobId: z.string().max(100).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  sheet: z.string().max(100).optional(),
  /** The user's mapping from the preview; remembered for this header layout on commit. */
  mapping: CensusMapping.optional(),
  fixed: CensusFixedValues.optional(),
  /** Header rows as the user gives them (1-based, first and last), instead of finding them. */
  headerRows: z.tuple([z.number().int().min(1).max(1000), z.number().int().min(1).max(1000)]).optional(),
});
export type CensusPreviewInput = z.input<typeof previewInput>;

export const censusChannels = {
  'census.preview': channel('摸排导入预览', previewInput, CensusPreview),
  /** Starts the file reader ahead of the first preview (called when the import screen opens). */
  'census.warm': channel('准备读取摸排表', z.object({}).strict(), z.object({ ok: z.literal(true) })),
  'census.commit': channel(
    '摸排导入',
    z.object({
      previewId: z.string().min(1).max(100),
      acceptWarnings: z.boolean().default(false),
      /** File row numbers the user excluded. */
      exclude: z.array(z.number().int()).max(1_000_000).default([]),
      /** Also import the rows that are out of scope (国有、集体 …): the user's decision. */
      includeOutOfScope: z.boolean().default(false),
      jobId: z.string().max(100).optional(),
    }),
    CommitResult,
  ),
  /** What an undo would do, without doing it: fields going back, organisations deleted, conflicts to decide. */
  'census.undoPlan': channel('撤销摸排批次：预览', z.object({ batchId: id }), CensusUndoPlan),
  'census.undo': channel(
    '撤销摸排批次',
    z.object({
      batchId: id,
      /** Per conflict key (from census.undoPlan): keep the value changed after the import, or take the old one back. */
      resolve: z.record(z.string().max(300), UndoChoice).optional(),
      /** The choice for every conflict not in `resolve`; without it an unresolved conflict refuses the undo. */
      resolveAll: UndoChoice.optional(),
    }),
    z.object({ ok: z.literal(true), message: z.string() }),
  ),
  'census.batches': channel('摸排批次列表', z.object({}).strict(), z.array(CensusBatch)),
  'census.problems': channel('导出问题行', z.object({ previewId: z.string().min(1).max(100) }), FileOutput),
  'census.orgHistory': channel('组织摸排记录', z.object({ organizationId: id }), z.array(CensusHistoryRow)),
  'census.years': channel('已有摸排年度', z.object({}).strict(), z.array(z.number())),
  'census.compare': channel('年度对比', z.object({ fromYear: year, toYear: year }), z.object({ changes: z.array(YearChange) })),
  'census.template': channel('导出摸排表模板', z.object({ withData: z.boolean().default(false), year: year.optional() }), FileOutput),
};
