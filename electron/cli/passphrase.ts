import { CliError } from './args';

/** What --help and a locked database say about giving the passphrase. */
export const PASSPHRASE_HELP =
  '加密数据库的口令：在终端中运行时程序会提示输入（不显示）；脚本中放在环境变量 LX_PASSPHRASE 里。不接受 --passphrase（命令行参数本机其他用户都看得到）';

/** An old script's `--passphrase x` is refused with what to do instead, before anything is opened. */
export function refusePassphraseOption(argv: string[]): void {
  if (argv.some((a) => a === '--passphrase' || a.startsWith('--passphrase='))) {
    throw new CliError('--passphrase 已停用：命令行上的口令本机其他用户用进程列表就能看到。请改为 LX_PASSPHRASE=口令 npm run cli -- …，或在终端中直接运行，按提示输入口令。');
  }
}

/** Reads a line from the terminal without echoing it; null when cancelled (Ctrl+C, Ctrl+D) or when there is no terminal. */
export function promptHidden(question: string): Promise<string | null> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.resolve(null);
  return new Promise((resolve) => {
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let typed = '';
    const done = (value: string | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') return done(typed);
        if (c === '\u0003' || c === '\u0004') return done(null);
        typed = c === '\u007f' || c === '\b' ? [...typed].slice(0, -1).join('') : typed + c;
      }
    };
    stdin.on('data', onData);
  });
}
