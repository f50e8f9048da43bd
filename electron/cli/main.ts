import type { CliIo } from './command';
import { warmParseWorker } from '../core/census/worker-host';

const argv = process.argv.slice(2);
// These two read a census file in the parse worker: it starts now, loading its code on another core while
// this thread loads the rest of the CLI (the bundle is split, so nothing else is compiled yet).
if (argv[0] === 'census' && (argv[1] === 'preview' || argv[1] === 'import') && !argv.includes('--help')) warmParseWorker();

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
