import { createHash, randomUUID } from 'node:crypto';
import type { CensusBatch, CensusMapping, CensusPreview, CensusPreviewInput, CensusRow, CensusValues, CommitResult } from '../../../shared/contract/census';
import type { PartyOrgFields } from '../../../shared/contract/orgs';
import type { Formation, PartyOrgType } from '../../../shared/domain/vocab';
import { recordAudit } from '../audit/audit';
import type { CoreContext } from '../context';
import type { Db } from '../db/database';
import { AppError, notFound } from '../errors';
import { nameInitials } from '../orgs/initials';
import { writePartyOrg } from '../orgs/service';
import { backupBefore } from '../safety/backup';
import { BatchRecorder, restoreBatch } from './batch';
import { changesOf, loadCurrent } from './diff';
import type { ParseResult } from './parse';
import { parseInWorker, type WorkerLimits } from './worker-host';

interface Held {
  preview: CensusPreview;
  parsed: ParseResult;
  /** Pinyin initials of new or renamed organisations, worked out while the user reviews the preview. */
  initials: Map<string, string>;
}

/** Fills `initials` in small slices between other work, so the commit finds them ready. */
function precomputeInitials(id: string): void {
  const h = held.get(id);
  if (!h) return;
  const names = h.preview.rows.filter((r) => r.outcome !== 'reject' && (r.diff === 'new' || r.changes.some((c) => c.field === 'name'))).map((r) => r.values.name!);
  let i = 0;
  const slice = () => {
    if (held.get(id) !== h) return; // committed or replaced: stop
    for (const end = Math.min(i + 500, names.length); i < end; i++) if (!h.initials.has(names[i])) h.initials.set(names[i], nameInitials(names[i]));
    if (i < names.length) setImmediate(slice);
  };
  setImmediate(slice);
}

/** The preview waiting for a commit (its rows stay here; the renderer only decides). One at a time: files can be 100k rows. */
const held = new Map<string, Held>();

export function heldPreview(previewId: string): Held {
  const h = held.get(previewId);
  if (!h) throw new AppError('NOT_FOUND', '预览已过期（程序重启或已导入其他文件），请重新选择文件预览后再导入。');
  return h;
}

function savedMappings(db: Db): Record<string, CensusMapping> {
  const rows = db.prepare('SELECT signature, mapping FROM census_mappings').all() as { signature: string; mapping: string }[];
  return Object.fromEntries(rows.map((r) => [r.signature, JSON.parse(r.mapping) as CensusMapping]));
}

