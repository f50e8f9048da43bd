import { runCli } from './index';
import type { CliIo } from './command';

const io: CliIo = { json: false, out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') };
runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
