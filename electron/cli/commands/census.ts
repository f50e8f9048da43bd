import path from 'node:path';
import type { Core } from '../../core';
import { CENSUS_FIELD_LABELS, type CensusIssue, type CensusPreview } from '../../../shared/contract/census';
import { CliError, type ParsedArgs } from '../args';
import { call, printJson, type Command } from '../command';
import { readUserFile } from '../files';

/**
 * `census preview --json` prints (a contract):
 *   { dataRows, accepted, rejected: [{row, column, reason}], warnings: [{row, column, reason}],
 *     new, changed, unchanged, missing, mapping: {字段名: 列标题} }
 * `accepted` counts the clean rows; `rejected` and `warnings` have one entry per problem (a row may appear
 * more than once), `row` is the file's own row number and `column` its header text; new/changed/unchanged/
 * missing are counts against the database (missing = in the database for the file's streets, not in the file).
 * Extra fields: warnedRows, rejectedRows (row counts), sheet, headerRows, encoding, alreadyImported.
 */
export function previewSummary(p: CensusPreview) {
  const rejected: CensusIssue[] = p.rows.flatMap((r) => r.errors);
  const warnings: CensusIssue[] = p.rows.filter((r) => r.outcome === 'warn').flatMap((r) => r.warnings);
  const mapping = Object.fromEntries(p.columns.filter((c) => c.field && c.field !== 'seq').map((c) => [CENSUS_FIELD_LABELS[c.field!], c.header]));
  return {
    dataRows: p.counts.dataRows,
    accepted: p.counts.accept,
    rejected,
    warnings,
    new: p.counts.new,
    changed: p.counts.changed,
    unchanged: p.counts.unchanged,
    missing: p.counts.missing,
    mapping,
    warnedRows: p.counts.warn,
    rejectedRows: p.counts.reject,
    sheet: p.sheet,
    headerRows: p.headerRows,
    encoding: p.encoding,
    alreadyImported: p.alreadyImported,
  };
}

function fileArgs(args: ParsedArgs): { file: { name: string; base64: string }; year: number } {
  const file = args.positionals[0];
  if (!file) throw new CliError('请给出摸排表文件，例如：census preview 路北街道2026.xlsx --year 2026');
  const year = Number(args.options.year);
  if (!Number.isInteger(year) || year < 1949 || year > 2100) throw new CliError('请用 --year 给出摸排年度，例如 --year 2026');
  return { file: { name: path.basename(file), base64: readUserFile(file).toString('base64') }, year };
}

/** Preview through the same channel as the UI; what `census preview` prints. */
export async function cliPreview(core: Core, filePath: string, year: number): Promise<CensusPreview> {
  return call(core, 'census.preview', { file: { name: path.basename(filePath), base64: readUserFile(filePath).toString('base64') }, year });
}

export const censusCommands: Command[] = [
  {
    name: 'census preview',
    usage: 'census preview <文件> --year 年度 [--db 文件] [--json]',
    summary: '预览摸排表导入：逐行检查并与数据库比对，不写入',
    async run(core, args, io) {
      const p = await call(core, 'census.preview', fileArgs(args));
      const s = previewSummary(p);
      if (io.json) return printJson(io, s);
      io.out(`${p.fileName}（工作表“${p.sheet}”，表头第 ${p.headerRows.join('、')} 行）：数据 ${s.dataRows} 行`);
      if (p.missingRequired.length) io.out(`文件中找不到“${p.missingRequired.join('、')}”列，请改用应用界面指定对应列，或把表头改为常用名称`);
      io.out(`可导入 ${s.accepted} 行，有警告 ${s.warnedRows} 行，不能导入 ${s.rejectedRows} 行`);
      io.out(`新增 ${s.new}，有变化 ${s.changed}，未变 ${s.unchanged}，库中有而文件中没有 ${s.missing}`);
      for (const i of s.rejected) io.out(`  ✗ 第 ${i.row} 行 ${i.column}：${i.reason}`);
      for (const i of s.warnings) io.out(`  ! 第 ${i.row} 行 ${i.column}：${i.reason}`);
    },
  },
  {
    name: 'census import',
    usage: 'census import <文件> --year 年度 [--accept-warnings] [--db 文件] [--json]',
    summary: '导入摸排表（一个批次，可整批撤销）；有警告的行需加 --accept-warnings 才导入',
    booleanFlags: ['accept-warnings'],
    async run(core, args, io) {
      const p = await call(core, 'census.preview', fileArgs(args));
      if (p.missingRequired.length) throw new CliError(`文件中找不到“${p.missingRequired.join('、')}”列，无法导入`, 1);
      const r = await call(core, 'census.commit', { previewId: p.previewId, acceptWarnings: args.flags.has('accept-warnings'), exclude: [] });
      if (io.json) return printJson(io, { ...r, id: r.batch?.id ?? null, preview: previewSummary(p) });
      io.out(r.message);
    },
  },
  {
    name: 'census undo',
    usage: 'census undo <批次号> [--plan] [--keep-later | --take-old] [--db 文件] [--json]',
    summary: '撤销一次摸排导入，数据逐项恢复到导入前；--plan 只显示将要做什么（导入后又改过的数据逐项列出），不改动；有这样的数据时用 --keep-later 保留修改后的值或 --take-old 恢复为导入前',
    booleanFlags: ['plan', 'keep-later', 'take-old'],
    async run(core, args, io) {
      const batchId = Number(args.positionals[0]);
      if (!Number.isInteger(batchId) || batchId <= 0) throw new CliError('请给出批次号，例如：census undo 3（批次号见 census import 的输出）');
      if (args.flags.has('keep-later') && args.flags.has('take-old')) throw new CliError('--keep-later 和 --take-old 只能选一个');
      if (args.flags.has('plan')) {
        const plan = await call(core, 'census.undoPlan', { batchId });
        if (io.json) return printJson(io, plan);
        io.out(plan.message);
        for (const c of plan.conflicts) {
          io.out(`  ${c.organizationName}　${c.label}：导入前 ${c.oldValue ?? '（空）'}，本批写入 ${c.batchValue ?? '（空）'}，现在 ${c.currentValue ?? '（空）'}`);
        }
        return;
      }
      const resolveAll = args.flags.has('keep-later') ? 'keep' : args.flags.has('take-old') ? 'old' : undefined;
      const r = await call(core, 'census.undo', { batchId, resolveAll });
      io.json ? printJson(io, r) : io.out(r.message);
    },
  },
  {
    name: 'census batches',
    usage: 'census batches [--db 文件] [--json]',
    summary: '列出摸排导入批次',
    async run(core, _args, io) {
      const r = await call(core, 'census.batches', {});
      if (io.json) return printJson(io, r);
      for (const b of r) io.out(`#${b.id} ${b.at.slice(0, 16)} ${b.year}年 ${b.fileName} 导入 ${b.imported} 行 ${b.status === 'undone' ? '（已撤销）' : ''}`);
    },
  },
];
