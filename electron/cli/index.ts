import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../core';
import { pathsFor } from '../core/paths';
import { AppError } from '../core/errors';
import { silentLogger } from '../core/context';
import { CliError, parseArgs } from './args';
import { printJson, type CliIo, type Command } from './command';
import { debriefingCommands } from './commands/debriefing';
import { honoursCommands } from './commands/honours';
import { orgsCommands } from './commands/orgs';
import { instructorsCommands } from './commands/instructors';
import { exportCommands } from './commands/export';
import { censusCommands } from './commands/census';
import { safetyCommands } from './commands/safety';
import { PASSPHRASE_HELP, refusePassphraseOption } from './passphrase';
import { sessionOf } from '../core/safety/session';

/** Every command; a capability adds its list here. Names and JSON shapes are a contract: add, don't rename. */
export const commands: Command[] = [...orgsCommands, ...exportCommands, ...censusCommands, ...safetyCommands, ...debriefingCommands, ...instructorsCommands, ...honoursCommands];

const GLOBAL_FLAGS = ['json', 'help'] as const;

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  // Longest match first, so `demo clear` wins over `demo`.
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const c of sorted) {
    const words = c.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command: c, rest: argv.slice(words.length) };
  }
  return null;
}

function help(io: CliIo): void {
  io.out('两新档案命令行：npm run cli -- <命令> [选项]\n');
  for (const c of commands) io.out(`  ${c.usage}\n      ${c.summary}`);
  io.out(`\n通用选项：--db 文件（默认使用应用自己的数据库） --json（输出 JSON）\n${PASSPHRASE_HELP}。`);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const found = findCommand(argv);
  if (!found || argv.includes('--help')) {
    help(io);
    return found || argv.length === 0 || argv.includes('--help') ? 0 : 2;
  }
  const { command, rest } = found;
  let core;
  let scratch: string | null = null;
  try {
    refusePassphraseOption(rest);
    const args = parseArgs(rest, [...GLOBAL_FLAGS, ...(command.booleanFlags ?? [])]);
    io.json = args.flags.has('json');
    const { dbPath } = pathsFor(args.options.db);
    const isNew = !fs.existsSync(dbPath);
    if (command.needsExistingDb && isNew) throw new CliError(`数据库文件“${dbPath}”不存在。请用 --db 指定要检查的数据库文件。`, 1);
    // Said on stderr (stdout may be JSON): a mistyped --db otherwise goes unnoticed.
    if (isNew && command.createsNothing) {
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-cli-'));
      io.err(`注意：数据库文件“${dbPath}”不存在，按空数据库比对（${command.name} 不新建任何文件）。如果是 --db 路径写错了，请改正后重试。`);
    } else if (isNew) io.err(`注意：数据库文件“${dbPath}”原先不存在，已新建一个空数据库。如果是 --db 路径写错了，请删除它后改正路径。`);
    const fromEnv = process.env.LX_PASSPHRASE ?? null;
    const where = scratch ? { paths: pathsFor(path.join(scratch, 'empty.db')) } : { dbPath: args.options.db };
    core = createCore({ ...where, shell: 'cli', logger: silentLogger, passphrase: fromEnv });
    const session = sessionOf(core.ctx);
    if (session.state === 'locked' && !fromEnv && io.prompt) {
      const typed = await io.prompt('数据库已加密，请输入口令：');
      if (typed) session.unlock(typed);
    }
    return (await command.run(core, args, io)) ?? 0;
  } catch (e) {
    // An internal error says what failed; its English stack only with LX_DEBUG=1, for a developer.
    const msg = e instanceof CliError || e instanceof AppError ? e.message : `内部错误：${(process.env.LX_DEBUG ? (e as Error).stack : (e as Error).message) ?? e}`;
    io.err(`错误：${msg}${e instanceof AppError && e.code === 'LOCKED' ? `\n${PASSPHRASE_HELP}。` : ''}`);
    // With --json a script reads stdout: every failure is JSON there too (also when the options themselves were wrong).
    if (io.json || rest.includes('--json')) {
      const code = e instanceof CliError || e instanceof AppError ? e.code : 'INTERNAL';
      printJson(io, { ok: false, error: { code, message: e instanceof CliError || e instanceof AppError ? e.message : String((e as Error).message ?? e) } });
    }
    if (!(e instanceof CliError) && !(e instanceof AppError)) return 1;
    return e instanceof CliError ? e.exitCode : 1;
  } finally {
    core?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}
