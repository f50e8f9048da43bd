import path from 'node:path';
import type { Core } from '../../core';
import { CENSUS_FIELD_LABELS, ENCODINGS, type CensusField, type CensusIssue, type CensusPreview } from '../../../shared/contract/census';
import { CliError, type ParsedArgs } from '../args';
import { call, printJson, type Command } from '../command';
import { fixedValues, headerRowsOption, mappingWithOverrides } from './census-options';
import { readUserFile } from '../files';

/**
 * `census preview --json` prints (a contract):
 *   { dataRows, accepted, rejected: [{row, column, reason}], warnings: [{row, column, reason}],
 *     new, changed, unchanged, missing, mapping: {字段名: 列标题} }
 * `accepted` counts the clean rows; `rejected` and `warnings` have one entry per problem (a row may appear
 * more than once), `row` is the file's own row number and `column` its header text; new/changed/unchanged/
 * missing are counts against the database (missing = in the database for the file's streets, not in the file).
 * Extra fields: warnedRows, rejectedRows (row counts), sheet, headerRows, encoding, alreadyImported;
 * fileIssues [{code, field?, column?, message}] (said once for the whole file: MISSING_COLUMN, NO_DATA_ROWS,
 * EMPTY_COLUMN, NOT_AN_ORG_LIST, DOUBTFUL_MAPPING); waitingRows (rows not checked until a missing column or
 * value is given); columns [{letter, header, field, option, reason, fit, suggestion}] (how each column was
 * read); outOfScope [{row, name, reason}] (国有、集体 … rows, imported only with --include-out-of-scope);
 * fixed {字段名: 值} (values set for the whole file with --set).
 * Any failure with --json prints {"ok": false, "error": {"code", "message"}} and exits non-zero.
 */
export function previewSummary(p: CensusPreview) {
  const rejected: CensusIssue[] = p.rows.flatMap((r) => r.errors);
  const warnings: CensusIssue[] = p.rows.filter((r) => r.outcome === 'warn').flatMap((r) => r.warnings);
  const mapping: Record<string, string> = {};
  for (const c of p.columns) {
    if (!c.field || c.field === 'seq') continue;
    const label = CENSUS_FIELD_LABELS[c.field];
    // An option group reads as one field: named by the group's header (企业基本情况/企业类型).
    if (c.option) mapping[label] ??= c.header.split('/').slice(0, -1).join('/');
    else mapping[label] = c.header;
  }
  const label = (f?: CensusField) => (f ? CENSUS_FIELD_LABELS[f] : undefined);
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
    encodingNote: p.encodingNote,
    alreadyImported: p.alreadyImported,
    fileIssues: p.fileIssues,
    waitingRows: p.counts.waiting ?? 0,
    columns: p.columns
      .filter((c) => c.header)
      .map((c) => ({
        letter: c.letter,
        header: c.header,
        field: label(c.field ?? undefined) ?? null,
        option: c.option ?? null,
        reason: c.reason ?? null,
        fit: c.fit ?? null,
        suggestion: c.suggestion ? { field: label(c.suggestion.field), reason: c.suggestion.reason } : null,
      })),
    outOfScope: p.rows.filter((r) => r.outOfScope && r.outcome !== 'reject').map((r) => ({ row: r.row, name: r.values.name ?? '', reason: r.outOfScope! })),
    fixed: Object.fromEntries(Object.entries(p.fixed ?? {}).map(([f, v]) => [CENSUS_FIELD_LABELS[f as CensusField], v])),
  };
}

function fileArgs(args: ParsedArgs): { file: { name: string; base64: string }; year: number } {
  const file = args.positionals[0];
  if (!file) throw new CliError('请给出摸排表文件，例如：census preview 路北街道2026.xlsx --year 2026');
  const year = Number(args.options.year);
  if (!Number.isInteger(year) || year < 1949 || year > 2100) throw new CliError('请用 --year 给出摸排年度，例如 --year 2026');
  return { file: { name: path.basename(file), base64: readUserFile(file).toString('base64') }, year };
}

/** --encoding overrides what the bytes suggest (text files only). */
function encodingOption(value: string): (typeof ENCODINGS)[number] {
  const v = value.toLowerCase().replace(/^gbk$/, 'gb18030').replace(/^utf8$/, 'utf-8');
  if (!(ENCODINGS as readonly string[]).includes(v)) throw new CliError(`--encoding 只能是 ${ENCODINGS.join('、')}（GBK 文件用 gb18030），“${value}”不认识`);
  return v as (typeof ENCODINGS)[number];
}

