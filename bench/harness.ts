/** Tiny benchmark harness: named steps, wall time and peak RSS, printed as a table. */
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

export function printRows(title: string, rows: BenchResult[]): void {
  console.log(`\n## ${title}`);
  for (const r of rows) console.log(`  ${r.name.padEnd(48)} ${r.ms.toFixed(0).padStart(7)} ms${r.note ? `   ${r.note}` : ''}`);
  console.log(`  peak RSS so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

export interface Bench {
  name: string;
  run(): Promise<void>;
}
