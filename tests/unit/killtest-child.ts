/**
 * Child process of the kill test: imports census batches (the real census.preview + census.commit,
 * each batch one transaction of many rows: case files, member counts, snapshots, audit) and takes
 * exports in between, forever, until the parent kills it with SIGKILL. Argument: the database file.
 * Prints `begin N` before and `done N` after each commit, so the parent knows what was under way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/core';
import { silentLogger } from '../../electron/core/context';
import { usccCheckChar } from '../../shared/domain/codes';

const BATCH_SIZE = 300; // the test checks for this many organisations per batch
const dbPath = process.argv[2];
const core = createCore({ dbPath, shell: 'cli', logger: silentLogger, actor: '断电测试' });
const exportFile = path.join(path.dirname(dbPath), 'export.bin');

async function call(channel: string, input: unknown): Promise<any> {
  const r = await core.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.data;
}

/** A census sheet of BATCH_SIZE new organisations, all named after the batch. */
function censusCsv(batch: number): string {
  const rows = ['企业（社会组织）名称,统一社会信用代码,组织类别,所属行业,所在街道（乡镇）,从业人员数,正式党员数,预备党员数,是否建立党组织,经营状态'];
  for (let k = 0; k < BATCH_SIZE; k++) {
    const first17 = `91131102${String(batch).padStart(6, '0')}${String(k).padStart(3, '0')}`;
    rows.push(`断电测试第${batch}批第${k}号有限公司,${first17 + usccCheckChar(first17)},非公企业,制造业,河东街道,${10 + k},${1 + (k % 5)},${k % 2},否,在营`);
  }
  return '\ufeff' + rows.join('\n') + '\n';
}

let batch = (core.ctx.db.prepare('SELECT COUNT(*) AS n FROM census_batches').get() as { n: number }).n;
process.stdout.write('ready\n');
for (;;) {
  batch++;
  const file = { name: `batch-${batch}.csv`, base64: Buffer.from(censusCsv(batch)).toString('base64') };
  const preview = await call('census.preview', { file, year: 2026 });
  // Pipes are synchronous on Linux: the parent has the line before the transaction starts.
  process.stdout.write(`begin ${batch}\n`);
  await call('census.commit', { previewId: preview.previewId, acceptWarnings: true, exclude: [] });
  process.stdout.write(`done ${batch}\n`);
  // Exports between batches: the whole history as .xlsx, or a backup file (VACUUM INTO).
  if (batch % 3 === 0) {
    const r = batch % 6 === 0 ? await call('safety.exportBackup', {}) : await call('audit.export', { offset: 0, limit: 100 });
    fs.writeFileSync(exportFile, Buffer.from(r.base64, 'base64'));
  }
}
