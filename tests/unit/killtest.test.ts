import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { silentLogger } from '../../electron/core/context';
import { Database } from '../../electron/core/db/driver';
import { seededRandom } from '../../electron/core/demo/random';
import { tempDir } from '../helpers/core';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(here, 'killtest-child.ts');
// The child is bundled once so each of the many restarts takes a fraction of a second; it sits under
// node_modules so its package imports resolve. Bundled, the census parse runs in-process (no worker).
const BUNDLE = path.resolve(here, '../../node_modules/.cache/lx-killtest/child.mjs');
const BATCH_SIZE = 300; // organisations per census batch, as in killtest-child.ts
const KILLS = Number(process.env.LX_KILLS ?? 30);
const dir = tempDir('lx-kill-');
const dbPath = path.join(dir, 'kill.db');
beforeAll(async () => {
  await build({ entryPoints: [CHILD], outfile: BUNDLE, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Run {
  begun: Set<number>;
  done: Set<number>;
}

/**
 * Starts the child and kills it with SIGKILL `delayMs` after its `nth` commit began (nth = 0: after
 * spawn, which may land in start-up, a preview or an export). Reports the batches it began and finished.
 */
function runAndKill(delayMs: number, nth: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { begun: new Set(), done: new Set() };
    let buf = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    const arm = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs));
    if (nth === 0) arm();
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const [word, n] = buf.slice(0, nl).split(' ');
        buf = buf.slice(nl + 1);
        if (word === 'begin') {
          run.begun.add(Number(n));
          if (run.begun.size === nth) arm();
        }
        if (word === 'done') run.done.add(Number(n));
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`子进程异常退出（${code}）：${stderr}`));
      else resolve(run);
    });
  });
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs during census imports and exports: sound file, every batch whole or absent`, async () => {
    const rnd = seededRandom(20261122);
    const totals = { kills: 0, batchesWhole: 0, batchesAbsent: 0, batchesPartial: 0, committedButLost: 0, corrupt: 0 };
    for (let i = 0; i < KILLS; i++) {
      // Most kills land within the run's first census commit; every fifth lands anywhere from start-up
      // on (opening, migrating, previewing, committing, exporting).
      const run = i % 5 === 4 ? await runAndKill(rnd.int(0, 3000), 0) : await runAndKill(rnd.int(0, 400), 1);
      totals.kills++;

      const db = new Database(dbPath);
      try {
        const check = db.pragma('integrity_check') as { integrity_check: string }[];
        if (check.length !== 1 || check[0].integrity_check !== 'ok') totals.corrupt++;
        // Per batch: its organisations, their member counts for the year, and its census_batches row.
        const perBatch = (sql: string) =>
          new Map((db.prepare(sql).all() as { b: number; n: number }[]).map((r) => [r.b, r.n]));
        const orgs = perBatch(
          `SELECT CAST(substr(name, 6, instr(substr(name, 6), '批') - 1) AS INTEGER) AS b, COUNT(*) AS n FROM organizations WHERE name LIKE '断电测试第%' GROUP BY b`,
        );
        const members = perBatch(
          `SELECT CAST(substr(o.name, 6, instr(substr(o.name, 6), '批') - 1) AS INTEGER) AS b, COUNT(*) AS n
             FROM member_counts m JOIN organizations o ON o.id = m.organization_id WHERE o.name LIKE '断电测试第%' AND m.year = 2026 GROUP BY b`,
        );
        const batches = perBatch(
          `SELECT CAST(substr(file_name, 7, length(file_name) - 10) AS INTEGER) AS b, COUNT(*) AS n FROM census_batches WHERE file_name LIKE 'batch-%' GROUP BY b`,
        );
        const whole = (b: number) => orgs.get(b) === BATCH_SIZE && members.get(b) === BATCH_SIZE && batches.get(b) === 1;
        const absent = (b: number) => !orgs.has(b) && !members.has(b) && !batches.has(b);
        for (const b of run.begun) {
          if (whole(b)) totals.batchesWhole++;
          else if (absent(b)) {
            totals.batchesAbsent++;
            if (run.done.has(b)) totals.committedButLost++;
          } else totals.batchesPartial++;
        }
        // Batches of earlier runs stay whole too.
        for (const b of new Set([...orgs.keys(), ...batches.keys()])) if (!whole(b)) totals.batchesPartial++;
      } finally {
        db.close();
      }
    }
    console.log(
      `断电测试：kills=${totals.kills} batchesWhole=${totals.batchesWhole} batchesAbsent=${totals.batchesAbsent} partial=${totals.batchesPartial} committedButLost=${totals.committedButLost} corrupt=${totals.corrupt}`,
    );
    expect(totals.corrupt).toBe(0);
    expect(totals.batchesPartial).toBe(0);
    expect(totals.committedButLost).toBe(0);
    // Kills must have hit both sides of the commit, or the test proved nothing.
    expect(totals.batchesWhole).toBeGreaterThan(0);
    expect(totals.batchesAbsent).toBeGreaterThan(0);
    // The app opens the file afterwards as usual.
    const core = createCore({ dbPath, shell: 'cli', logger: silentLogger });
    try {
      const status = await core.invoke('safety.status', {});
      expect(status.ok && status.data).toMatchObject({ state: 'open' });
    } finally {
      core.close();
    }
  }, 240_000);
});
