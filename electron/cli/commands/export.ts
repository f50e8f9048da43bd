import { DOCUMENT_SETTING_LABELS, unfilledSettings, type DocumentRequest, type DocumentSettings, type NoticeInput } from '../../../shared/contract/export';
import type { Core } from '../../core';
import { CliError, type ParsedArgs } from '../args';
import { call, printJson, type CliIo, type Command } from '../command';
import { isFolderPath, readUserFile, writeIntoFolder, writeOutFile } from '../files';

async function write(core: Core, args: ParsedArgs, io: CliIo, request: DocumentRequest): Promise<void> {
  const out = args.options.out;
  if (!out) throw new CliError('请用 --out 给出输出文件，例如：--out 台账.docx');
  const r = await call(core, 'export.document', { request });
  const { target, bytes } = writeOutFile(out, r.file);
  if (io.json) printJson(io, { out: target, fileName: r.file.fileName, count: r.count, bytes });
  else io.out(`已导出：${target}（${r.count} 项，${(bytes / 1024).toFixed(0)} KB）`);
}

/** A batch as one file per organisation in a folder (made if missing); files already there are kept. */
async function writeFolder(core: Core, out: string, io: CliIo, request: DocumentRequest): Promise<void> {
  const r = await call(core, 'export.document', { request });
  const { dir, files } = writeIntoFolder(out, r.file);
  if (io.json) printJson(io, { out: dir, files, count: r.count });
  else io.out(`已导出到文件夹：${dir}（${files.length} 个文件）`);
}

/** Organisations by credit code (comma-separated for a batch). */
async function orgIds(core: Core, uscc: string | undefined): Promise<number[]> {
  if (!uscc) throw new CliError('请用 --uscc 给出统一社会信用代码，例如：export org-card --uscc 91131102MA0A1B2C3D --out 档案卡.docx');
  const ids: number[] = [];
  for (const code of uscc.split(/[,，]/).map((s) => s.trim()).filter(Boolean)) ids.push((await call(core, 'orgs.get', { uscc: code })).id);
  return ids;
}

/**
 * A notice from a file: .json is the NoticeInput shape; a text file has the title on its first line, an
 * optional “主送：…” line, then the body (“# ” … “#### ” headings) and “附件：名称” lines. A “签发人：甲、乙”
 * line (报告、请示) prints the red 版头 with the 签发人 beside the 发文字号. A “盖章：是” line lays the 署名 and
 * 成文日期 out for a seal (“盖章：否” or no line: unsealed); .json says `"sealed": true`.
 */
/** A notice's text is a few pages: anything larger is not one. */
const NOTICE_MAX_BYTES = 2 * 1024 * 1024;

