import type { Db } from '../db/database';
import { AppError } from '../errors';

/**
 * Row images for exact undo. Every row a batch touches is recorded before and after; an undo checks the
 * after-image is still there (nothing edited since) and puts the before-image back.
 */
const KEYS = {
  organizations: ['id'],
  party_orgs: ['organization_id'],
  member_counts: ['organization_id', 'year'],
  census_records: ['organization_id', 'year'],
} as const;
export type Tracked = keyof typeof KEYS;
type Row = Record<string, unknown>;

export class BatchRecorder {
  private seq = 0;
  private insert;
  private selects = new Map<Tracked, ReturnType<Db['prepare']>>();
  private insertCreated: ReturnType<Db['prepare']> | null = null;

  constructor(
    private db: Db,
    readonly batchId: number,
  ) {
    this.insert = db.prepare('INSERT INTO census_batch_changes (batch_id, seq, tbl, row_key, before, after) VALUES (?, ?, ?, ?, ?, ?)');
  }

  image(tbl: Tracked, key: Record<string, number>): Row | undefined {
    let stmt = this.selects.get(tbl);
    if (!stmt) {
      stmt = this.db.prepare(`SELECT * FROM ${tbl} WHERE ${KEYS[tbl].map((k) => `${k} = @${k}`).join(' AND ')}`);
      this.selects.set(tbl, stmt);
    }
    return stmt.get(key) as Row | undefined;
  }

  /** Runs `write` and records the row's images around it (nothing when the row did not change). */
  track(tbl: Tracked, key: Record<string, number>, write: () => void, before?: Row | null): void {
    const b = before !== undefined ? before : (this.image(tbl, key) ?? null);
    write();
    const a = this.image(tbl, key) ?? null;
    const bs = b ? JSON.stringify(b) : null;
    const as = a ? JSON.stringify(a) : null;
    if (bs === as) return;
    this.insert.run(this.batchId, ++this.seq, tbl, JSON.stringify(key), bs, as);
  }

  /**
   * Organisations this batch created: their after-images are built by SQLite in one statement (the
   * columns of SELECT *, in order), not row by row through JavaScript objects.
   */
  createdOrganizations(ids: number[]): void {
    if (!ids.length) return;
    if (!this.insertCreated) {
      const cols = (this.db.prepare(`SELECT name FROM pragma_table_info('organizations') ORDER BY cid`).all() as { name: string }[]).map((c) => c.name);
      this.insertCreated = this.db.prepare(
        `INSERT INTO census_batch_changes (batch_id, seq, tbl, row_key, before, after)
         SELECT @batchId, @seq + row_number() OVER (ORDER BY id), 'organizations', json_object('id', id), NULL,
                json_object(${cols.map((c) => `'${c}', "${c}"`).join(', ')})
         FROM organizations WHERE id IN (SELECT value FROM json_each(@ids))`,
      );
    }
    this.insertCreated.run({ batchId: this.batchId, seq: this.seq, ids: JSON.stringify(ids) });
    this.seq += ids.length;
  }

  get changes(): number {
    return this.seq;
  }
}

/** The row as it is now equals a recorded image (compared by value: an image may come from JSON.stringify or from SQLite's json_object). */
function sameImage(now: Row | undefined, image: string | null): boolean {
  if (!now || image === null) return !now && image === null;
  const then = JSON.parse(image) as Row;
  const keys = Object.keys(now);
  return keys.length === Object.keys(then).length && keys.every((k) => Object.hasOwn(then, k) && now[k] === then[k]);
}

const columnsOf = (db: Db, tbl: Tracked) => new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(tbl) as { name: string }[]).map((r) => r.name));

/** Puts every before-image of a batch back, newest first. Throws if a row changed after the batch. */
export function restoreBatch(db: Db, batchId: number): void {
  const changes = db.prepare('SELECT tbl, row_key, before, after FROM census_batch_changes WHERE batch_id = ? ORDER BY seq DESC').all(batchId) as {
    tbl: Tracked;
    row_key: string;
    before: string | null;
    after: string | null;
  }[];
  const cols = new Map<Tracked, Set<string>>();
  const where = (tbl: Tracked) => KEYS[tbl].map((k) => `${k} = @${k}`).join(' AND ');
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  const stmt = (sql: string) => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare(sql)));
    return st;
  };
  const drifted: string[] = [];
  for (const c of changes) {
    if (!(c.tbl in KEYS)) throw new AppError('INTERNAL', `批次记录损坏：未知的表 ${c.tbl}`);
    const now = stmt(`SELECT * FROM ${c.tbl} WHERE ${where(c.tbl)}`).get(JSON.parse(c.row_key)) as Row | undefined;
    if (!sameImage(now, c.after)) {
      const after = c.after ? (JSON.parse(c.after) as Row) : null;
      const label = (after?.name as string | undefined) ?? (now?.name as string | undefined) ?? `编号 ${c.row_key}`;
      drifted.push(String(label));
    } else if (c.tbl === 'organizations' && !c.before && now) {
      // Deleting an organisation this batch created must not take another batch's snapshots with it.
      const other = stmt('SELECT 1 FROM census_records WHERE organization_id = @id AND batch_id IS NOT @batchId LIMIT 1').get({ id: now.id, batchId });
      if (other) drifted.push(String(now.name));
    }
  }
  if (drifted.length) {
    const names = [...new Set(drifted)];
    throw new AppError(
      'CONFLICT',
      `该批次导入后，${names.slice(0, 5).join('、')}${names.length > 5 ? ` 等 ${names.length} 个组织` : ''}的数据又被修改过（或已被后来的批次更新），不能整批撤销。请先撤销后来的批次，或手工更正。`,
    );
  }
  for (const c of changes) {
    const key = JSON.parse(c.row_key) as Row;
    if (!c.before) {
      stmt(`DELETE FROM ${c.tbl} WHERE ${where(c.tbl)}`).run(key);
      continue;
    }
    const before = JSON.parse(c.before) as Row;
    let allowed = cols.get(c.tbl);
    if (!allowed) cols.set(c.tbl, (allowed = columnsOf(db, c.tbl)));
    const names = Object.keys(before).filter((n) => allowed.has(n));
    if (c.after) {
      stmt(`UPDATE ${c.tbl} SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE ${where(c.tbl)}`).run(before);
    } else {
      stmt(`INSERT INTO ${c.tbl} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(before);
    }
  }
}
