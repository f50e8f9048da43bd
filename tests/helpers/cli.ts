import { runCli } from '../../electron/cli';
import type { CliIo } from '../../electron/cli/command';
import { TEST_DOCUMENT_SETTINGS, TEST_NOW } from './core';

/**
 * Runs the CLI in-process, capturing what it prints. Its clock is the tests' instant, set the product's
 * own way (LX_NOW, see README), never the machine's.
 */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; json: () => any }> {
  let out = '';
  let err = '';
  const io: CliIo = { json: false, out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') };
  const before = process.env.LX_NOW;
  process.env.LX_NOW = TEST_NOW;
  try {
    const code = await runCli(argv, io);
    return { code, out, err, json: () => JSON.parse(out) };
  } finally {
    if (before === undefined) delete process.env.LX_NOW;
    else process.env.LX_NOW = before;
  }
}

/** Fills a database's document settings through the CLI (exports are refused while they hold “××”). */
export async function cliFillSettings(db: string): Promise<void> {
  const s = TEST_DOCUMENT_SETTINGS;
  const r = await cli('settings', 'documents', '--db', db, '--issuer-name', s.issuerName, '--issuer-mark', s.issuerMark, '--prefix', s.docNumberPrefix, '--printer', s.printer, '--signature', s.signature);
  if (r.code !== 0) throw new Error(`settings documents: ${r.err}`);
}
