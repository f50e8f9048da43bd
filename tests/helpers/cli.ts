import { runCli } from '../../electron/cli';
import type { CliIo } from '../../electron/cli/command';
import { TEST_DOCUMENT_SETTINGS } from './core';

/** Runs the CLI in-process, capturing what it prints. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; json: () => any }> {
  let out = '';
  let err = '';
  const io: CliIo = { json: false, out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') };
  const code = await runCli(argv, io);
  return { code, out, err, json: () => JSON.parse(out) };
}

/** Fills a database's document settings through the CLI (exports are refused while they hold “××”). */
export async function cliFillSettings(db: string): Promise<void> {
  const s = TEST_DOCUMENT_SETTINGS;
  const r = await cli('settings', 'documents', '--db', db, '--issuer-name', s.issuerName, '--issuer-mark', s.issuerMark, '--prefix', s.docNumberPrefix, '--printer', s.printer, '--signature', s.signature);
  if (r.code !== 0) throw new Error(`settings documents: ${r.err}`);
}
