import { runCli } from './index';
import type { CliIo } from './command';
import { promptHidden } from './passphrase';

const io: CliIo = {
  json: false,
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  prompt: process.stdin.isTTY ? promptHidden : undefined,
};
runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
