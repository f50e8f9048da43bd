import type { FileOutput } from '../../../shared/contract';
import { INSTRUCTOR_ROLES, INSTRUCTOR_STATUSES } from '../../../shared/contract/instructors';
import type { Ratio } from '../../../shared/domain/coverage';
import { CliError, type ParsedArgs } from '../args';
import { call, printJson, printTable, type CliIo, type Command } from '../command';
import { writeOutFile } from '../files';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${option} 只能是 ${allowed.join(' / ')}，收到“${value}”`);
  return value as T;
}

function writeDocument(args: ParsedArgs, io: CliIo, file: FileOutput): void {
  const { target, bytes } = writeOutFile(args.options.out, file);
  if (io.json) printJson(io, { out: target, fileName: file.fileName, bytes });
  else io.out(`已导出：${target}（${file.fileName}，${(bytes / 1024).toFixed(0)} KB）`);
}

const needOut = (args: ParsedArgs, example: string) => {
  if (!args.options.out) throw new CliError(`请用 --out 给出输出文件，例如：--out ${example}`);
};

const pct = (r: Ratio) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%（${r.numerator}/${r.denominator}）`);

export const instructorsCommands: Command[] = [
  {
    name: 'instructors list',
    usage: 'instructors list [--role 指导员|联络员] [--status 在岗|离任] [--query 姓名或单位] [--db 文件] [--json]',
    summary: '列出党建指导员/联络员花名册及工作量（身份证号码已遮蔽）',
    async run(core, args, io) {
      const r = await call(core, 'instructors.list', {
        role: oneOf(args.options.role, INSTRUCTOR_ROLES, 'role'),
        status: oneOf(args.options.status, INSTRUCTOR_STATUSES, 'status'),
        query: args.options.query,
      });
      if (io.json) return printJson(io, { total: r.rows.length, rows: r.rows });
      printTable(
        io,
        ['姓名', '类别', '专兼职', '工作单位', '联系电话', '身份证号码', '状态', '联系组织', '本年走访', '逾期'],
        r.rows.map((i) => [i.name, i.role, i.employment, i.workUnit, i.phone, i.idCardMasked, i.status, i.activeOrgs, i.visitsThisYear, i.overdue]),
      );
      io.out(`共 ${r.rows.length} 人`);
    },
  },
  {
    name: 'stats coverage',
    usage: 'stats coverage [--year 年份] [--by street] [--db 文件] [--json]',
    summary: '党组织覆盖率与工作覆盖率（含分子、分母）；过去年份按当年 12 月 31 日计算，党组织状态取当前值',
    async run(core, args, io) {
      const year = args.options.year === undefined ? undefined : Number(args.options.year);
      if (year !== undefined && !Number.isInteger(year)) throw new CliError(`--year 应为四位年份，例如 --year 2026，收到“${args.options.year}”`);
      const by = oneOf(args.options.by, ['street'] as const, 'by');
      const r = await call(core, 'coverage.summary', { year, by });
      if (io.json) return printJson(io, r);
      io.out(`截至 ${r.asOf}：在营组织 ${r.figures.inOperation} 个`);
      io.out(`党组织覆盖率 ${pct(r.figures.orgCoverage)}    工作覆盖率 ${pct(r.figures.workCoverage)}`);
      if (r.byStreet.length) {
        printTable(
          io,
          ['街道（乡镇）', '在营', '党组织覆盖率', '工作覆盖率'],
          r.byStreet.map((s) => [s.street, s.figures.inOperation, pct(s.figures.orgCoverage), pct(s.figures.workCoverage)]),
        );
      }
      io.out(`\n${r.formulas.orgCoverage}\n${r.formulas.workCoverage}`);
    },
  },
  {
    name: 'export instructor-notice',
    usage: 'export instructor-notice --out 文件.docx [--doc-number 发文字号] [--db 文件] [--json]',
    summary: '导出党建工作指导员选派通知（发文字号默认取公文设置中的下一个文号）',
    async run(core, args, io) {
      needOut(args, '选派通知.docx');
      writeDocument(args, io, await call(core, 'instructors.exportNotice', { docNumber: args.options['doc-number'] }));
    },
  },
  {
    name: 'export instructor-roster',
    usage: 'export instructor-roster --out 文件.docx [--status 在岗|离任] [--db 文件] [--json]',
    summary: '导出党建指导员花名册（横向表格）',
    async run(core, args, io) {
      needOut(args, '花名册.docx');
      writeDocument(args, io, await call(core, 'instructors.exportRoster', { status: oneOf(args.options.status, INSTRUCTOR_STATUSES, 'status') }));
    },
  },
];
