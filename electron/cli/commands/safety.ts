import fs from 'node:fs';
import path from 'node:path';
import { attachmentProblems } from '../../core/attachments/store';
import { schemaVersion } from '../../core/db/database';
import { LATEST_VERSION } from '../../core/db/migrations';
import { snapshotTo } from '../../core/safety/backup';
import { looksEncrypted } from '../../core/safety/cipher';
import { integrityProblems } from '../../core/safety/inspect';
import { overLimitValues } from '../../core/safety/limits';
import { restoreFrom } from '../../core/safety/restore';
import { sessionOf } from '../../core/safety/session';
import { CliError, firstPositional } from '../args';
import { printJson, type Command } from '../command';
import { checkUserFile } from '../files';


export const safetyCommands: Command[] = [
  {
    name: 'backup',
    usage: 'backup --out 文件 [--db 文件] [--json]',
    summary: '把数据库（含附件）完整备份到一个文件（SQLite 在线备份，不停用程序也安全；加了口令的数据库，备份同样加密）',
    async run(core, args, io) {
      const out = args.options.out;
      if (!out) throw new CliError('请用 --out 给出备份文件，例如：backup --out /media/U盘/两新档案备份.db');
      const target = path.resolve(out);
      if (fs.existsSync(target)) throw new CliError(`文件“${target}”已存在。为免覆盖，请换一个文件名。`);
      snapshotTo(core.ctx.db, target);
      const r = { file: target, size: fs.statSync(target).size, encrypted: looksEncrypted(target) };
      io.json ? printJson(io, r) : io.out(`已备份到 ${r.file}（${(r.size / 1024).toFixed(0)} KB${r.encrypted ? '，已加密' : ''}）`);
    },
  },
  {
    name: 'restore',
    usage: 'restore <备份文件> [--db 文件] [--json]',
    summary: '从备份文件恢复：先检查完整性和版本，当前数据库先自动备份，再替换',
    async run(core, args, io) {
      const source = path.resolve(firstPositional(args, '备份文件', 'restore /media/U盘/两新档案备份.db'));
      checkUserFile(source, Number.MAX_SAFE_INTEGER); // SQLite reads it in place: no size limit, but never a device
      const r = restoreFrom(core.ctx, source, path.basename(source), process.env.LX_PASSPHRASE ?? null);
      if (io.json) return printJson(io, r);
      io.out(`已从 ${source} 恢复：${r.organizations} 个组织，${r.auditRows} 条变更记录，数据库版本 ${r.schemaVersion}。`);
      if (r.keptAs) io.out(`恢复前的数据已备份为 ${path.join(core.ctx.paths.backupsDir, r.keptAs)}`);
      if (r.overLimit.length) io.out(`注意：恢复的数据中有 ${r.overLimit.length} 处超过字段上限，保存这些档案前须先删减：\n  ${r.overLimit.slice(0, 20).join('\n  ')}`);
    },
  },
  {
    name: 'check',
    usage: 'check [--db 文件] [--json]',
    summary: '检查数据库完整性（integrity_check）、每个附件（缺失或被改动）、超过字段上限的内容和数据库版本；完好时退出码为 0',
    needsExistingDb: true,
    async run(core, _args, io) {
      const session = sessionOf(core.ctx);
      const open = session.state === 'open';
      const problems = open
        ? [...integrityProblems(core.ctx.db, true), ...attachmentProblems(core.ctx.db, { unadopted: true }), ...overLimitValues(core.ctx.db)]
        : [session.message ?? '无法打开'];
      const r = {
        ok: open && problems.length === 0,
        state: session.state,
        dbPath: core.ctx.paths.dbPath,
        schemaVersion: open ? schemaVersion(core.ctx.db) : null,
        appSchemaVersion: LATEST_VERSION,
        encrypted: session.encrypted,
        problems,
      };
      if (io.json) printJson(io, r);
      else if (r.ok) io.out(`数据库完好：${r.dbPath}（数据库版本 ${r.schemaVersion}${r.encrypted ? '，已加密' : ''}）`);
      else io.err(`数据库有问题：${r.dbPath}\n${problems.slice(0, 10).join('\n')}`);
      return r.ok ? 0 : 1;
    },
  },
];
