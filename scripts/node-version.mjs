// The Node.js requirement has one home, package.json "engines"; this reads it and says in Chinese what falls short.
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const wanted = pkg.engines.node; // ">=22.12": what Electron, @electron/rebuild and @vueuse declare
const [wantMajor, wantMinor] = wanted.replace(/^>=\s*/, '').split('.').map(Number);
const [major, minor] = process.versions.node.split('.').map(Number);

/** Null when the running Node satisfies package.json, else one Chinese line saying what works and what to do. */
export function nodeShortfall() {
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return null;
  return `提示：当前 Node.js ${process.versions.node} 低于本项目要求的 ${wanted}（Electron 及其打包工具的要求）。浏览器版、命令行和测试仍可运行，但安装依赖时 npm 会报 EBADENGINE，打包不受支持；请升级到 Node.js 22 LTS。`;
}
