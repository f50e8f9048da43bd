import { randomUUID } from 'node:crypto';
import type { CensusBatch, CensusField, CensusRow, CensusValues, CommitResult } from '../../../shared/contract/census';
import type { PartyOrgFields } from '../../../shared/contract/orgs';
import type { Formation, PartyOrgType } from '../../../shared/domain/vocab';
import type { CoreContext } from '../context';
import type { Db } from '../db/database';
import type { Database } from '../db/driver';
import { AppError } from '../errors';
import { nameInitials } from '../orgs/initials';
import { writePartyOrg } from '../orgs/service';
import { backupBefore } from '../safety/backup';
import { BatchRecorder, roomyCache } from './batch';
import { changesOf, loadCurrent, type Carried, type CurrentFacts } from './diff';
import { SNAPSHOT_FIELDS } from './history';
import { batchById, forgetPreview, heldPreview, rememberMapping, type Held } from './service';

export interface CommitInput {
  previewId: string;
  acceptWarnings: boolean;
  exclude: number[];
  /** Import the out-of-scope rows (国有、集体 …) too. */
  includeOutOfScope?: boolean;
  jobId?: string;
}

type Job = ReturnType<CoreContext['jobs']['start']>;

const WRITING = '写入数据库';
const cancelled = () => new AppError('CANCELLED', '已取消导入，数据未改动。预览仍在，可调整后重新导入。');
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the accepted rows as one batch in one transaction (facts, the year's member counts, snapshots,
 * audit, undo images). The transaction is written in chunks with a turn of the event loop between them,
 * reporting 'writing' progress; a cancel rolls it all back. Meanwhile no other call may use the
 * connection (ctx.gate). A kill at any moment leaves the database as before or after, never between.
 */
export async function commitCensus(ctx: CoreContext, input: CommitInput): Promise<CommitResult> {
  const job = ctx.jobs.start(input.jobId ?? randomUUID());
  try {
    return await ctx.gate.alone('正在导入另一份摸排表，请等它完成后再试。', () => commitAlone(ctx, input, job));
  } finally {
    job.end();
  }
}

async function commitAlone(ctx: CoreContext, input: CommitInput, job: Job): Promise<CommitResult> {
  if (job.signal.aborted) throw cancelled();
  const held = heldPreview(input.previewId);
  const { preview } = held;
  if (preview.missingRequired.length) throw new AppError('VALIDATION', `请先在预览中指定“${preview.missingRequired.join('、')}”对应的列`);
  const excluded = new Set(input.exclude);
  // Out-of-scope rows (国有企业 …) are not 两新 organisations: left out unless the user includes them.
  const inScope = (r: CensusRow) => !r.outOfScope || input.includeOutOfScope;
  const rows = preview.rows.filter((r) => r.outcome !== 'reject' && !excluded.has(r.row) && (r.outcome === 'accept' || input.acceptWarnings) && inScope(r));
  const skippedWarn = preview.rows.filter((r) => r.outcome !== 'reject' && !excluded.has(r.row) && ((r.outcome === 'warn' && !input.acceptWarnings) || !inScope(r))).length;
  job.progress('writing', '导入前备份', 0, rows.length);
  backupBefore(ctx, '摸排导入前');
  if (job.signal.aborted) throw cancelled();
  const db = ctx.db;
  const usualCache = roomyCache(db);
  let batch: CensusBatch | null;
  try {
    db.exec('BEGIN IMMEDIATE');
    rememberMapping(ctx, input.previewId); // inside the transaction: a cancelled import remembers nothing either
    const writer = new BatchWriter(ctx, held, excluded.size + skippedWarn);
    job.progress('writing', WRITING, 0, rows.length);
    for (let done = 0; done < rows.length; ) {
      const chunk = rows.slice(done, done + ctx.commitChunkRows);
      writer.write(chunk);
      done += chunk.length;
      job.progress('writing', WRITING, done, rows.length);
      await nextTurn();
      if (job.signal.aborted) throw cancelled();
    }
    batch = writer.finish(rows.length);
    db.exec('COMMIT');
  } catch (e) {
    if (db.open && db.inTransaction) db.exec('ROLLBACK');
    throw e;
  } finally {
    usualCache();
  }
  if (!batch) {
    const again = preview.alreadyImported;
    return {
      batch: null,
      noop: true,
      message: again
        ? `此文件已于 ${again.at.slice(0, 10)} 导入（批次 #${again.batchId}），内容与数据库一致，本次没有任何改动。`
        : '文件内容与数据库完全一致，没有任何改动。',
    };
  }
  forgetPreview(input.previewId);
  ctx.emit('data.changed', { entity: 'organization' });
  return {
    batch,
    noop: false,
    message: `已导入 ${batch.imported} 行：新增 ${batch.created} 个组织，更新 ${batch.updated} 个，未变 ${batch.unchanged} 个（批次 #${batch.id}，可整批撤销）。`,
  };
}