export function readNoticeFile(file: string): NoticeInput {
  const text = readUserFile(file, NOTICE_MAX_BYTES).toString('utf8').replace(/^\uFEFF/, '');
  if (file.toLowerCase().endsWith('.json')) {
    try {
      return JSON.parse(text) as NoticeInput;
    } catch (e) {
      throw new CliError(`${file} 不是有效的 JSON：${(e as Error).message}`);
    }
  }
  const lines = text.split(/\r?\n/);
  const title = (lines.shift() ?? '').replace(/^#\s*/, '').trim();
  let mainRecipient = '';
  let signers: string[] = [];
  let sealed = false;
  const body: string[] = [];
  const attachments: { name: string; body: string }[] = [];
  for (const line of lines) {
    const to = /^主送[:：]\s*(.+)$/.exec(line.trim());
    const att = /^附件[:：]\s*(.+)$/.exec(line.trim());
    const by = /^签发人[:：]\s*(.+)$/.exec(line.trim());
    const seal = /^盖章[:：]\s*(.*)$/.exec(line.trim());
    if (to && !mainRecipient) mainRecipient = to[1];
    else if (by) signers = by[1].split(/[、,，;；\s]+/).filter(Boolean);
    else if (seal) sealed = sealValue(seal[1]);
    else if (att) attachments.push({ name: att[1].replace(/^\d+[.．]\s*/, ''), body: '' });
    else body.push(line);
  }
  return { title, mainRecipient, body: body.join('\n'), attachments, withHeader: signers.length > 0, signers, sealed };
}

function sealValue(v: string): boolean {
  const s = v.trim().replace(/[。.]$/, '').toLowerCase();
  if (/^(是|加盖|盖|有|yes|y|true|1)$/.test(s)) return true;
  if (/^(否|不盖|不加盖|无|no|n|false|0)$/.test(s)) return false;
  throw new CliError(`“盖章：${v.trim()}”无法识别：请写“盖章：是”或“盖章：否”`);
}

/** `settings documents` options → DocumentSettings fields. */
const SETTING_OPTIONS = {
  'issuer-name': 'issuerName',
  'issuer-mark': 'issuerMark',
  prefix: 'docNumberPrefix',
  printer: 'printer',
  cc: 'defaultCc',
  signature: 'signature',
} as const;

const usage = (kind: string, extra = '') => `export ${kind} --out 文件.docx${extra} [--db 文件] [--json]`;

export const exportCommands: Command[] = [
  {
    name: 'export ledger',
    usage: usage('ledger', ' [--street 街道] [--category enterprise|social]'),
    summary: '导出两新组织党建工作台账（横向表格，Word 公文格式）',
    run: (core, args, io) =>
      write(core, args, io, {
        kind: 'ledger',
        filter: { street: args.options.street, category: args.options.category as 'enterprise' | 'social' | undefined },
      }),
  },
  {
    name: 'export org-card',
    usage: `export org-card --uscc 代码[,代码…] --out 文件.docx|.zip|文件夹/ [--db 文件] [--json]`,
    summary: '导出企业（社会组织）党建档案卡；多个代码时导出为一个 .zip，或 --out 给文件夹（以 / 结尾或已存在）时每个组织一个 .docx',
    async run(core, args, io) {
      const ids = await orgIds(core, args.options.uscc);
      const out = args.options.out;
      if (out && isFolderPath(out)) return writeFolder(core, out, io, { kind: 'orgCard', orgIds: ids });
      if (ids.length > 1 && !out?.toLowerCase().endsWith('.zip')) throw new CliError('多个组织会导出为 .zip，请把 --out 设为 .zip 文件，或设为文件夹（以 / 结尾）逐个保存');
      await write(core, args, io, { kind: 'orgCard', orgIds: ids });
    },
  },
  {
    name: 'export unbuilt',
    usage: usage('unbuilt'),
    summary: '导出应建未建党组织情况清单（按街道）',
    run: (core, args, io) => write(core, args, io, { kind: 'unbuilt' }),
  },
  {
    name: 'export coverage',
    usage: usage('coverage'),
    summary: '导出两新组织党建工作覆盖情况统计表（按街道和类别，含合计）',
    run: (core, args, io) => write(core, args, io, { kind: 'coverage' }),
  },
  {
    name: 'export notice',
    usage: `export notice --in 文稿.json|.txt --out 文件.docx [--db 文件] [--json]`,
    summary: '把文稿排成通知/报告（首行标题，“主送：”行，正文用 # 至 #### 表示各级标题，“附件：”行；报告、请示可加“签发人：”行；“盖章：是”排成加盖印章的落款）',
    async run(core, args, io) {
      if (!args.options.in) throw new CliError('请用 --in 给出文稿文件（.json 或 .txt）');
      await write(core, args, io, { kind: 'notice', notice: readNoticeFile(args.options.in) });
    },
  },
  {
    name: 'settings documents',
    usage: 'settings documents [--issuer-name 发文机关名称] [--issuer-mark 发文机关标志] [--prefix 机关代字] [--next-number 下一个文号] [--printer 印发机关] [--cc 默认抄送] [--signature 署名] [--db 文件] [--json]',
    summary: '查看或修改公文设置（导出前须把通用的“××”改成本单位的名称）；不带选项时只显示当前设置',
    async run(core, args, io) {
      const current = await call(core, 'export.getSettings', {});
      const next = { ...current };
      for (const [option, field] of Object.entries(SETTING_OPTIONS)) if (args.options[option] !== undefined) next[field] = args.options[option]!;
      if (args.options['next-number'] !== undefined) next.nextDocNumber = Number(args.options['next-number']);
      const changed = JSON.stringify(next) !== JSON.stringify(current);
      if (changed) await call(core, 'export.saveSettings', next);
      const unfilled = unfilledSettings(next);
      if (io.json) return printJson(io, { settings: next, saved: changed, unfilled: unfilled.map((u) => u.field) });
      for (const [field, label] of Object.entries(DOCUMENT_SETTING_LABELS)) io.out(`${label}：${next[field as keyof DocumentSettings] || '（无）'}`);
      io.out(changed ? '已保存。' : '未修改。');
      for (const u of unfilled) io.out(`注意：${u.message}`);
    },
  },
];
