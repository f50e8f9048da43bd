/** Tiny benchmark harness: named steps, wall time and peak RSS, printed as a table. */
import fs from 'node:fs';
import { loadDemo } from '../electron/core/demo/demo';
import { testCore } from '../tests/helpers/core';

export interface BenchResult {
  name: string;
  ms: number;
  note?: string;
}

export async function time<T>(name: string, fn: () => T | Promise<T>, note?: (r: T) => string): Promise<{ result: T; row: BenchResult }> {
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  return { result, row: { name, ms, note: note?.(result) } };
}

/** Median of `runs` timed calls (the first call warms statement caches and is counted like the others). */
export async function median(fn: () => unknown, runs = 7): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/**
 * A step beside its floor, both medians measured in the same run on the same data, so the ratio holds on a
 * busy machine where the times alone do not.
 */
export async function againstFloor(name: string, fn: () => unknown, floorName: string, floor: () => unknown, goal: string, runs = 7): Promise<BenchResult[]> {
  const ms = await median(fn, runs);
  const floorMs = await median(floor, runs);
  return [
    { name, ms, note: goal },
    { name: `  下限：${floorName}`, ms: floorMs, note: `比值 ${(ms / floorMs).toFixed(1)}×` },
  ];
}

export function printRows(title: string, rows: BenchResult[]): void {
  console.log(`\n## ${title}`);
  for (const r of rows) console.log(`  ${r.name.padEnd(48)} ${r.ms.toFixed(0).padStart(7)} ms${r.note ? `   ${r.note}` : ''}`);
  console.log(`  peak RSS so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

export interface Bench {
  name: string;
  run(): Promise<void>;
}

export type BenchCore = ReturnType<typeof testCore>;

/**
 * One bench on a fresh database of `orgs` sample organisations (seed 7); generating them is the first row, named `label`.
 * `body` times its steps into `rows`; then the table is printed under `title` and the database removed.
 */
export async function onSampleDatabase(title: string, orgs: number, label: string, body: (core: BenchCore, rows: BenchResult[]) => Promise<void>): Promise<void> {
  const core = testCore();
  const rows: BenchResult[] = [];
  rows.push((await time(label, () => loadDemo(core.ctx, orgs, 7))).row);
  await body(core, rows);
  printRows(title, rows);
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
}
