import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import { startWebShell } from './server';

/** `npm run web [-- --db FILE] [--port N]`: the browser shell on 127.0.0.1. */
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
console.log(`两新档案（浏览器版）已启动：${shell.url}`);
console.log(`数据库：${core.ctx.paths.dbPath}`);
console.log('按 Ctrl+C 退出。');

const stop = async () => {
  await shell.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
