import { randomUUID } from 'node:crypto';
import type { CensusPreview, CensusRow } from '../../../shared/contract/census';
import type { Db } from '../db/database';
import { changesOf, loadCurrent, type CurrentFacts } from './diff';
import type { ParseResult } from './parse';
import type { CheckedRow } from './validate';

export interface Comparison {
  /** Compares checked rows (in file order, each final) as they arrive: while the worker still checks the rest. */
  add(rows: CheckedRow[]): void;
  /** Rows taken so far. */
  readonly size: number;
  /** The preview, once the parse is done (its own `rows`, if any, are added first). */
  finish(parsed: ParseResult, fileName: string, sha: string): CensusPreview;
}

/**
 * A file's rows against the database. Only the field-by-field changes of rows that match an organisation
 * wait for the end: which fields the file gives (its mapping) comes with the parse's result.
 */
export function startComparison(db: Db, year: number): Comparison {
  // In the contract's order (the CLI's JSON prints them so); dataRows, missing and waiting are known at the end.
  const counts = { dataRows: 0, accept: 0, warn: 0, reject: 0, new: 0, changed: 0, unchanged: 0, missing: 0, waiting: 0, outOfScope: 0 };
  const rows: CensusRow[] = [];
  const matched: { row: CensusRow; cur: CurrentFacts; ownGroup: boolean }[] = [];
  const streets = new Set<string>();
  const inFile = new Set<string>();
  const add = (slice: CheckedRow[]) => {
    const current = loadCurrent(
      db,
      slice.filter((r) => r.outcome !== 'reject' && r.values.uscc).map((r) => r.values.uscc!),
      year,
    );
    for (const r of slice) {
      if (r.values.street) streets.add(r.values.street);
      if (r.values.uscc) inFile.add(r.values.uscc);
      // An importable out-of-scope row is its own group: counted there only, so every other count is what
      // a commit writes by default (it is imported only when the user includes that group).
      const ownGroup = r.outcome !== 'reject' && Boolean(r.outOfScope);
      if (ownGroup) counts.outOfScope++;
      else counts[r.outcome]++;
      // The checked rows become preview rows in place (no second copy of 100k objects).
      const row = Object.assign(r, { diff: null, changes: [], organizationId: null }) as CensusRow;
      rows.push(row);
      if (r.outcome === 'reject') continue;
      const cur = current.get(r.values.uscc!);
      if (cur) matched.push({ row, cur, ownGroup });
      else {
        if (!ownGroup) counts.new++;
        row.diff = 'new';
      }
    }
  };
  return {
    add,
    get size() {
      return rows.length;
    },
    finish(parsed, fileName, sha) {
      if (parsed.rows.length) add(parsed.rows);
      const carried = { ...parsed.mapping, ...parsed.fixed };
      for (const { row, cur, ownGroup } of matched) {
        row.changes = changesOf(cur.values, row.values, carried);
        row.diff = row.changes.length ? 'changed' : 'unchanged';
        row.organizationId = cur.id;
        if (!ownGroup) counts[row.diff]++;
      }
      // In the database, in the same street(s), but not in this file: flagged for a look, never deleted.
      const missing = (
        db
          .prepare(
            `SELECT id, uscc, name, street FROM organizations
             WHERE dissolved_at IS NULL AND street IN (SELECT value FROM json_each(?)) ORDER BY street, name`,
          )
          .all(JSON.stringify([...streets])) as { id: number; uscc: string; name: string; street: string }[]
      ).filter((o) => !inFile.has(o.uscc));
      Object.assign(counts, { dataRows: parsed.dataRows, missing: missing.length, waiting: parsed.waiting });
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
        encodingNote: parsed.encodingNote,
        headerRows: parsed.headerRows,
        columns: parsed.columns,
        mappingSource: parsed.mappingSource,
        missingRequired: parsed.missingRequired,
        fileIssues: parsed.fileIssues,
        fixed: parsed.fixed,
        counts,
        rows,
        missing,
        alreadyImported: done ? { batchId: done.id, at: done.at } : null,
      };
    },
  };
}
