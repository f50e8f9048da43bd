import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { must, testCore } from './core';

export const SCREENSHOTS = path.resolve(here, '../../test-results');
// LX_RENDERER_DIR lets parallel work build the renderer elsewhere (npx vite build --config renderer/vite.config.ts --outDir DIR).
const RENDERER = process.env.LX_RENDERER_DIR ?? path.resolve(here, '../../out/renderer');

export interface ShellSession {
  core: ReturnType<typeof testCore>;
  shell: WebShell;
  browser: Browser;
  page: Page;
  /** Errors logged on the page's console since it loaded: Vue reports a component's setup failure there, not as a page error. */
  consoleErrors: string[];
  /**
   * A fresh page at a route of the app (e.g. '/census', default the start page) in a fresh browser context:
   * nothing a previous test did on its page (route, stores, open dialogs, unsaved forms) carries over.
   * Replaces `page`; the session's error listeners are on it before it loads.
   */
  open(route?: string): Promise<Page>;
  /** Saves test-results/<name>.png. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The browser shell on a fresh database, driven by Debian's Chromium. Needs `npm run build` first.
 * The operator is already named (测试员) and the office names filled in, so the page opens past the
 * first-start form, unless `firstStart` (a database as the office first gets it).
 */
/** A typical office laptop's screen. */
export const LAPTOP_SCREEN = { width: 1366, height: 768 };

export interface ShellOptions {
  today?: string;
  firstStart?: boolean;
  /** Every page's viewport; default 1440×900. */
  viewport?: { width: number; height: number };
  /** Load the sample data (示例数据) before the first page opens. */
  samples?: boolean;
  commitChunkRows?: number;
  /** A browser to open the pages in (kept open by close()); default, one launched for this shell. */
  browser?: Browser;
}

/** Debian's Chromium, headless. */
export const launchBrowser = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

export async function openShell(opts: ShellOptions = {}): Promise<ShellSession> {
  if (!fs.existsSync(path.join(RENDERER, 'index.html'))) throw new Error('界面未构建：先运行 npm run build');
  const core = testCore({ ...opts, unfilledSettings: opts.firstStart });
  if (!opts.firstStart) await must(core, 'settings.saveOperator', { name: '测试员' });
  if (opts.samples) await must(core, 'demo.load', {});
  const shell = await startWebShell({ core, rendererDir: RENDERER });
  const browser = opts.browser ?? (await launchBrowser());
  // Both listeners before each page loads: errors while the app starts count too.
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  const newPage = async (route?: string) => {
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(route ? `${shell.openUrl}#${route}` : shell.openUrl);
    return page;
  };
  const page = await newPage();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const session: ShellSession = {
    core,
    shell,
    browser,
    page,
    consoleErrors,
    async open(route) {
      const previous = session.page;
      session.page = await newPage(route);
      await previous.context().close();
      return session.page;
    },
    async shot(name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await session.page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async close() {
      if (opts.browser) await session.page.context().close();
      else await browser.close();
      await shell.close();
      core.close();
      fs.rmSync(core.dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`页面脚本错误：${errors.join('；')}`);
    },
  };
  return session;
}

