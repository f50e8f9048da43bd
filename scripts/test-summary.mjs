#!/usr/bin/env node
// Prints one line per vitest JSON report, then one plain closing line for CI: "tests: N passed, N failed, N skipped".
// The unit suite runs twice (UTC in order, Los Angeles shuffled), so its tests count once per run.
import fs from 'node:fs';
import path from 'node:path';

let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`缺少测试报告：${file}`);
    process.exit(1);
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const s = r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(`${path.basename(file, '.json')}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${s} skipped`);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += s;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
