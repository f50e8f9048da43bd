import { EXPORT_LABELS, TIERS, type DebriefingExportKind, type Tier } from '../../../shared/contract/debriefing';
import { CliError, yearOption, type ParsedArgs } from '../args';
import { call, printJson, printTable, type Command } from '../command';
import { saveDocument } from '../files';

function tierOf(args: ParsedArgs): Tier | undefined {
  const t = args.options.tier;
  if (t === undefined) return undefined;
  if (!(TIERS as readonly string[]).includes(t)) throw new CliError(`--tier 应为 ${TIERS.join(' / ')} 之一`);
  return t as Tier;
}

/** `export debriefing-results` etc.: the CLI matches the longest name, so these sit beside the engine's `export`. */
const exportCommand = (kind: DebriefingExportKind, word: string): Command => ({
  name: `export ${word}`,
  usage: `export ${word} --year 年度 --out 文件.docx [--tier 层级] [--db 文件] [--json]`,
  summary: `导出${EXPORT_LABELS[kind]}（Word）`,
  async run(core, args, io) {
    const out = args.options.out;
    if (!out) throw new CliError('请用 --out 给出保存路径，例如：--out 结果.docx');
    const file = await call(core, 'debriefing.export', { kind, year: yearOption(args), tier: tierOf(args) });
    saveDocument(io, out, file, EXPORT_LABELS[kind]);
  },
});

export const debriefingCommands: Command[] = [
  {
    name: 'debriefing summary',
    usage: 'debriefing summary --year 年度 [--db 文件] [--json]',
    summary: '述职评议汇总：各层级述职人数、等次分布、整改情况',
    async run(core, args, io) {
      const r = await call(core, 'debriefing.summary', { year: yearOption(args) });
      if (io.json) return printJson(io, r);
      io.out(`${r.cycle}（${r.year} 年）`);
      printTable(
        io,
        ['层级', '述职人', '好', '较好', '一般', '差', '未评定', '整改事项', '未完成', '逾期'],
        [...r.tiers.map((t) => ({ ...t, label: t.tier as string })), { ...r.total, label: '合计' }].map((t) => [
          t.label,
          t.debriefers,
          t.grades['好'],
          t.grades['较好'],
          t.grades['一般'],
          t.grades['差'],
          t.grades['未评定'],
          t.rectification.total,
          t.rectification.open,
          t.rectification.overdue,
        ]),
      );
    },
  },
  exportCommand('debriefing-results', 'debriefing-results'),
  exportCommand('rectification-list', 'rectification-list'),
  exportCommand('ballot-form', 'ballot-form'),
  exportCommand('ballot-summary', 'ballot-summary'),
  exportCommand('report-compilation', 'debriefing-reports'),
  exportCommand('plan', 'debriefing-plan'),
];