type Stmt = Database.Statement<unknown[]>;
/** One audit row for the census: entity id, label, field, field label, old and new value. */
type AuditRow = [number, string, string, string, string | null, string | null];

/** Writes one batch chunk by chunk, inside the caller's transaction, with statements compiled once. */
class BatchWriter {
  created = 0;
  updated = 0;
  private readonly db: Db;
  private readonly rec: BatchRecorder;
  private readonly year: number;
  private readonly now: string;
  private readonly actor: string;
  /** The fields the file gives (mapped columns and file-wide values): the others stay as stored. */
  private readonly carried: Carried;
  private readonly auditFrom: number;
  private readonly insertOrg: Stmt;
  private readonly updateOrg: Stmt;
  private readonly members: Stmt;
  private readonly snapshot: Stmt;
  private readonly sameSnapshot: Stmt;
  private readonly auditCreated: Stmt;
  private readonly auditChanged: Stmt;

  constructor(
    ctx: CoreContext,
    private readonly held: Held,
    excluded: number,
  ) {
    const { preview } = held;
    const db = (this.db = ctx.db);
    this.year = preview.year;
    this.now = ctx.clock.now().toISOString();
    this.actor = ctx.actor;
    this.carried = { ...held.parsed.mapping, ...held.parsed.fixed };
    this.auditFrom = ((db.prepare('SELECT MAX(id) AS n FROM audit_log').get() as { n: number | null }).n ?? 0) + 1;
    const batchId = Number(
      db
        .prepare(
          `INSERT INTO census_batches (file_name, sha256, year, actor, at, data_rows, imported, created, updated, unchanged, rejected, excluded)
           VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?)`,
        )
        .run(preview.fileName, preview.sha256, preview.year, ctx.actor, this.now, preview.counts.dataRows, preview.counts.reject, excluded).lastInsertRowid,
    );
    this.rec = new BatchRecorder(db, batchId);
    // Positional parameters: binding by name costs a property lookup per value, per row.
    this.insertOrg = db.prepare(
      `INSERT INTO organizations (category, name, uscc, industry, street, park, address, legal_rep, phone, employees,
         operating_status, notes, name_initials, created_at, updated_at, registration_no, investor_is_member)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateOrg = db.prepare(
      `UPDATE organizations SET name = ?, category = ?, industry = ?, street = ?, park = ?, address = ?, legal_rep = ?, phone = ?,
         employees = ?, operating_status = ?, name_initials = COALESCE(?, name_initials), updated_at = ?, registration_no = ?, investor_is_member = ?
       WHERE id = ?`,
    );
    this.members = db.prepare(
      `INSERT INTO member_counts (organization_id, year, full_members, probationary_members) VALUES (?, ?, ?, ?)
       ON CONFLICT(organization_id, year) DO UPDATE SET full_members = excluded.full_members, probationary_members = excluded.probationary_members`,
    );
    this.snapshot = db.prepare(
      `INSERT OR REPLACE INTO census_records (organization_id, year, batch_id, row_no, ${SNAPSHOT_COLUMNS.join(', ')})
       VALUES (?, ?, ?, ?, ${SNAPSHOT_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.sameSnapshot = db.prepare(
      `SELECT 1 FROM census_records WHERE organization_id = ? AND year = ? AND ${SNAPSHOT_COLUMNS.map((c) => `${c} IS ?`).join(' AND ')}`,
    );
    // One audit row per created organisation (as recordAudit writes for a create), one statement per chunk.
    this.auditCreated = db.prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, entity_label)
       SELECT ?, ?, 'import', 'organization', id, name FROM organizations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    );
    // One row per changed field (as recordAudit writes for an update), one statement per chunk.
    this.auditChanged = db.prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, entity_label, field, field_label, old_value, new_value)
       SELECT ?, ?, 'import', 'organization', value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
       FROM json_each(?) ORDER BY key`,
    );
  }

  private has = (f: CensusField) => this.carried[f] !== undefined;

  write(chunk: CensusRow[]): void {
    const current = loadCurrent(this.db, chunk.map((r) => r.values.uscc!), this.year);
    const createdIds: number[] = [];
    const audit: AuditRow[] = [];
    for (const r of chunk) {
      const v = r.values as CensusValues;
      const cur = current.get(v.uscc);
      if (cur) this.update(r.row, v, cur, audit);
      else createdIds.push(this.create(r.row, v));
    }
    if (createdIds.length) {
      const ids = JSON.stringify(createdIds);
      this.rec.createdOrganizations(createdIds);
      this.auditCreated.run(this.now, this.actor, ids);
    }
    if (audit.length) this.auditChanged.run(this.now, this.actor, JSON.stringify(audit));
  }

  /** A new organisation: its undo is deleting it (party org, counts and snapshot go with it by cascade). */
  private create(row: number, v: CensusValues): number {
    const initials = this.held.initials.get(v.name) ?? nameInitials(v.name);
    const id = Number(
      this.insertOrg.run(
        v.category, v.name, v.uscc, v.industry, v.street, v.park, v.address, v.legalRep, v.phone, v.employees, v.operatingStatus, v.notes, initials, this.now, this.now,
        v.registrationNo ?? null, bit(v.investorIsMember),
      ).lastInsertRowid,
    );
    // No party_orgs row means "not built" everywhere (LEFT JOIN): only built ones, or unbuilt ones with a reason, need one.
    if (v.partyOrgBuilt || v.unbuiltReason) writePartyOrg(this.db, id, partyOrgFrom(null, v, this.has));
    this.members.run(id, this.year, v.fullMembers, v.probationaryMembers);
    this.snapshot.run(id, this.year, this.rec.batchId, row, ...snapshotValues(v));
    this.created++;
    return id;
  }

  /** An organisation on file: only what differs is written, each touched row with its before- and after-image. */
  private update(row: number, v: CensusValues, cur: CurrentFacts, audit: AuditRow[]): void {
    const { db, rec, year, has } = this;
    const orgId = cur.id;
    // Against the facts as they are now (inside the transaction), not as the preview saw them.
    const changes = changesOf(cur.values, v, this.carried);
    if (changes.length) {
      this.updated++;
      const keep = <K extends keyof CensusValues & CensusField>(f: K): CensusValues[K] => (has(f) ? v[f] : cur.values[f]);
      const initials = cur.values.name !== v.name ? (this.held.initials.get(v.name) ?? nameInitials(v.name)) : null;
      rec.track('organizations', { id: orgId }, () =>
        this.updateOrg.run(
          v.name, keep('category'), keep('industry'), v.street, keep('park'), keep('address'), keep('legalRep'), keep('phone'), keep('employees'), keep('operatingStatus'), initials, this.now,
          keep('registrationNo') ?? null, bit(keep('investorIsMember')), orgId,
        ),
      );
      for (const c of changes) audit.push([orgId, v.name, c.field, `${year}年摸排：${c.label}`, c.oldValue || null, c.newValue || null]);
    }
    if (has('partyOrgBuilt') || has('partyOrgName') || has('superiorOrg') || has('unbuiltReason')) {
      const before = rec.image('party_orgs', { organization_id: orgId }) ?? null;
      if (before || v.partyOrgBuilt || v.unbuiltReason) {
        const po = partyOrgFrom(before, v, has);
        if (!before || !samePartyOrg(before, po)) rec.track('party_orgs', { organization_id: orgId }, () => writePartyOrg(db, orgId, po), before);
      }
    }
    // A count the file does not carry stays as it is: a file without 预备党员数 must not write 0 over it.
    if (has('fullMembers') || has('probationaryMembers')) {
      const full = has('fullMembers') ? v.fullMembers : cur.values.fullMembers;
      const probationary = has('probationaryMembers') ? v.probationaryMembers : cur.values.probationaryMembers;
      const mc = rec.image('member_counts', { organization_id: orgId, year });
      if (!mc || mc.full_members !== full || mc.probationary_members !== probationary) {
        rec.track('member_counts', { organization_id: orgId, year }, () => this.members.run(orgId, year, full, probationary), mc ?? null);
      }
    }
    const values = snapshotValues(v);
    if (!this.sameSnapshot.get(orgId, year, ...values)) {
      rec.track('census_records', { organization_id: orgId, year }, () => this.snapshot.run(orgId, year, rec.batchId, row, ...values));
    }
  }

  /** Counts and audit range on the batch row; null (and no batch row) when nothing differed. */
  finish(imported: number): CensusBatch | null {
    const { db, rec } = this;
    const auditTo = (db.prepare('SELECT MAX(id) AS n FROM audit_log').get() as { n: number | null }).n ?? 0;
    if (rec.changes === 0 && auditTo < this.auditFrom) {
      // An identical file (or content) imported again changes nothing, not even a batch row.
      db.prepare('DELETE FROM census_batches WHERE id = ?').run(rec.batchId);
      return null;
    }
    db.prepare('UPDATE census_batches SET imported = ?, created = ?, updated = ?, unchanged = ?, audit_from = ?, audit_to = ? WHERE id = ?').run(
      imported,
      this.created,
      this.updated,
      imported - this.created - this.updated,
      this.auditFrom,
      auditTo,
      rec.batchId,
    );
    return batchById(db, rec.batchId);
  }
}

const SNAPSHOT_COLUMNS = SNAPSHOT_FIELDS.map(([column]) => column);
/** The file's values in the order of SNAPSHOT_COLUMNS. */
const snapshotValues = (v: CensusValues) =>
  SNAPSHOT_FIELDS.map(([, f]) => (f === 'partyOrgBuilt' ? (v.partyOrgBuilt ? 1 : 0) : f === 'investorIsMember' ? bit(v.investorIsMember) : (v[f] ?? null)));

const PARTY_FIELDS = ['partyOrgType', 'formation', 'secretaryName', 'foundedOn', 'partyOrgName', 'superiorOrg', 'unbuiltReason'] as const;
/** A yes/no for SQLite: 1, 0 or NULL. */
const bit = (b: boolean | null | undefined) => (b === null || b === undefined ? null : b ? 1 : 0);

/** The party org after the census: the file's answer for the columns it has, the rest as stored. */
function partyOrgFrom(cur: Record<string, unknown> | null, v: CensusValues, has: (f: CensusField) => boolean): PartyOrgFields {
  const pick = (f: (typeof PARTY_FIELDS)[number], col: string) => (has(f) ? (v[f] ?? null) : ((cur?.[col] as string | null) ?? null));
  if (!v.partyOrgBuilt) return { built: false, notBuiltReason: pick('unbuiltReason', 'not_built_reason') };
  return {
    built: true,
    type: pick('partyOrgType', 'type') as PartyOrgType | null,
    formation: pick('formation', 'formation') as Formation | null,
    secretaryName: pick('secretaryName', 'secretary_name'),
    foundedOn: pick('foundedOn', 'founded_on'),
    name: pick('partyOrgName', 'name'),
    secretarySource: (cur?.secretary_source as PartyOrgFields['secretarySource']) ?? null,
    termStart: (cur?.term_start as string | null) ?? null,
    termEnd: (cur?.term_end as string | null) ?? null,
    superiorOrg: pick('superiorOrg', 'superior_org'),
    notBuiltReason: null,
  };
}

/** party_orgs columns writePartyOrg sets, with the field each comes from. */
const PARTY_COLUMNS: [keyof PartyOrgFields, string][] = [
  ['notBuiltReason', 'not_built_reason'], ['type', 'type'], ['formation', 'formation'], ['name', 'name'], ['foundedOn', 'founded_on'],
  ['secretaryName', 'secretary_name'], ['secretarySource', 'secretary_source'], ['termStart', 'term_start'], ['termEnd', 'term_end'],
  ['superiorOrg', 'superior_org'],
];

/** The stored party org already says what writePartyOrg would write: skip the write (a re-import mostly finds this). */
const samePartyOrg = (row: Record<string, unknown>, po: PartyOrgFields): boolean =>
  row.built === (po.built ? 1 : 0) && PARTY_COLUMNS.every(([f, c]) => (row[c] ?? null) === (po[f] ?? null));
