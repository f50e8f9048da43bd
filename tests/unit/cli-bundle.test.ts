import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without type declarations
import { CLI_BUNDLE, buildCliBundle, cliBundleFresh } from '../../scripts/cli-bundle.mjs';
import { generateCensusFile } from '../../electron/core/census/generate';
import { cli } from '../helpers/cli';
import { TEST_NOW, tempDir } from '../helpers/core';

const dir = tempDir();
const db = path.join(dir, 'x.db');
const bundled = (...argv: string[]) => execFileSync(process.execPath, ['scripts/cli.mjs', ...argv], { encoding: 'utf8', env: { ...process.env, LX_NOW: TEST_NOW } });

beforeAll(async () => {
  await buildCliBundle();
  expect((await cli('demo', '--db', db)).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bundled command line (npm run cli)', () => {
  it('prints the same help and JSON as the CLI run from source', async () => {
    expect(bundled('--help')).toBe((await cli('--help')).out);
    expect(JSON.parse(bundled('orgs', 'list', '--db', db, '--unbuilt', '--json'))).toEqual((await cli('orgs', 'list', '--db', db, '--unbuilt', '--json')).json());
  });

  it('census preview prints the same JSON as from source, the file read ahead by the parse worker (and the same again with options around it)', async () => {
    const { bytes, fileName } = generateCensusFile({ rows: 300, format: 'xlsx', seed: 31 });
    const file = path.join(dir, fileName);
    fs.writeFileSync(file, bytes);
    const source = (await cli('census', 'preview', file, '--year', '2026', '--db', db, '--json')).json();
    expect(source.dataRows).toBe(300);
    expect(JSON.parse(bundled('census', 'preview', file, '--year', '2026', '--db', db, '--json'))).toEqual(source);
    expect(JSON.parse(bundled('census', 'preview', '--json', '--year', '2026', file, '--db', db))).toEqual(source);
  });

  it('counts as stale when a source it was built from is newer than the bundle, and is rebuilt on the next run', () => {
    expect(cliBundleFresh()).toBe(true);
    const source = fs.statSync('electron/cli/index.ts').mtime;
    fs.utimesSync(CLI_BUNDLE, new Date(source.getTime() - 60_000), new Date(source.getTime() - 60_000));
    expect(cliBundleFresh()).toBe(false);
    bundled('--help');
    expect(cliBundleFresh()).toBe(true);
    expect(fs.statSync(CLI_BUNDLE).mtimeMs).toBeGreaterThanOrEqual(source.getTime());
  });

  it('is split into chunks loaded by command, and counts as stale when one of them is missing', () => {
    expect(cliBundleFresh()).toBe(true);
    const dir = path.dirname(CLI_BUNDLE);
    // The entry only looks at argv: the commands (and SheetJS, docx …) are chunks it imports afterwards.
    expect(fs.statSync(CLI_BUNDLE).size).toBeLessThan(10_000);
    const chunk = fs.readdirSync(dir).find((f) => f.startsWith('chunk-'))!;
    fs.renameSync(path.join(dir, chunk), path.join(dir, `${chunk}.gone`));
    expect(cliBundleFresh()).toBe(false);
    expect(bundled('--help')).toContain('两新档案命令行');
    expect(cliBundleFresh()).toBe(true);
  });

  it('the parse worker loads no zod: its start is on the way of every preview, and it checks no contract', async () => {
    const { build } = await import('esbuild');
    const r = await build({ entryPoints: ['electron/core/census/worker.ts'], bundle: true, platform: 'node', format: 'esm', external: ['better-sqlite3-multiple-ciphers', '@node-rs/jieba'], metafile: true, write: false, logLevel: 'silent' });
    // What ends up in the output (an import whose exports go unused is dropped: zod has no side effects).
    const inputs = Object.entries(Object.values(r.metafile.outputs)[0].inputs).flatMap(([f, v]) => (v.bytesInOutput > 0 ? [f] : []));
    expect(inputs.some((f) => f.endsWith('electron/core/census/parse.ts'))).toBe(true);
    expect(inputs.filter((f) => /node_modules\/zod\//.test(f))).toEqual([]);
  });

  it('ships the parse worker as one CommonJS file beside the CLI, which runs in a worker thread', async () => {
    const entry = path.join(path.dirname(CLI_BUNDLE), 'census-worker.cjs');
    const w = new Worker(entry);
    const answer = new Promise<{ type: string; error?: { message: string } }>((resolve, reject) => {
      w.on('message', (m: { type: string }) => m.type !== 'progress' && resolve(m));
      w.once('error', reject);
    });
    w.postMessage({ bytes: new Uint8Array(0), fileName: '空.xlsx', savedMappings: {} });
    try {
      expect(await answer).toMatchObject({ type: 'error', error: { message: expect.stringContaining('是空文件') } });
    } finally {
      await w.terminate();
    }
  });
});
