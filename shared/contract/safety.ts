import { z } from 'zod';
import { AuditEntry } from './orgs';
import { channel, Empty, FileInput, FileOutput, isoDate, Ok } from './common';

/** Why an automatic backup was taken (part of its file name). 手动 = “立即备份” on the 数据安全 page. */
export const BACKUP_REASONS = ['每日', '升级前', '摸排导入前', '撤销导入前', '恢复前', '口令变更前', '手动'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BackupEntry = z.object({
  fileName: z.string(),
  reason: z.string(),
  /** ISO time the backup was taken. */
  at: z.string(),
  size: z.number(),
});
export type BackupEntry = z.infer<typeof BackupEntry>;

/** open: usable; locked: encrypted, waiting for the passphrase; damaged: failed its check; newer: made by a newer app. */
export const DB_STATES = ['open', 'locked', 'damaged', 'newer'] as const;

export const SafetyStatus = z.object({
  state: z.enum(DB_STATES),
  /** Why the database is not open, in Chinese. */
  message: z.string().nullable(),
  encrypted: z.boolean(),
  dbPath: z.string(),
  backupsDir: z.string(),
  schemaVersion: z.number().nullable(),
  appSchemaVersion: z.number(),
  /** Minutes of inactivity before the lock screen (0 = never); only applies with a passphrase. */
  idleLockMinutes: z.number(),
  lastBackupAt: z.string().nullable(),
});
export type SafetyStatus = z.infer<typeof SafetyStatus>;

const passphrase = z.string().min(6, '口令至少 6 个字符').max(200, '口令不能超过 200 个字符');

export const RestoreResult = z.object({
  schemaVersion: z.number(),
  organizations: z.number(),
  auditRows: z.number(),
  /** The backup of the database as it was before the restore. */
  keptAs: z.string().nullable(),
  /** Values in the restored data beyond the fields' limits (shared/contract/limits.ts), to fix in the case files. */
  overLimit: z.array(z.string()),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

/** Chinese names of the entities the audit trail records: recordAudit accepts only these, so none shows in English. */
export const AUDIT_ENTITY_LABELS = {
  organization: '组织档案',
  party_org: '党组织',
  member_count: '党员人数',
  census: '摸排导入',
  census_batch: '摸排导入',
  instructor: '党建指导员',
  instructor_assignment: '指导员选派',
  instructor_visit: '指导员走访',
  instructor_settings: '走访要求',
  member_unit: '党员所在单位',
  document_settings: '公文设置',
  operator: '操作人',
  sample: '示例数据',
  database: '数据库',
  debriefing: '述职评议',
  debriefing_cycle: '述职评议考核',
  debriefer: '述职对象',
  rectification: '整改事项',
  settings: '设置',
  safety: '数据安全',
  rating_round: '评星定级',
  weak_org: '软弱涣散党组织整顿',
  model_org: '双强六好推荐',
  secretary_project: '书记项目',
} as const satisfies Record<string, string>;
export type AuditEntity = keyof typeof AUDIT_ENTITY_LABELS;
const entityLabels: Record<string, string> = AUDIT_ENTITY_LABELS;
export const auditEntityLabel = (entity: string) => entityLabels[entity] ?? entity;

/** Chinese names of audit actions: recordAudit accepts only these. */
export const AUDIT_ACTION_LABELS = {
  create: '新建',
  update: '修改',
  delete: '删除',
  dissolve: '撤销',
  restore: '恢复',
  import: '导入',
  undo: '撤销导入',
  assign: '选派',
  end: '结束选派',
  attach: '添加附件',
  add_debriefers: '添加述职对象',
  status: '变更状态',
  override: '调整等次',
  override_clear: '取消调整',
  reset: '恢复默认',
  'demo.load': '载入示例',
  'demo.clear': '清除示例',
  save_scores: '录入评星得分',
  close: '结束评星',
  reopen: '重新开放评星',
  check: '核查',
  decide: '审定',
  acceptance: '录入验收得分',
  passphrase_set: '设置口令',
  passphrase_change: '修改口令',
  passphrase_remove: '取消口令',
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
const actionLabels: Record<string, string> = AUDIT_ACTION_LABELS;
export const auditActionLabel = (action: string) => actionLabels[action] ?? action;

export const AuditQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  entity: z.string().max(50).optional(),
  field: z.string().max(50).optional(),
  query: z.string().trim().max(100).optional(),
  /** Show personal ID numbers in full (masked by default). */
  showIdNumbers: z.boolean().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditFacets = z.object({
  entities: z.array(z.object({ entity: z.string(), label: z.string(), count: z.number() })),
  fields: z.array(z.object({ entity: z.string(), field: z.string(), label: z.string() })),
});

export const safetyChannels = {
  'safety.status': channel('数据安全状态', Empty, SafetyStatus),
  'safety.unlock': channel('解锁', z.object({ passphrase: z.string().min(1, '请输入口令').max(200) }), Ok),
  'safety.lock': channel('锁定', Empty, Ok),
  'safety.backups': channel(
    '备份列表',
    /** verify: also find the newest backup that passes its integrity check (the recovery screen). */
    z.object({ verify: z.boolean().optional() }).strict(),
    z.object({ dir: z.string(), backups: z.array(BackupEntry), newestGood: z.string().nullable() }),
  ),
  'safety.backupNow': channel('立即备份', Empty, BackupEntry),
  'safety.exportBackup': channel('备份到文件', Empty, FileOutput),
  'safety.restoreFile': channel(
    '从文件恢复',
    z.object({ file: FileInput, passphrase: z.string().max(200).optional() }),
    RestoreResult,
  ),
  'safety.restoreBackup': channel('从自动备份恢复', z.object({ fileName: z.string().min(1).max(200) }), RestoreResult),
  'safety.setPassphrase': channel(
    '设置口令',
    z.object({ current: z.string().max(200).nullable(), next: passphrase.nullable() }),
    Ok,
  ),
  'safety.setIdleLock': channel('自动锁定时间', z.object({ minutes: z.number().int().min(0).max(480) }), Ok),
  'audit.list': channel('审计日志', AuditQuery, z.object({ total: z.number(), rows: z.array(AuditEntry) })),
  'audit.facets': channel('审计日志筛选项', Empty, AuditFacets),
  'audit.export': channel('导出审计日志', AuditQuery, FileOutput),
};
