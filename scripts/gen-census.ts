/** Writes a census file of any size in the street offices' messy shape: npx tsx scripts/gen-census.ts 20000 [xlsx|xls|csv-gbk|csv-utf8] [out-dir] */
import fs from 'node:fs';
import path from 'node:path';
import { generateCensusFile, type GenerateOptions } from '../electron/core/census/generate';

const rows = Number(process.argv[2] ?? 1000);
const format = (process.argv[3] ?? 'xlsx') as GenerateOptions['format'];
const dir = process.argv[4] ?? '.';
if (!Number.isInteger(rows) || rows < 1) {
  console.error('用法：npx tsx scripts/gen-census.ts 行数 [xlsx|xls|csv-gbk|csv-utf8] [目录]');
  process.exit(2);
}
const { bytes, fileName } = generateCensusFile({ rows, format, seed: rows });
const out = path.join(dir, fileName);
fs.writeFileSync(out, bytes);
console.log(`已生成 ${out}（${rows} 行，${(bytes.byteLength / 1024).toFixed(0)} KB）`);
