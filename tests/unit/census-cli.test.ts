import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../electron/core/db/driver';
import { cli } from '../helpers/cli';
import { FIXTURES, tempDir } from '../helpers/core';

const dir = tempDir();
const db = path.join(dir, 'x.db');
const file = path.join(FIXTURES, 'census', 'lubei-2026-gbk.csv');
/** Counted straight from the file (each CLI run opens and closes its own connection). */
const orgCount = () => {
  const conn = new Database(db, { readonly: true });
  const n = (conn.prepare('SELECT COUNT(*) AS n FROM organizations').get() as { n: number }).n;
  conn.close();
  return n;
};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('command line: census preview / import / undo', () => {
  it('preview --json prints the contract shape with the file’s own row numbers', async () => {
    const r = await cli('census', 'preview', file, '--year', '2026', '--db', db, '--json');
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j).toMatchObject({ dataRows: 45, accepted: 42, new: 43, changed: 0, unchanged: 0, missing: 0 });
    expect(j.rejected.map((i: { row: number }) => i.row)).toEqual([44, 49]);
    expect(j.rejected[0]).toMatchObject({ row: 44, column: '单位名称' });
    expect(j.warnings).toEqual([expect.objectContaining({ row: 18, column: '社会信用代码' })]);
    expect(j.mapping['统一社会信用代码']).toBe('社会信用代码');
  });

  it('import commits a batch, a second import is a no-op, undo restores', async () => {
    const first = await cli('census', 'import', file, '--year', '2026', '--db', db, '--json');
    expect(first.code).toBe(0);
    const batch = first.json();
    expect(batch).toMatchObject({ noop: false, id: 1, batch: { imported: 42, created: 42, excluded: 1 } });
    const again = await cli('census', 'import', file, '--year', '2026', '--db', db, '--json');
    expect(again.json()).toMatchObject({ noop: true, id: null });
    const warned = await cli('census', 'import', file, '--year', '2026', '--accept-warnings', '--db', db, '--json');
    expect(warned.json()).toMatchObject({ id: 2, batch: { created: 1, unchanged: 42 } });
    expect(orgCount()).toBe(43);
    expect((await cli('census', 'undo', '2', '--db', db)).code).toBe(0);
    expect((await cli('census', 'undo', '1', '--db', db)).code).toBe(0);
    expect(orgCount()).toBe(0);
    const twice = await cli('census', 'undo', '1', '--db', db);
    expect(twice.code).not.toBe(0);
    expect(twice.err).toContain('已于');
  });

  it('--set, --map (by letter or header text), --sheet and --header-rows; failures with --json are JSON on stdout', async () => {
    const real = path.join(FIXTURES, 'real', 'r02-registry-heilongjiang-1999.csv');
    const base = ['census', 'preview', real, '--year', '2026', '--db', db, '--json'];
    const set = (await cli(...base, '--set', '所在街道=河东街道')).json();
    expect(set.fixed).toEqual({ '所在街道（乡镇）': '河东街道' });
    expect(set.waitingRows).toBe(0);
    // 地区 holds cities: the user may still say it is the street, by letter or by header text.
    for (const column of ['I', '地区']) {
      const mapped = (await cli(...base, '--map', `所在街道=${column}`, '--map', '法定代表人（负责人）=')).json();
      expect(mapped.mapping['所在街道（乡镇）']).toBe('地区');
      expect(mapped.mapping['法定代表人（负责人）']).toBeUndefined();
      expect(mapped.columns.find((c: { letter: string }) => c.letter === 'I').reason).toBe('您指定的');
    }
    const rows = (await cli(...base, '--header-rows', '1-1', '--sheet', 'Sheet1', '--set', '所在街道=河东街道')).json();
    expect(rows).toMatchObject({ headerRows: [1], sheet: 'Sheet1', dataRows: 1951 });
    for (const bad of [['--map', '无此字段=A'], ['--map', '所在街道=ZZ'], ['--sheet', '没有这张表'], ['--header-rows', '四到六'], ['--set', '所在街道']]) {
      const r = await cli(...base, ...bad);
      expect(r.code, bad.join(' ')).not.toBe(0);
      expect(r.json()).toEqual({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
    }
    const noYear = await cli('census', 'preview', real, '--db', db, '--json');
    expect(noYear.json().error.message).toContain('--year');
  });

  it('import refuses a file whose required column is missing, saying what to do; --include-out-of-scope decides the 国有/集体 rows', async () => {
    const real = path.join(FIXTURES, 'real', 'r02-registry-heilongjiang-1999.csv');
    const other = path.join(dir, 'scope.db');
    const refused = await cli('census', 'import', real, '--year', '2026', '--db', other, '--json');
    expect(refused.code).not.toBe(0);
    expect(refused.json().error.message).toContain('--set 所在街道=');
    const r = (await cli('census', 'import', real, '--year', '2026', '--db', other, '--set', '所在街道=河东街道', '--accept-warnings', '--json')).json();
    const scope = r.preview.outOfScope.length;
    expect(scope).toBeGreaterThan(0);
    expect(r.batch.imported).toBe(1951 - scope);
    const all = (await cli('census', 'import', real, '--year', '2026', '--db', other, '--set', '所在街道=河东街道', '--accept-warnings', '--include-out-of-scope', '--json')).json();
    expect(all.batch.created).toBe(scope);
  });

  it('explains a missing year or file in Chinese', async () => {
    const r = await cli('census', 'preview', file, '--db', db);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--year');
  });
});
