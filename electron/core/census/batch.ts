import type { Db } from '../db/database';

/**
 * Row images for undo. Every row a batch touches is recorded before and after; an undo (undo.ts) compares
 * them with the row as it is now, field by field.
 */
export const TRACKED_KEYS = {
  organizations: ['id'],
  party_orgs: ['organization_id'],
  member_counts: ['organization_id', 'year'],
  census_records: ['organization_id', 'year'],
} as const;
export type Tracked = keyof typeof TRACKED_KEYS;
type Row = Record<string, unknown>;

/**
 * A roomier page cache (32 MB) while a batch is written or undone: its pages stay in memory instead of spilling
 * to the WAL midway. Returns what puts the usual size back.
 */
export function roomyCache(db: Db): () => void {
  const size = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -32768');
  return () => {
    if (db.open) db.pragma(`cache_size = ${size}`);
  };
}

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
      stmt = this.db.prepare(`SELECT * FROM ${tbl} WHERE ${TRACKED_KEYS[tbl].map((k) => `${k} = @${k}`).join(' AND ')}`);
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
