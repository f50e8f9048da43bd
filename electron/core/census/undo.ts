import type { CensusUndoPlan, UndoChoice, UndoConflict } from '../../../shared/contract/census';
import { CATEGORY_LABELS } from '../../../shared/domain/vocab';
import type { Db } from '../db/database';
import { AppError } from '../errors';
import { ORG_FIELD_LABELS, PARTY_ORG_FIELD_LABELS } from '../orgs/rows';
import { TRACKED_KEYS, type Tracked } from './batch';

/**
 * Undo field by field (issue 15): a field that still holds what the batch wrote goes back; a field changed
 * since is a conflict the user decides (keep the later value, or take the old one); a field edited back by
 * hand needs nothing. A row the batch created goes (an organisation with everything it has) unless it was
 * changed since, which is a conflict too.
 */
type Row = Record<string, unknown>;
type Change = { tbl: Tracked; row_key: string; before: string | null; after: string | null };

/** One write of the undo: a row's columns set back, a row deleted, or a row put back. */
type Action = { kind: 'set'; tbl: Tracked; key: Row; values: Row } | { kind: 'delete'; tbl: Tracked; key: Row } | { kind: 'insert'; tbl: Tracked; row: Row };

export interface UndoWork {
  plan: Omit<CensusUndoPlan, 'batchId' | 'fileName' | 'year' | 'message'>;
  /** Writes that happen whatever the user decides. */
  actions: Action[];
  /** Writes that happen only when the user takes the old value of that conflict. */
  onOld: Map<string, Action>;
}

/** Columns an undo never asks about: row keys, and bookkeeping that follows the fields it belongs to. */
const QUIET = new Set(['id', 'organization_id', 'year', 'created_at', 'updated_at', 'name_initials', 'batch_id', 'row_no']);

const snake = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const labelsByColumn = (labels: Record<string, string>) => new Map(Object.entries(labels).map(([f, l]) => [snake(f), l]));
const ORG_LABELS = labelsByColumn(ORG_FIELD_LABELS);
const PARTY_LABELS = labelsByColumn(PARTY_ORG_FIELD_LABELS);

function fieldLabel(tbl: Tracked, column: string, key: Row): string {
  if (tbl === 'organizations') return ORG_LABELS.get(column) ?? column;
  if (tbl === 'party_orgs') return PARTY_LABELS.get(column) ?? column;
  if (tbl === 'member_counts') return `${key.year}年${column === 'full_members' ? '正式党员' : '预备党员'}人数`;
  return `${key.year}年摸排记录`;
}

const ROW_LABELS: Record<Tracked, (key: Row) => string> = {
  organizations: () => '本批新增的组织',
  party_orgs: () => '本批新建的党组织信息',
  member_counts: (key) => `本批新增的${key.year}年党员人数`,
  census_records: (key) => `${key.year}年摸排记录`,
};

