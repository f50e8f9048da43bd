import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import type { Core } from '../core';
import { CliError, type ParsedArgs } from './args';

export interface CliIo {
  json: boolean;
  out(text: string): void;
  err(text: string): void;
  /** Asks the person at the terminal without echoing (the passphrase); absent when there is none. */
  prompt?(question: string): Promise<string | null>;
}

export interface Command {
  /** Words that select it, e.g. `orgs list`. */
  name: string;
  usage: string;
  summary: string;
  booleanFlags?: readonly string[];
  /** Reads an existing database only: a missing file is an error, never a new empty database. */
  needsExistingDb?: boolean;
  /** Creates nothing: with no database at --db it runs against an empty one in a temporary folder, removed afterwards. */
  createsNothing?: boolean;
  run(core: Core, args: ParsedArgs, io: CliIo): Promise<number | void>;
}

/** Calls a channel through the same validation as the UI; a failure becomes a CLI error with the message. */
export async function call<C extends ChannelName>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = await core.invoke(channel, input);
  if (!r.ok) throw new CliError(r.error.code === 'SETTINGS_INCOMPLETE' ? `${r.error.message}\n命令行可用：npm run cli -- settings documents --issuer-name 发文机关名称 --issuer-mark 发文机关标志 --prefix 机关代字 --printer 印发机关 --signature 署名` : r.error.message, 1, r.error.code);
  return r.data as ChannelOutput<C>;
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Plain-text table for terminals (CJK characters count as two columns). */
export function printTable(io: CliIo, headers: string[], rows: (string | number | null)[][]): void {
  const width = (s: string) => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  for (const r of cells) io.out(r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  '));
}
