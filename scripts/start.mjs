#!/usr/bin/env node
// `npm start`: the Electron app when its binary is present, otherwise the browser shell (and why).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const passthrough = process.argv.slice(2);

function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && fs.existsSync(p) ? { path: p } : { why: 'Electron 程序文件不存在' };
  } catch (e) {
    return { why: `未下载 Electron 程序文件（${String(e.message).split('\n')[0]}）` };
  }
}

const electron = electronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (electron.path && hasDisplay) {
  const build = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  spawn(electron.path, ['.', ...passthrough], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = electron.path ? '没有图形桌面（DISPLAY 未设置）' : electron.why;
  console.log(`无法启动桌面版：${why}。改为启动浏览器版，请在浏览器中打开下面的地址。`);
  spawn(npm, ['run', 'web', '--', ...passthrough], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
}