function shown(column: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (column === 'built' || column === 'party_org_built') return v === 1 ? '是' : '否';
  if (column === 'category') return CATEGORY_LABELS[v as keyof typeof CATEGORY_LABELS] ?? String(v);
  return String(v);
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
/** A row as it is now equals a recorded image, compared by value (images come from JSON.stringify or SQLite's json_object). */
const sameRow = (now: Row, image: Row) => Object.keys(image).every((k) => same(now[k], image[k])) && Object.keys(now).every((k) => k in image);

const where = (tbl: Tracked) => TRACKED_KEYS[tbl].map((k) => `${k} = @${k}`).join(' AND ');

/** Statements compiled once per undo, and each table's columns (only those go into the SQL). */
class Statements {
  private cache = new Map<string, ReturnType<Db['prepare']>>();
  private cols = new Map<Tracked, Set<string>>();
  constructor(readonly db: Db) {}
  get(sql: string) {
    let st = this.cache.get(sql);
    if (!st) this.cache.set(sql, (st = this.db.prepare(sql)));
    return st;
  }
  columns(tbl: Tracked): Set<string> {
    let c = this.cols.get(tbl);
    if (!c) this.cols.set(tbl, (c = new Set((this.get('SELECT name FROM pragma_table_info(?)').all(tbl) as { name: string }[]).map((r) => r.name))));
    return c;
  }
}

/** Works out what undoing a batch does, without writing anything. */
export function planUndo(db: Db, batchId: number): UndoWork {
  const st = new Statements(db);
  const changes = db.prepare('SELECT tbl, row_key, before, after FROM census_batch_changes WHERE batch_id = ? ORDER BY seq DESC').all(batchId) as Change[];
  const current = (tbl: Tracked, key: Row) => st.get(`SELECT * FROM ${tbl} WHERE ${where(tbl)}`).get(key) as Row | undefined;
  const orgName = (id: number) => (st.get('SELECT name FROM organizations WHERE id = ?').pluck().get(id) as string | undefined) ?? `编号 ${id}`;
  const work: UndoWork = { plan: { restoreFields: 0, deleteOrganizations: 0, alreadyBack: 0, conflicts: [] }, actions: [], onOld: new Map() };
  const conflict = (c: Omit<UndoConflict, 'organizationName'>, old: Action) => {
    work.plan.conflicts.push({ ...c, organizationName: orgName(c.organizationId) });
    work.onOld.set(c.key, old);
  };

  // An organisation the batch created goes (or stays) whole: its other rows need no decision of their own.
  const created = new Set<number>();
  for (const c of changes) {
    if (!(c.tbl in TRACKED_KEYS)) throw new AppError('INTERNAL', `批次记录损坏：未知的表 ${c.tbl}`);
    if (c.tbl === 'organizations' && c.before === null) created.add((JSON.parse(c.row_key) as { id: number }).id);
  }
  // Those organisations as they are now, and which of them a later batch imported again: read in a few set
  // queries, not two per organisation (a batch may have created 100,000).
  const createdNow = new Map<number, Row>();
  const importedLater = new Set<number>();
  const ids = [...created];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = JSON.stringify(ids.slice(i, i + 5000));
    for (const r of st.get('SELECT * FROM organizations WHERE id IN (SELECT value FROM json_each(?))').all(chunk) as Row[]) createdNow.set(r.id as number, r);
    const later = st.get('SELECT DISTINCT organization_id FROM census_records WHERE organization_id IN (SELECT value FROM json_each(?)) AND batch_id IS NOT ?');
    for (const id of later.pluck().all(chunk, batchId) as number[]) importedLater.add(id);
  }

  for (const c of changes) {
    const key = JSON.parse(c.row_key) as Row;
    const orgId = (key.id ?? key.organization_id) as number;
    const createdOrg = c.tbl === 'organizations' && c.before === null;
    if (created.has(orgId) && !createdOrg) continue;
    const now = createdOrg ? createdNow.get(orgId) : current(c.tbl, key);
    const after = c.after === null ? null : (JSON.parse(c.after) as Row);
    const before = c.before === null ? null : (JSON.parse(c.before) as Row);
    if (createdOrg) {
      if (!now) continue;
      const del: Action = { kind: 'delete', tbl: c.tbl, key };
      const later = importedLater.has(orgId);
      if (!later && sameRow(now, after!)) {
        work.actions.push(del);
        work.plan.deleteOrganizations++;
      } else {
        conflict(
          {
            key: `${c.tbl}:${c.row_key}`,
            organizationId: orgId,
            label: later ? '本批新增的组织（后来的批次又导入过它）' : '本批新增的组织（导入后又修改过）',
            oldValue: null,
            batchValue: String(after!.name),
            currentValue: String(now.name),
            oldMeans: '删除该组织及其党组织、党员人数和摸排记录',
          },
          del,
        );
      }
      continue;
    }
    if (!before) {
      // A row the batch added to an organisation on file (its first party org, the year's counts, the snapshot).
      if (!now) continue;
      const del: Action = { kind: 'delete', tbl: c.tbl, key };
      if (sameRow(now, after!)) {
        work.actions.push(del);
        work.plan.restoreFields++;
      } else {
        conflict({ key: `${c.tbl}:${c.row_key}`, organizationId: orgId, label: ROW_LABELS[c.tbl](key), oldValue: null, batchValue: '本批新增', currentValue: '导入后又修改过', oldMeans: '删除这一条' }, del);
      }
      continue;
    }
    if (!after || !now) {
      // The batch removed the row (a commit never does), or the row is gone since: put it back only if absent.
      if (!now) work.actions.push({ kind: 'insert', tbl: c.tbl, row: before });
      continue;
    }
    if (c.tbl === 'census_records') {
      // A snapshot is one record of the file: it goes back whole, or not at all.
      if (sameRow(now, after)) work.actions.push({ kind: 'set', tbl: c.tbl, key, values: before });
      else if (sameRow(now, before)) work.plan.alreadyBack++;
      else conflict({ key: `${c.tbl}:${c.row_key}`, organizationId: orgId, label: ROW_LABELS[c.tbl](key), oldValue: '导入前的记录', batchValue: '本批的记录', currentValue: '后来又改过', oldMeans: '恢复为导入前的摸排记录' }, { kind: 'set', tbl: c.tbl, key, values: before });
      continue;
    }
    const back: Row = {};
    for (const column of Object.keys(before)) {
      if (QUIET.has(column) || same(before[column], after[column])) continue;
      const values: Row = { [column]: before[column] };
      // The pinyin initials follow the name they were made from.
      if (column === 'name' && 'name_initials' in before) values.name_initials = before.name_initials;
      if (same(now[column], after[column])) {
        Object.assign(back, values);
        work.plan.restoreFields++;
      } else if (same(now[column], before[column])) {
        work.plan.alreadyBack++;
      } else {
        conflict(
          {
            key: `${c.tbl}:${c.row_key}:${column}`,
            organizationId: orgId,
            label: fieldLabel(c.tbl, column, key),
            oldValue: shown(column, before[column]),
            batchValue: shown(column, after[column]),
            currentValue: shown(column, now[column]),
            oldMeans: '恢复为导入前的值',
          },
          { kind: 'set', tbl: c.tbl, key, values },
        );
      }
    }
    if (Object.keys(back).length) {
      // Nobody saved the record since the batch: its modification time goes back too.
      if ('updated_at' in before && same(now.updated_at, after.updated_at)) back.updated_at = before.updated_at;
      work.actions.push({ kind: 'set', tbl: c.tbl, key, values: back });
    }
  }
  return work;
}