/** Reads, checks and compares a census file with the database. Writes nothing. */
export async function previewCensus(ctx: CoreContext, input: CensusPreviewInput, limits?: Partial<WorkerLimits>): Promise<CensusPreview> {
  held.clear(); // a new preview replaces the last one; with 100k rows two would not fit comfortably
  const bytes = new Uint8Array(Buffer.from(input.file.base64, 'base64'));
  const job = ctx.jobs.start(input.jobId ?? randomUUID());
  try {
    const labels = { reading: '读取文件', checking: '逐行检查' } as const;
    const parsed = await parseInWorker(
      { bytes, fileName: input.file.name, encoding: input.encoding, sheet: input.sheet, mapping: input.mapping, savedMappings: savedMappings(ctx.db) },
      { signal: job.signal, progress: (phase, done, total) => job.progress(phase, labels[phase], done, total), limits },
    );
    job.progress('comparing', '与数据库比对', 0, parsed.rows.length);
    const preview = compare(ctx.db, parsed, input.file.name, sha256(bytes), input.year);
    job.progress('comparing', '与数据库比对', parsed.rows.length, parsed.rows.length);
    // The checked rows now live in preview.rows; keep the mapping and layout, not a second copy of the rows.
    held.set(preview.previewId, { preview, parsed: { ...parsed, rows: [] }, initials: new Map() });
    precomputeInitials(preview.previewId);
    return preview;
  } finally {
    job.end();
  }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function compare(db: Db, parsed: ParseResult, fileName: string, sha: string, year: number): CensusPreview {
  const codes = parsed.rows.filter((r) => r.outcome !== 'reject' && r.values.uscc).map((r) => r.values.uscc!);
  const current = loadCurrent(db, codes, year);
  const counts = { dataRows: parsed.rows.length, accept: 0, warn: 0, reject: 0, new: 0, changed: 0, unchanged: 0, missing: 0 };
  // The checked rows become preview rows in place (no second copy of 100k objects).
  const rows: CensusRow[] = parsed.rows.map((r) => {
    counts[r.outcome]++;
    const row = Object.assign(r, { diff: null, changes: [], organizationId: null }) as CensusRow;
    if (r.outcome === 'reject') return row;
    const cur = current.get(r.values.uscc!);
    if (!cur) {
      counts.new++;
      row.diff = 'new';
      return row;
    }
    row.changes = changesOf(cur.values, r.values, parsed.mapping);
    row.diff = row.changes.length ? 'changed' : 'unchanged';
    row.organizationId = cur.id;
    counts[row.diff]++;
    return row;
  });
  // In the database, in the same street(s), but not in this file: flagged for a look, never deleted.
  const streets = [...new Set(parsed.rows.map((r) => r.values.street).filter(Boolean))];
  const inFile = new Set(parsed.rows.map((r) => r.values.uscc).filter(Boolean));
  const missing = (
    db
      .prepare(
        `SELECT id, uscc, name, street FROM organizations
         WHERE dissolved_at IS NULL AND street IN (SELECT value FROM json_each(?)) ORDER BY street, name`,
      )
      .all(JSON.stringify(streets)) as { id: number; uscc: string; name: string; street: string }[]
  ).filter((o) => !inFile.has(o.uscc));
  counts.missing = missing.length;
  const done = db
    .prepare(`SELECT id, at FROM census_batches WHERE sha256 = ? AND year = ? AND status = 'committed' ORDER BY id DESC LIMIT 1`)
    .get(sha, year) as { id: number; at: string } | undefined;
  return {
    previewId: randomUUID(),
    fileName,
    sha256: sha,
    year,
    sheet: parsed.sheet,
    sheets: parsed.sheets,
    encoding: parsed.encoding,
    headerRows: parsed.headerRows,
    columns: parsed.columns,
    mappingSource: parsed.mappingSource,
    missingRequired: parsed.missingRequired,
    counts,
    rows,
    missing,
    alreadyImported: done ? { batchId: done.id, at: done.at } : null,
  };
}

const PARTY_FIELDS = ['partyOrgType', 'formation', 'secretaryName', 'foundedOn'] as const;

/** Writes the accepted rows as one batch, in one transaction: facts, the year's member counts and snapshots. */
export function commitCensus(
  ctx: CoreContext,
  input: { previewId: string; acceptWarnings: boolean; exclude: number[]; jobId?: string },
): CommitResult {
  const { preview, parsed, initials } = heldPreview(input.previewId);
  const { db } = ctx;
  if (preview.missingRequired.length) throw new AppError('VALIDATION', `请先在预览中指定“${preview.missingRequired.join('、')}”对应的列`);
  backupBefore(ctx, '普查导入前');
  const excluded = new Set(input.exclude);
  const rows = preview.rows.filter((r) => r.outcome !== 'reject' && !excluded.has(r.row) && (r.outcome === 'accept' || input.acceptWarnings));
  const skippedWarn = preview.rows.filter((r) => r.outcome === 'warn' && !input.acceptWarnings && !excluded.has(r.row)).length;
  const job = ctx.jobs.start(input.jobId ?? randomUUID());
  const now = ctx.clock.now().toISOString();
  const mapping = parsed.mapping;
  const has = (f: keyof CensusMapping) => mapping[f] !== undefined;
  let created = 0;
  let updated = 0;
  try {
    const result = db.transaction((): CensusBatch | null => {
      const auditFrom = ((db.prepare('SELECT MAX(id) AS n FROM audit_log').get() as { n: number | null }).n ?? 0) + 1;
      const batchId = Number(
        db
          .prepare(
            `INSERT INTO census_batches (file_name, sha256, year, actor, at, data_rows, imported, created, updated, unchanged, rejected, excluded)
             VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?)`,
          )
          .run(preview.fileName, preview.sha256, preview.year, ctx.actor, now, preview.counts.dataRows, preview.counts.reject, excluded.size + skippedWarn)
          .lastInsertRowid,
      );
      const rec = new BatchRecorder(db, batchId);
      const current = loadCurrent(db, rows.map((r) => r.values.uscc!), preview.year);
      const ins = db.prepare(
        `INSERT INTO organizations (category, name, uscc, industry, street, park, address, legal_rep, phone, employees,
           operating_status, notes, name_initials, created_at, updated_at)
         VALUES (@category, @name, @uscc, @industry, @street, @park, @address, @legalRep, @phone, @employees,
           @operatingStatus, @notes, @initials, @now, @now) RETURNING *`,
      );
      const upd = db.prepare(
        `UPDATE organizations SET name=@name, category=@category, industry=@industry, street=@street, park=@park, address=@address,
           legal_rep=@legalRep, phone=@phone, employees=@employees, operating_status=@operatingStatus, name_initials=COALESCE(@initials, name_initials), updated_at=@now
         WHERE id=@id`,
      );
      const members = db.prepare(
        `INSERT INTO member_counts (organization_id, year, full_members, probationary_members) VALUES (?, ?, ?, ?)
         ON CONFLICT(organization_id, year) DO UPDATE SET full_members = excluded.full_members, probationary_members = excluded.probationary_members`,
      );
      const snapshot = db.prepare(
        `INSERT OR REPLACE INTO census_records (organization_id, year, batch_id, row_no, uscc, name, category, industry, street, park, address,
           legal_rep, phone, employees, full_members, probationary_members, party_org_built, party_org_type, formation, secretary_name,
           instructor, founded_on, operating_status, notes)
         VALUES (@orgId, @year, @batchId, @row, @uscc, @name, @category, @industry, @street, @park, @address, @legalRep, @phone, @employees,
           @fullMembers, @probationaryMembers, @built, @partyOrgType, @formation, @secretaryName, @instructor, @foundedOn, @operatingStatus, @notes)`,
      );
      const sameSnapshot = db.prepare(
        `SELECT 1 FROM census_records WHERE organization_id = ? AND year = ? AND json_array(uscc, name, category, industry, street, park, address,
           legal_rep, phone, employees, full_members, probationary_members, party_org_built, party_org_type, formation, secretary_name,
           instructor, founded_on, operating_status, notes) = ?`,
      );
      const createdIds: number[] = [];
      let n = 0;
      for (const r of rows) {
        if (++n % 2000 === 0) job.progress('writing', '写入数据库', n, rows.length);
        const v = r.values as CensusValues;
        const cur = current.get(v.uscc);
        const keep = <K extends keyof CensusValues>(f: K): CensusValues[K] => (has(f as keyof CensusMapping) || !cur ? v[f] : cur.values[f]);
        const fields = {
          category: keep('category'),
          name: v.name,
          uscc: v.uscc,
          industry: keep('industry'),
          street: v.street,
          park: keep('park'),
          address: keep('address'),
          legalRep: keep('legalRep'),
          phone: keep('phone'),
          employees: keep('employees'),
          operatingStatus: keep('operatingStatus'),
          notes: v.notes,
          initials: !cur || cur.values.name !== v.name ? (initials.get(v.name) ?? nameInitials(v.name)) : null,
          now,
        };
        const snap = { orgId: 0, year: preview.year, batchId, row: r.row, ...v, built: v.partyOrgBuilt ? 1 : 0 };
        if (!cur) {
          // A new organisation: its undo is deleting it (party org, counts and snapshot go with it by cascade).
          const row = ins.get(fields) as { id: number };
          const id = row.id;
          rec.created('organizations', { id }, row);
          created++;
          // No party_orgs row means "not built" everywhere (LEFT JOIN), so only built ones need one.
          if (v.partyOrgBuilt) writePartyOrg(db, id, partyOrgFrom(null, v, has));
          members.run(id, preview.year, v.fullMembers, v.probationaryMembers);
          snapshot.run({ ...snap, orgId: id });
          createdIds.push(id);
          continue;
        }
        const orgId = cur.id;
        snap.orgId = orgId;
        if (r.changes.length) {
          updated++;
          rec.track('organizations', { id: orgId }, () => upd.run({ ...fields, id: orgId }));
          recordAudit(db, {
            at: now,
            actor: ctx.actor,
            action: 'import',
            entity: 'organization',
            entityId: orgId,
            entityLabel: v.name,
            changes: r.changes.map((c) => ({ field: c.field, label: `${preview.year}年摸排：${c.label}`, oldValue: c.oldValue, newValue: c.newValue })),
          });
        }
        const poBefore = has('partyOrgBuilt') ? rec.image('party_orgs', { organization_id: orgId }) : undefined;
        if (has('partyOrgBuilt') && (poBefore || v.partyOrgBuilt)) {
          const before = poBefore;
          const po = partyOrgFrom(before ?? null, v, has);
          rec.track('party_orgs', { organization_id: orgId }, () => writePartyOrg(db, orgId, po), before ?? null);
        }
        const mc = rec.image('member_counts', { organization_id: orgId, year: preview.year });
        if (!mc || mc.full_members !== v.fullMembers || mc.probationary_members !== v.probationaryMembers) {
          rec.track('member_counts', { organization_id: orgId, year: preview.year }, () => members.run(orgId, preview.year, v.fullMembers, v.probationaryMembers), mc ?? null);
        }
        const same = sameSnapshot.get(
          orgId,
          preview.year,
          JSON.stringify([v.uscc, v.name, v.category, v.industry, v.street, v.park, v.address, v.legalRep, v.phone, v.employees, v.fullMembers, v.probationaryMembers, snap.built, v.partyOrgType, v.formation, v.secretaryName, v.instructor, v.foundedOn, v.operatingStatus, v.notes]),
        );
        if (!same) rec.track('census_records', { organization_id: orgId, year: preview.year }, () => snapshot.run(snap));
      }
      // One audit row per created organisation (as recordAudit writes for a create), in one statement for speed.
      db.prepare(
        `INSERT INTO audit_log (at, actor, action, entity, entity_id, entity_label)
         SELECT ?, ?, 'import', 'organization', id, name FROM organizations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      ).run(now, ctx.actor, JSON.stringify(createdIds));
      if (rec.changes === 0) {
        // Nothing differs: an identical file (or content) imported again changes nothing, not even a batch row.
        db.prepare('DELETE FROM census_batches WHERE id = ?').run(batchId);
        return null;
      }
      const auditTo = (db.prepare('SELECT MAX(id) AS n FROM audit_log').get() as { n: number | null }).n ?? 0;
      db.prepare(
        'UPDATE census_batches SET imported = ?, created = ?, updated = ?, unchanged = ?, audit_from = ?, audit_to = ? WHERE id = ?',
      ).run(rows.length, created, updated, rows.length - created - updated, auditFrom, auditTo, batchId);
      return batchById(db, batchId);
    })();
    job.progress('writing', '写入数据库', rows.length, rows.length);
    if (!result) {
      const again = preview.alreadyImported;
      return {
        batch: null,
        noop: true,
        message: again
          ? `此文件已于 ${again.at.slice(0, 10)} 导入（批次 #${again.batchId}），内容与数据库一致，本次没有任何改动。`
          : '文件内容与数据库完全一致，没有任何改动。',
      };
    }
    held.delete(input.previewId);
    ctx.emit('data.changed', { entity: 'organization' });
    return {
      batch: result,
      noop: false,
      message: `已导入 ${result.imported} 行：新增 ${result.created} 个组织，更新 ${result.updated} 个，未变 ${result.unchanged} 个（批次 #${result.id}，可整批撤销）。`,
    };
  } finally {
    job.end();
  }
}

/** The party org after the census: the file's answer for the columns it has, the rest as stored. */
function partyOrgFrom(cur: Record<string, unknown> | null, v: CensusValues, has: (f: keyof CensusMapping) => boolean): PartyOrgFields {
  if (!v.partyOrgBuilt) return { built: false, notBuiltReason: (cur?.not_built_reason as string | null) ?? null };
  const pick = (f: (typeof PARTY_FIELDS)[number], col: string) => (has(f) ? v[f] : ((cur?.[col] as string | null) ?? null));
  return {
    built: true,
    type: pick('partyOrgType', 'type') as PartyOrgType | null,
    formation: pick('formation', 'formation') as Formation | null,
    secretaryName: pick('secretaryName', 'secretary_name'),
    foundedOn: pick('foundedOn', 'founded_on'),
    name: (cur?.name as string | null) ?? null,
    secretarySource: (cur?.secretary_source as PartyOrgFields['secretarySource']) ?? null,
    termStart: (cur?.term_start as string | null) ?? null,
    termEnd: (cur?.term_end as string | null) ?? null,
    superiorOrg: (cur?.superior_org as string | null) ?? null,
    notBuiltReason: null,
  };
}

/** Remembers the mapping of this header layout, so next year's file maps by itself. */
export function rememberMapping(ctx: CoreContext, previewId: string): void {
  const { parsed } = heldPreview(previewId);
  ctx.db
    .prepare('INSERT INTO census_mappings (signature, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT(signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at')
    .run(parsed.signature, JSON.stringify(parsed.mapping), ctx.clock.now().toISOString());
}

interface BatchRow {
  id: number;
  file_name: string;
  sha256: string;
  year: number;
  actor: string;
  at: string;
  data_rows: number;
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  excluded: number;
  status: 'committed' | 'undone';
  undone_at: string | null;
  audit_from: number | null;
  audit_to: number | null;
}

const toBatch = (r: BatchRow): CensusBatch => ({
  id: r.id,
  fileName: r.file_name,
  sha256: r.sha256,
  year: r.year,
  actor: r.actor,
  at: r.at,
  dataRows: r.data_rows,
  imported: r.imported,
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  rejected: r.rejected,
  excluded: r.excluded,
  status: r.status,
  undoneAt: r.undone_at,
});

export function batchById(db: Db, id: number): CensusBatch {
  const r = db.prepare('SELECT * FROM census_batches WHERE id = ?').get(id) as BatchRow | undefined;
  if (!r) throw notFound(`摸排批次 #${id}`);
  return toBatch(r);
}

export const listBatches = (db: Db): CensusBatch[] => (db.prepare('SELECT * FROM census_batches ORDER BY id DESC').all() as BatchRow[]).map(toBatch);

/** Undoes a whole batch: every touched row back to its before-image, the batch's audit rows removed. */
export function undoBatch(ctx: CoreContext, batchId: number): { ok: true; message: string } {
  const { db } = ctx;
  const b = db.prepare('SELECT * FROM census_batches WHERE id = ?').get(batchId) as BatchRow | undefined;
  if (!b) throw notFound(`摸排批次 #${batchId}`);
  if (b.status === 'undone') throw new AppError('CONFLICT', `批次 #${batchId} 已于 ${b.undone_at?.slice(0, 10)} 撤销，无需重复操作。`);
  backupBefore(ctx, '撤销导入前');
  db.transaction(() => {
    restoreBatch(db, batchId);
    if (b.audit_from !== null && b.audit_to !== null) db.prepare('DELETE FROM audit_log WHERE id BETWEEN ? AND ?').run(b.audit_from, b.audit_to);
    db.prepare('DELETE FROM census_batch_changes WHERE batch_id = ?').run(batchId);
    db.prepare("UPDATE census_batches SET status = 'undone', undone_at = ?, undone_by = ? WHERE id = ?").run(ctx.clock.now().toISOString(), ctx.actor, batchId);
  })();
  ctx.emit('data.changed', { entity: 'organization' });
  return { ok: true, message: `已撤销批次 #${batchId}（${b.file_name}，${b.year} 年）：数据已恢复到导入前。` };
}
