import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { FIXTURES, tempDir } from '../helpers/core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];
const folder = () => {
  const d = tempDir('lx-cli-files-');
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the CLI checks a file before reading it', () => {
  it('census preview /dev/zero: a clear Chinese error at once, in a process capped at 2 GB of address space', () => {
    const db = path.join(folder(), 'x.db');
    // The bundled CLI (tsx's WebAssembly cannot start under the cap), built first without it. The cap makes
    // a reader that does not check first fail here instead of eating the machine's memory.
    const build = spawnSync('node', ['-e', `import('./scripts/cli-bundle.mjs').then((m) => m.cliBundleFresh() || m.buildCliBundle())`], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const r = spawnSync('bash', ['-c', `ulimit -v 2000000; exec node out/cli/cli.mjs census preview /dev/zero --year 2026 --db "${db}"`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('“/dev/zero”不是普通文件');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a 600 MB file is refused by its size before anything is read; a folder is named as a folder', async () => {
    const dir = folder();
    const big = path.join(dir, '摸排表.xlsx');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 600 * 1024 * 1024); // sparse: takes no disk space
    const db = path.join(dir, 'x.db');
    const r = await cli('census', 'preview', big, '--year', '2026', '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toContain('过大（600 MB），超过 150 MB 的上限，未读取');
    expect(r.err).not.toContain('内部错误');
    const notice = await cli('export', 'notice', '--in', dir, '--out', path.join(dir, 'n.docx'), '--db', db);
    expect(notice.code).toBe(2);
    expect(notice.err).toContain('是文件夹，不是文件');
    const restore = await cli('restore', '/dev/zero', '--db', db);
    expect(restore.err).toContain('不是普通文件');
    const rating = await cli('rating', 'import', big, '--year', '2024', '--db', db);
    expect(rating.code).toBe(2);
    expect(rating.err).toContain('过大（600 MB），超过 150 MB 的上限，未读取');
  });
});

describe('a mistyped --db', () => {
  it('census preview creates nothing (no database, no backups folder) and says it compared with an empty one', async () => {
    const dir = folder();
    const typo = path.join(dir, '两新档案（拼错）.db');
    const r = await cli('census', 'preview', path.join(FIXTURES, 'census', 'hexi-2026-utf8bom.csv'), '--year', '2026', '--db', typo, '--json');
    expect(r.code).toBe(0);
    expect(r.json().new).toBeGreaterThan(0);
    expect(r.err).toContain('不存在，按空数据库比对');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('any other command says on stderr that it created a new database (stdout stays JSON)', async () => {
    const db = path.join(folder(), 'new.db');
    const first = await cli('orgs', 'list', '--db', db, '--json');
    expect(first.code).toBe(0);
    expect(first.err).toContain('原先不存在，已新建一个空数据库');
    expect(() => first.json()).not.toThrow();
    expect((await cli('orgs', 'list', '--db', db, '--json')).err).toBe('');
  });
});

describe('the encoding of a text file is decided by its bytes, said, and can be overridden', () => {
  const HEXI = path.join(FIXTURES, 'census', 'hexi-2026-utf8bom.csv');

  it('one invalid byte in a UTF-8 file keeps it UTF-8 (not GB18030 and 找不到表头); the preview says why; --encoding overrides', async () => {
    const dir = folder();
    const good = fs.readFileSync(HEXI).subarray(3); // without the BOM: only the bytes' evidence is left
    const text = good.toString('utf8');
    const at = Buffer.byteLength(text.slice(0, text.indexOf('赵家圈镇')));
    const damaged = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
    const file = path.join(dir, '损坏一个字节.csv');
    fs.writeFileSync(file, damaged);
    const db = path.join(dir, 'x.db');
    const expected = (await cli('census', 'preview', HEXI, '--year', '2026', '--db', db, '--json')).json();
    const r = await cli('census', 'preview', file, '--year', '2026', '--db', db, '--json');
    expect(r.code, r.err).toBe(0);
    const p = r.json();
    expect(p.encoding).toBe('utf-8');
    expect(p.encodingNote).toMatch(/^按 UTF-8 读取：有 \d+ 处有效的 UTF-8 汉字编码，只有 1 个无效字节/);
    expect(p.dataRows).toBe(expected.dataRows);
    expect(p.mapping).toEqual(expected.mapping);

    const plain = await cli('census', 'preview', file, '--year', '2026', '--db', db);
    expect(plain.out).toContain('编码：UTF-8（按 UTF-8 读取');
    const forced = (await cli('census', 'preview', file, '--year', '2026', '--db', db, '--json', '--encoding', 'UTF8')).json();
    expect(forced).toMatchObject({ encoding: 'utf-8', encodingNote: '按所选编码读取', dataRows: expected.dataRows });
    const wrong = await cli('census', 'preview', HEXI, '--year', '2026', '--db', db, '--encoding', 'big5');
    expect(wrong.err).toContain('--encoding 只能是');
  });

  it('a GBK file is still read as GB18030, with the reason', async () => {
    const p = (await cli('census', 'preview', path.join(FIXTURES, 'census', 'lubei-2026-gbk.csv'), '--year', '2026', '--db', path.join(folder(), 'x.db'), '--json')).json();
    expect(p.encoding).toBe('gb18030');
    expect(p.encodingNote).toMatch(/^不是 UTF-8（\d+ 个字节不符合 UTF-8），按 GBK\/GB18030 读取/);
  });
});
