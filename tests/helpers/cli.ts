import { runCli } from '../../electron/cli';
import type { CliIo } from '../../electron/cli/command';

/** Runs the CLI in-process, capturing what it prints. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; json: () => any }> {
  let out = '';
  let err = '';
  const io: CliIo = { json: false, out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') };
  const code = await runCli(argv, io);
  return { code, out, err, json: () => JSON.parse(out) };
}
