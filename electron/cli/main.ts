import path from 'node:path';
import type { CliIo } from './command';
import { parseArgs } from './args';
import { warmParseWorker, type ReadAhead } from '../core/census/worker-host';

/**
 * `census preview|import <file>`: the file the parse worker can read while this thread loads the rest of
 * the CLI (the bundle is split, so nothing else is compiled yet). A wrong guess only costs the head start.
 */
function censusFileAhead(argv: string[]): ReadAhead | null {
  if (argv[0] !== 'census' || (argv[1] !== 'preview' && argv[1] !== 'import') || argv.includes('--help')) return null;
  try {
    const file = parseArgs(argv.slice(2), ['json', 'accept-warnings', 'include-out-of-scope']).positionals[0];
    return file ? { path: file, fileName: path.basename(file) } : null;
  } catch {
    return null; // the command itself says what is wrong with the options
  }
}

const argv = process.argv.slice(2);
const ahead = censusFileAhead(argv);
if (ahead) warmParseWorker(ahead);

const { runCli } = await import('./index');
const { promptHidden } = await import('./passphrase');
const io: CliIo = {
  json: false,
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  prompt: process.stdin.isTTY ? promptHidden : undefined,
};
runCli(argv, io).then((code) => {
  process.exitCode = code;
});