/** The preview with the command line's choices: sheet, header rows, file-wide values, then column overrides. */
async function previewWithOptions(core: Core, args: ParsedArgs): Promise<CensusPreview> {
  const input = {
    ...fileArgs(args),
    ...(args.options.sheet ? { sheet: args.options.sheet } : {}),
    ...(args.options.encoding ? { encoding: encodingOption(args.options.encoding) } : {}),
    headerRows: headerRowsOption(args),
    fixed: fixedValues(args),
  };
  const first = await call(core, 'census.preview', input);
  const mapping = mappingWithOverrides(first, args);
  return mapping ? call(core, 'census.preview', { ...input, mapping }) : first;
}

/** Preview through the same channel as the UI; what `census preview` prints. */
export async function cliPreview(core: Core, filePath: string, year: number): Promise<CensusPreview> {
  return call(core, 'census.preview', { file: { name: path.basename(filePath), base64: readUserFile(filePath).toString('base64') }, year });
}

const OPTIONS = '[--sheet 工作表] [--header-rows 4-6] [--set 字段=值]… [--map 字段=列]… [--encoding utf-8|gb18030|utf-16le]';

/** Findings that stop an import: nothing to import until they are dealt with. */
const BLOCKING = new Set(['MISSING_COLUMN', 'NO_DATA_ROWS', 'NOT_AN_ORG_LIST']);

export const censusCommands: Command[] = [
  {
    name: 'census preview',
    usage: `census preview <文件> --year 年度 ${OPTIONS} [--db 文件] [--json]`,
    summary: '预览摸排表导入：逐行检查并与数据库比对，不写入；数据库不存在时按空库比对，不新建任何文件',
    createsNothing: true,
    async run(core, args, io) {
      const p = await previewWithOptions(core, args);
      const s = previewSummary(p);
      if (io.json) return printJson(io, s);
      io.out(`${p.fileName}（工作表“${p.sheet}”，表头第 ${p.headerRows.join('、')} 行）：数据 ${s.dataRows} 行`);
      if (p.encoding) io.out(`编码：${p.encoding.toUpperCase()}（${p.encodingNote}）`);
      for (const c of s.columns) if (c.field && !c.option) io.out(`  ${c.letter} ${c.header} → ${c.field}（${c.reason}）`);
      for (const [f, v] of Object.entries(s.fixed)) io.out(`  整份文件：${f} = ${v}`);
      for (const i of p.fileIssues) io.out(`【${i.code}】${i.message}`);
      if (s.waitingRows) io.out(`${s.waitingRows} 行待补：请先处理上面缺少的列，再预览`);
      io.out(`可导入 ${s.accepted} 行，有警告 ${s.warnedRows} 行，不能导入 ${s.rejectedRows} 行${s.outOfScope.length ? `，不属于两新组织 ${s.outOfScope.length} 行（默认不导入，加 --include-out-of-scope 一并导入）` : ''}`);
      io.out(`新增 ${s.new}，有变化 ${s.changed}，未变 ${s.unchanged}，库中有而文件中没有 ${s.missing}`);
      for (const i of s.rejected) io.out(`  ✗ 第 ${i.row} 行 ${i.column}：${i.reason}`);
      for (const i of s.warnings) io.out(`  ! 第 ${i.row} 行 ${i.column}：${i.reason}`);
      for (const o of s.outOfScope) io.out(`  ○ 第 ${o.row} 行 ${o.name}：${o.reason}`);
    },
  },
  {
    name: 'census import',
    usage: `census import <文件> --year 年度 [--accept-warnings] [--include-out-of-scope] ${OPTIONS} [--db 文件] [--json]`,
    summary: '导入摸排表（一个批次，可整批撤销）；有警告的行需加 --accept-warnings 才导入；国有、集体等不属于两新组织的行需加 --include-out-of-scope',
    booleanFlags: ['accept-warnings', 'include-out-of-scope'],
    async run(core, args, io) {
      const p = await previewWithOptions(core, args);
      const blocking = p.fileIssues.filter((i) => BLOCKING.has(i.code));
      if (blocking.length) throw new CliError(`无法导入：${blocking.map((i) => i.message).join(' ')}`, 1, 'VALIDATION');
      const r = await call(core, 'census.commit', {
        previewId: p.previewId,
        acceptWarnings: args.flags.has('accept-warnings'),
        includeOutOfScope: args.flags.has('include-out-of-scope'),
        exclude: [],
      });
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