/** The choice for each conflict, or the error naming those left undecided. */
export function decide(work: UndoWork, resolve: Record<string, UndoChoice> = {}, resolveAll?: UndoChoice): Action[] {
  const open = work.plan.conflicts.filter((c) => !resolve[c.key] && !resolveAll);
  if (open.length) {
    const names = [...new Set(open.map((c) => c.organizationName))];
    throw new AppError(
      'CONFLICT',
      `该批次导入后，${names.slice(0, 5).join('、')}${names.length > 5 ? ` 等 ${names.length} 个组织` : ''}的数据又被修改过（或已被后来的批次更新），共 ${open.length} 处。` +
        '请在撤销前逐项选择“保留修改后的值”或“恢复为导入前”（命令行：census undo <批次号> --plan 查看，--keep-later 或 --take-old 选择）。',
    );
  }
  const chosen = work.plan.conflicts.filter((c) => (resolve[c.key] ?? resolveAll) === 'old').map((c) => work.onOld.get(c.key)!);
  return [...work.actions, ...chosen];
}

/** Runs the undo's writes (inside the caller's transaction); organisations are deleted last, with all they hold. */
export function applyUndo(db: Db, actions: Action[]): void {
  const st = new Statements(db);
  const orgs: number[] = [];
  for (const a of actions) {
    if (a.kind === 'delete' && a.tbl === 'organizations') orgs.push(a.key.id as number);
    else if (a.kind === 'delete') st.get(`DELETE FROM ${a.tbl} WHERE ${where(a.tbl)}`).run(a.key);
    else if (a.kind === 'insert') {
      const names = Object.keys(a.row).filter((n) => st.columns(a.tbl).has(n));
      st.get(`INSERT INTO ${a.tbl} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(a.row);
    } else {
      const names = Object.keys(a.values).filter((n) => st.columns(a.tbl).has(n) && !(TRACKED_KEYS[a.tbl] as readonly string[]).includes(n));
      if (names.length) st.get(`UPDATE ${a.tbl} SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE ${where(a.tbl)}`).run({ ...a.values, ...a.key });
    }
  }
  // What ON DELETE CASCADE would take with them goes first, table by table, for a chunk of organisations at a
  // time: about a third faster than SQLite cascading row by row, and the same rows (every table reached from
  // these cascades cascades too, so the order of the tables does not matter).
  const cascading = db
    .prepare(`SELECT m.name AS tbl, f."from" AS col FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = 'organizations' AND f.on_delete = 'CASCADE'`)
    .all() as { tbl: string; col: string }[];
  const del = st.get('DELETE FROM organizations WHERE id IN (SELECT value FROM json_each(?))');
  for (let i = 0; i < orgs.length; i += 5000) {
    const chunk = JSON.stringify(orgs.slice(i, i + 5000));
    for (const r of cascading) st.get(`DELETE FROM ${r.tbl} WHERE ${r.col} IN (SELECT value FROM json_each(?))`).run(chunk);
    del.run(chunk);
  }
}
