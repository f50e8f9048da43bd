import { createHash, randomUUID } from 'node:crypto';
import type { CensusBatch, CensusMapping, CensusPreview, CensusPreviewInput, CensusUndoPlan, UndoChoice } from '../../../shared/contract/census';
import type { CoreContext } from '../context';
import type { Db } from '../db/database';
import { AppError, notFound } from '../errors';
import { nameInitials } from '../orgs/initials';
import { backupBefore } from '../safety/backup';
import { roomyCache } from './batch';
import { applyUndo, decide, planUndo } from './undo';
import { startComparison } from './compare';
import type { ParseResult } from './parse';
import { parseInWorker, type WorkerLimits } from './worker-host';

export interface Held {
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

/** Drops a committed preview: its rows are in the database now, and a second commit of it would be a mistake. */
export const forgetPreview = (previewId: string): void => void held.delete(previewId);

export function heldPreview(previewId: string): Held {
  const h = held.get(previewId);
  if (!h) throw new AppError('NOT_FOUND', '预览已过期（程序重启或已导入其他文件），请重新选择文件预览后再导入。');
  return h;
}

function savedMappings(db: Db): Record<string, CensusMapping> {
  const rows = db.prepare('SELECT signature, mapping FROM census_mappings').all() as { signature: string; mapping: string }[];
  return Object.fromEntries(rows.map((r) => [r.signature, JSON.parse(r.mapping) as CensusMapping]));
}

/** Streets the office has on file: a column holding them is a street column. */
const knownStreets = (db: Db): string[] =>
  (db.prepare("SELECT DISTINCT street FROM organizations WHERE street <> ''").all() as { street: string }[]).map((r) => r.street);

/** Reads, checks and compares a census file with the database. Writes nothing. */
export async function previewCensus(ctx: CoreContext, input: CensusPreviewInput, limits?: Partial<WorkerLimits>): Promise<CensusPreview> {
  held.clear(); // a new preview replaces the last one; with 100k rows two would not fit comfortably
  const bytes = fileBytes(input.file.base64);
  const sha = sha256(bytes); // before the bytes move to the parse worker
  const job = ctx.jobs.start(input.jobId ?? randomUUID());
  try {
    const labels = { reading: '读取文件', checking: '逐行检查' } as const;
    // Each slice of checked rows is compared while the worker checks the next: only the last is left after the parse.
    const comparison = startComparison(ctx.db, input.year);
    const parsed = await parseInWorker(
      {
        bytes,
        fileName: input.file.name,
        encoding: input.encoding,
        sheet: input.sheet,
        mapping: input.mapping,
        savedMappings: savedMappings(ctx.db),
        fixed: input.fixed,
        headerRows: input.headerRows,
        knownStreets: knownStreets(ctx.db),
      },
      {
        signal: job.signal,
        progress: (phase, done, total) => job.progress(phase, labels[phase], done, total),
        limits,
        transferBytes: true,
        spare: ctx.shell !== 'cli',
        onRows: comparison.add,
      },
    );
    const total = comparison.size + parsed.rows.length;
    job.progress('comparing', '与数据库比对', 0, total);
    const preview = comparison.finish(parsed, input.file.name, sha);
    job.progress('comparing', '与数据库比对', total, total);
    // The checked rows now live in preview.rows; keep the mapping and layout, not a second copy of the rows.
    held.set(preview.previewId, { preview, parsed: { ...parsed, rows: [] }, initials: new Map() });
    // A person reads the preview before pressing 导入; the CLI commits at once (or never), so the commit works them out itself.
    if (ctx.shell !== 'cli') precomputeInitials(preview.previewId);
    return preview;
  } finally {
    job.end();
  }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The decoded file in one array of its own (not a slice of Node's shared pool), so it can move to the worker. */
function fileBytes(base64: string): Uint8Array {
  const buf = Buffer.from(base64, 'base64');
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? new Uint8Array(buf.buffer, 0, buf.byteLength) : new Uint8Array(buf);
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

function committedBatch(db: Db, batchId: number): BatchRow {
  const b = db.prepare('SELECT * FROM census_batches WHERE id = ?').get(batchId) as BatchRow | undefined;
  if (!b) throw notFound(`摸排批次 #${batchId}`);
  if (b.status === 'undone') throw new AppError('CONFLICT', `批次 #${batchId} 已于 ${b.undone_at?.slice(0, 10)} 撤销，无需重复操作。`);
  return b;
}

/** What undoing a batch would do, said before it runs. */
export function undoPlan(ctx: CoreContext, batchId: number): CensusUndoPlan {
  const b = committedBatch(ctx.db, batchId);
  const { plan } = planUndo(ctx.db, batchId);
  const parts = [
    plan.deleteOrganizations ? `删除本批新增的 ${plan.deleteOrganizations} 个组织` : '',
    plan.restoreFields ? `${plan.restoreFields} 项数据恢复为导入前` : '',
    plan.alreadyBack ? `${plan.alreadyBack} 项已手工改回导入前，无需处理` : '',
  ].filter(Boolean);
  const conflicts = plan.conflicts.length
    ? `另有 ${plan.conflicts.length} 处在导入后又被修改过，请逐项选择保留修改后的值或恢复为导入前。`
    : '导入后没有被再修改过的数据，不需要逐项选择。';
  return {
    batchId,
    fileName: b.file_name,
    year: b.year,
    ...plan,
    message: `撤销批次 #${batchId}（${b.file_name}，${b.year} 年）：${parts.length ? parts.join('，') : '没有需要恢复的数据'}。${conflicts}`,
  };
}

/**
 * Undoes a batch field by field (undo.ts): what still holds the batch's values goes back, conflicts as the
 * user chose; the batch's audit rows are removed.
 */
export function undoBatch(
  ctx: CoreContext,
  input: { batchId: number; resolve?: Record<string, UndoChoice>; resolveAll?: UndoChoice },
): { ok: true; message: string } {
  const { db } = ctx;
  const { batchId } = input;
  const b = committedBatch(db, batchId);
  // Decided before the backup, so a refused undo leaves no backup behind.
  const version = db.pragma('data_version', { simple: true });
  let work = planUndo(db, batchId);
  decide(work, input.resolve, input.resolveAll);
  backupBefore(ctx, '撤销导入前');
  const usualCache = roomyCache(db);
  try {
    db.transaction(() => {
      // Another program (the CLI beside the app) wrote meanwhile: plan again from the rows as they are now.
      if (db.pragma('data_version', { simple: true }) !== version) work = planUndo(db, batchId);
      applyUndo(db, decide(work, input.resolve, input.resolveAll));
      if (b.audit_from !== null && b.audit_to !== null) db.prepare('DELETE FROM audit_log WHERE id BETWEEN ? AND ?').run(b.audit_from, b.audit_to);
      db.prepare('DELETE FROM census_batch_changes WHERE batch_id = ?').run(batchId);
      db.prepare("UPDATE census_batches SET status = 'undone', undone_at = ?, undone_by = ? WHERE id = ?").run(ctx.clock.now().toISOString(), ctx.actor, batchId);
    })();
  } finally {
    usualCache();
  }
  ctx.emit('data.changed', { entity: 'organization' });
  const kept = work.plan.conflicts.filter((c) => (input.resolve?.[c.key] ?? input.resolveAll) === 'keep').length;
  return {
    ok: true,
    message: `已撤销批次 #${batchId}（${b.file_name}，${b.year} 年）：数据已恢复到导入前${kept ? `，导入后又修改过的 ${kept} 处保留了修改后的值` : ''}。`,
  };
}
