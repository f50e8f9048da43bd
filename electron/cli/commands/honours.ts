import path from 'node:path';
import { HONOURS_EXPORT_KINDS, HONOURS_EXPORT_LABELS, type HonoursExportKind } from '../../../shared/contract/honours';
import { STAR_LABELS } from '../../../shared/domain/honours/starRating';
import { CliError, firstPositional, yearOption } from '../args';
import { call, printJson, printTable, type Command } from '../command';
import { isFolderPath, readUserFile, saveDocument, writeIntoFolder } from '../files';

/** `export star-summary` etc.: one Word file; 立项书 of several projects go to a .zip or, given a folder, one file each. */
const exportCommand = (kind: HonoursExportKind): Command => ({
  name: `export ${kind}`,
  usage:
    kind === 'project-charters'
      ? `export ${kind} --year 年度 --out 文件.docx|.zip|文件夹/ [--ids 项目编号,…] [--db 文件] [--json]`
      : `export ${kind} --year 年度 --out 文件.docx [--db 文件] [--json]`,
  summary: `导出${HONOURS_EXPORT_LABELS[kind]}（Word）${kind === 'project-charters' ? '：每个项目一份，多个时为 .zip 或逐个存入文件夹' : ''}`,
  async run(core, args, io) {
    const out = args.options.out;
    if (!out) throw new CliError('请用 --out 给出保存路径，例如：--out 汇总表.docx');
    const ids = args.options.ids?.split(/[,，]/).map((s) => Number(s.trim()));
    if (ids?.some((n) => !Number.isInteger(n) || n <= 0)) throw new CliError('--ids 应为逗号分隔的项目编号，例如：--ids 3,5,8');
    const file = await call(core, 'rating.export', { kind, year: yearOption(args), projectIds: ids });
    if (isFolderPath(out)) {
      const { dir, files } = writeIntoFolder(out, file);
      if (io.json) return printJson(io, { out: dir, files, count: files.length });
      return io.out(`已导出到文件夹：${dir}（${files.length} 个文件）`);
    }
    if (file.mime === 'application/zip' && !out.toLowerCase().endsWith('.zip')) throw new CliError('多个项目会导出为 .zip，请把 --out 设为 .zip 文件，或设为文件夹（以 / 结尾）逐个保存');
    saveDocument(io, out, file, HONOURS_EXPORT_LABELS[kind]);
  },
});

export const honoursCommands: Command[] = [
  {
    name: 'rating summary',
    usage: 'rating summary --year 年度 [--db 文件] [--json]',
    summary: '评星定级汇总：各街道（乡镇）和全区的星级分布，软弱涣散党组织确定和转化情况',
    async run(core, args, io) {
      const r = await call(core, 'rating.summary', { year: yearOption(args) });
      if (io.json) return printJson(io, r);
      io.out(`${r.round}（${r.year} 年，${r.closed ? '已结束' : '进行中'}）`);
      const stars = [5, 4, 3, 2, 1] as const;
      printTable(
        io,
        ['街道（乡镇）', '参评', ...stars.map((n) => STAR_LABELS[n]), '未评定'],
        [...r.byStreet, { street: '合计', ...r.total }].map((s) => [s.street, s.total, ...stars.map((n) => s[n]), s.unrated]),
      );
      io.out(`软弱涣散党组织：候选待确认 ${r.weak.candidates} 个，确定整顿 ${r.weak.identified} 个，已转化 ${r.weak.converted} 个，整顿中 ${r.weak.converting} 个；${r.weak.explanation}`);
      io.out(`双强六好：推荐 ${r.models.recommended} 个，命名 ${r.models.named} 个`);
    },
  },
  {
    name: 'rating import',
    usage: 'rating import 文件.xlsx|.xls|.csv --year 年度 [--db 文件] [--json]',
    summary: '导入往年评星结果（每行一个组织：统一社会信用代码或单位名称、星级，可有得分）；该年度评星随即结束、不能再改',
    async run(core, args, io) {
      const file = firstPositional(args, '评星结果表格文件', 'rating import 2024年评星结果.xlsx --year 2024');
      const bytes = readUserFile(path.resolve(file));
      const r = await call(core, 'rating.importResults', { year: yearOption(args), file: { name: path.basename(file), base64: bytes.toString('base64') } });
      if (io.json) return printJson(io, r);
      io.out(`已导入 ${r.imported} 个组织的评星结果`);
    },
  },
  {
    name: 'projects list',
    usage: 'projects list --year 年度 [--db 文件] [--json]',
    summary: '书记项目列表：书记、项目、状态、节点完成和逾期、验收结果',
    async run(core, args, io) {
      const rows = await call(core, 'projects.list', { year: yearOption(args) });
      if (io.json) return printJson(io, rows);
      printTable(
        io,
        ['编号', '所在党组织', '书记', '项目名称', '状态', '节点（完成/共/逾期）', '结果'],
        rows.map((p) => [p.id, p.unitName, p.secretary, p.title, p.status, `${p.milestones.done}/${p.milestones.total}/${p.milestones.overdue}`, p.grade ?? '—']),
      );
      io.out(`共 ${rows.length} 个书记项目`);
    },
  },
  ...HONOURS_EXPORT_KINDS.map(exportCommand),
];
