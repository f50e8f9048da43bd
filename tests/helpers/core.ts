import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
import { createCore, type Core } from '../../electron/core';
import { fixedClock, silentLogger } from '../../electron/core/context';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import type { DocumentSettings } from '../../shared/contract/export';
import type { OrgFields, PartyOrgFields } from '../../shared/contract/orgs';
import { DOCUMENT_SETTINGS_KEY } from '../../electron/core/export/settings';
import { setSetting } from '../../electron/core/settings/settings';

/** A fresh temporary folder, removed by the caller's cleanup. */
export function tempDir(prefix = 'lx-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The tests' instant: 09:00 in the office's zone on the default day. Tests never run on the machine's clock. */
export const TEST_TODAY = '2026-11-22';
export const testNow = (today: string = TEST_TODAY) => `${today}T09:00:00+08:00`;
export const TEST_NOW = testNow();

/** An office's filled-in document settings: exports are refused while the settings hold the “××” defaults. */
export const TEST_DOCUMENT_SETTINGS: DocumentSettings = {
  issuerName: '中共桃城区两新组织工作委员会',
  issuerMark: '中共桃城区两新工委文件',
  docNumberPrefix: '桃两新',
  nextDocNumber: 1,
  printer: '中共桃城区两新组织工作委员会办公室',
  defaultCc: '',
  signature: '中共桃城区两新组织工作委员会',
};

/** Writes TEST_DOCUMENT_SETTINGS into a database (no audit entry: the test's own audit counts stay its own). */
export function fillDocumentSettings(core: Core): void {
  setSetting(core.ctx.db, DOCUMENT_SETTINGS_KEY, TEST_DOCUMENT_SETTINGS);
}

/**
 * A core on a real SQLite file in a temp folder, with a fixed clock and the office's document settings
 * filled in (`unfilledSettings: true` keeps the factory “××” defaults).
 */
export function testCore(opts: { today?: string; dir?: string; unfilledSettings?: boolean; commitChunkRows?: number } = {}): Core & { dir: string; dbPath: string } {
  const dir = opts.dir ?? tempDir();
  const dbPath = path.join(dir, 'test.db');
  const clock = { at: new Date(testNow(opts.today)), now: () => new Date(clock.at) };
  const core = createCore({ dbPath, shell: 'cli', clock, logger: silentLogger, actor: '测试员', commitChunkRows: opts.commitChunkRows });
  clocks.set(core, clock);
  if (!opts.unfilledSettings) fillDocumentSettings(core);
  return Object.assign(core, { dir, dbPath });
}

/** Each test core's clock, which only the test moves. */
const clocks = new WeakMap<Core, { at: Date }>();

/**
 * Moves a test core's clock to another instant (e.g. the day after an import): the core's own clock,
 * so the office's date moves everywhere with it, lx_today() inside SQL included.
 */
export function moveClock(core: Core, iso: string): void {
  const clock = clocks.get(core);
  if (!clock) throw new Error('moveClock: only a core made by testCore() has a clock the test can move');
  clock.at = fixedClock(iso).now();
}

/** Calls a channel and fails the test with the core's message if it errs. */
export async function must<C extends ChannelName>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = await core.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as ChannelOutput<C>;
}

export const FIXTURES = path.resolve(here, '../../../shared/fixtures');

/** An enterprise's case-file fields as the tests write them; `over` sets what a test is about. */
export const testOrgFields = (over: Partial<OrgFields> = {}): OrgFields => ({
  category: 'enterprise',
  name: '衡水恒泰机械有限公司',
  uscc: '91350100M000100Y43',
  industry: '制造业',
  street: '河东街道',
  park: null,
  address: null,
  legalRep: '王建国',
  phone: '13800000000',
  employees: 40,
  operatingStatus: '在营',
  notes: null,
  ...over,
});
/** No party organisation yet, with the reason the form asks for. */
export const NO_PARTY_ORG: PartyOrgFields = { built: false, notBuiltReason: '正在筹建' };
