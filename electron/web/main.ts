import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import { startWebShell } from './server';

/** `npm run web [-- --db FILE] [--port N] [--no-open]`: the browser shell on 127.0.0.1. */
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const here = path.dirname(fileURLToPath(import.meta.url));
const core = createCore({ dbPath: opt('db'), shell: 'web' });
const shell = await startWebShell({
  core,
  rendererDir: opt('renderer') ?? path.resolve(here, '../../out/renderer'),
  port: opt('port') ? Number(opt('port')) : 0,
});
// The address with the token goes only to this terminal and the browser it opens: never into a page.
console.log(`两新档案（浏览器版）已启动，请在浏览器中打开（地址含本次运行的令牌，请勿转给他人）：\n  ${shell.openUrl}`);
const opener = args.includes('--no-open') ? null : openInBrowser(shell.openUrl);
console.log(`数据库：${core.ctx.paths.dbPath}`);
console.log('按 Ctrl+C 退出。');

const stop = async () => {
  await shell.close();
  core.close();
  if (opener) fs.rmSync(opener, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * Best effort: the desktop's default browser; the printed address works when there is none. As Jupyter does,
 * the browser is handed a private redirect file, not the address: a command line is visible to every user.
 * Returns the private folder to remove at exit.
 */
function openInBrowser(url: string): string | null {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-web-'));
  const file = path.join(dir, 'open.html');
  fs.writeFileSync(file, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${url}"><a href="${url}">打开两新档案</a>`, { mode: 0o600 });
  const [cmd, cmdArgs] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', file]] : process.platform === 'darwin' ? ['open', [file]] : ['xdg-open', [file]];
  const child = spawn(cmd, cmdArgs as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return dir;
}
