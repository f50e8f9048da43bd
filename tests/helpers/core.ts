import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
import { createCore, type Core } from '../../electron/core';
import { fixedClock, silentLogger } from '../../electron/core/context';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';

/** A fresh temporary folder, removed by the caller's cleanup. */
export function tempDir(prefix = 'lx-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The tests' instant: 09:00 in the office's zone on the default day. Tests never run on the machine's clock. */
export const TEST_TODAY = '2026-11-22';
export const testNow = (today: string = TEST_TODAY) => `${today}T09:00:00+08:00`;
export const TEST_NOW = testNow();

/** A core on a real SQLite file in a temp folder, with a fixed clock. */
export function testCore(opts: { today?: string; dir?: string } = {}): Core & { dir: string; dbPath: string } {
  const dir = opts.dir ?? tempDir();
  const dbPath = path.join(dir, 'test.db');
  const core = createCore({
    dbPath,
    shell: 'cli',
    clock: fixedClock(testNow(opts.today)),
    logger: silentLogger,
    actor: '测试员',
  });
  return Object.assign(core, { dir, dbPath });
}

/** Calls a channel and fails the test with the core's message if it errs. */
export async function must<C extends ChannelName>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = await core.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as ChannelOutput<C>;
}

export const FIXTURES = path.resolve(here, '../../../shared/fixtures');
