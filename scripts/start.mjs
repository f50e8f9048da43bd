#!/usr/bin/env node
// `npm start`: the Electron app when its binary is present, otherwise the browser shell (and why, in one line).
// The renderer is rebuilt only when a source is newer than the last build, so a second start is quick.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeShortfall } from './node-version.mjs';
import { WEB_BUNDLE, buildCliBundle, cliBundleFresh } from './cli-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const passthrough = process.argv.slice(2);

const shortfall = nodeShortfall();
if (shortfall) console.log(shortfall);

/** The Electron binary electron's own package points at; never downloads (electron's install step does that). */
function electronBinary() {
  try {
    const file = path.join(root, 'node_modules', 'electron', 'path.txt');
    const exe = path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(file, 'utf8').trim());
    return fs.existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/** Newest modification time under the given sources (folders walked, node_modules and out skipped). */
function newest(paths) {
  let t = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== 'node_modules' && e !== 'out' && !e.startsWith('.')) visit(path.join(p, e));
    } else t = Math.max(t, st.mtimeMs);
  };
  for (const p of paths) visit(path.join(root, p));
  return t;
}

/** Builds (electron-vite: main, preload and renderer) unless out/ is newer than every source it is built from. */
function buildIfChanged() {
  const built = (f) => {
    try {
      return fs.statSync(path.join(root, 'out', f)).mtimeMs;
    } catch {
      return 0;
    }
  };
  const oldest = Math.min(built('renderer/index.html'), built('main/index.js'), built('preload/index.cjs') || built('preload/index.js'));
  if (oldest > newest(['renderer', 'shared', 'electron', 'package.json', 'electron.vite.config.ts', 'tsconfig.json'])) return;
  console.log('源代码有改动，正在重新构建界面（约一分钟）…');
  // Quiet unless it fails: the builder's own output is for developers.
  const r = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    console.error('构建失败，见上面的输出。');
    process.exit(r.status ?? 1);
  }
}

const electron = electronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
buildIfChanged();
if (electron && hasDisplay) {
  spawn(electron, ['.', ...passthrough], { cwd: root, stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = electron
    ? '这台电脑没有图形桌面（DISPLAY 未设置）'
    : '本机未安装 Electron 桌面程序（node_modules/electron 里没有程序文件）';
  console.log(`${why}，现在启动浏览器版；要用桌面版，请使用安装程序，或在能上网的电脑上运行 npm install 后再 npm start。`);
  // The bundled shell starts in about a second; tsx would compile the core on every start.
  if (!cliBundleFresh()) await buildCliBundle();
  spawn(process.execPath, [WEB_BUNDLE, '--renderer', path.join(root, 'out', 'renderer'), ...passthrough], { cwd: root, stdio: 'inherit' }).on('exit', (code) =>
    process.exit(code ?? 0),
  );
}
