import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, onTestFinished } from 'vitest';
import { launchBrowser, openShell, type ShellOptions, type ShellSession } from './browser';
import { testCore } from './core';

type TestCore = ReturnType<typeof testCore>;

/** `open()` makes a fresh test core (testCore's options), closed and its folder removed after each test. */
export function coresClosedAfterEach(): (opts?: Parameters<typeof testCore>[0]) => TestCore {
  const cores: TestCore[] = [];
  afterEach(() => {
    for (const c of cores.splice(0)) {
      c.close();
      fs.rmSync(c.dir, { recursive: true, force: true });
    }
  });
  return (opts) => {
    const c = testCore(opts);
    cores.push(c);
    return c;
  };
}

/** A fresh core before each test, handed to `keep` (`let core; coreForEachTest((c) => (core = c));`), closed after it. */
export function coreForEachTest(keep: (core: TestCore) => void, opts?: Parameters<typeof testCore>[0]): void {
  const open = coresClosedAfterEach();
  beforeEach(() => keep(open(opts)));
}

/**
 * For a file whose tests each need a database of their own (counts over everything, global state): one browser
 * for the file, and before each test a fresh core and shell, handed to `setUp` (which keeps it and adds the
 * test's data), closed after the test.
 */
export function shellForEachTest(opts: Omit<ShellOptions, 'browser'>, setUp: (s: ShellSession) => Promise<void> | void): void {
  let browser: Browser | undefined;
  let current: ShellSession | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    current = await openShell({ ...opts, browser });
    await setUp(current);
  });
  afterEach(async () => {
    const s = current;
    current = undefined;
    await s?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/** A shell of the test's own (a fresh database), closed when the test ends; `browser` reuses the browser of a file's shell. */
export async function shellForThisTest(opts: ShellOptions = {}): Promise<ShellSession> {
  const own = await openShell(opts);
  onTestFinished(() => own.close());
  return own;
}

/**
 * A staged setup: runs the named steps in their order up to and including `stage`, so each test starts from
 * the stage it needs (on the fresh core the caller made first) whatever ran before it.
 */
export async function runStepsTo<S extends string>(steps: Record<S, () => Promise<unknown>>, stage: S): Promise<void> {
  for (const [name, step] of Object.entries(steps) as [S, () => Promise<unknown>][]) {
    await step();
    if (name === stage) return;
  }
}
