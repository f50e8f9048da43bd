#!/usr/bin/env node
// Checks the Debian packages the tests need and says exactly what to install when one is missing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const fontsHave = (name) => {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).includes(name);
  } catch {
    return false;
  }
};

const checks = [
  ['chromium', () => fs.existsSync('/usr/bin/chromium'), '端到端测试用的浏览器 /usr/bin/chromium'],
  ['libreoffice-writer', () => has('soffice'), '把导出的 .docx 渲染成 PDF（soffice）'],
  ['poppler-utils', () => has('pdftotext') && has('pdftoppm'), '测量 PDF（pdftotext、pdftoppm）'],
  ['fonts-noto-cjk', () => fontsHave('Noto Serif CJK SC'), '小标宋/宋体的替代字体'],
  ['fonts-arphic-gbsn00lp', () => fontsHave('AR PL SungtiL GB'), '仿宋_GB2312 的替代字体'],
  ['fonts-arphic-gkai00mp', () => fontsHave('AR PL KaitiM GB'), '楷体_GB2312 的替代字体'],
];
const missing = checks.filter(([, ok]) => !ok());
if (missing.length) {
  console.error('测试所需的系统软件包缺失：');
  for (const [pkg, , why] of missing) console.error(`  - ${pkg}：${why}`);
  console.error(`\n请先安装：sudo apt-get install -y ${missing.map(([p]) => p).join(' ')}`);
  console.error('（完整列表见 README“运行测试”一节。）');
  process.exit(1);
}
if (!process.argv.includes('--quiet')) console.log('系统软件包检查通过：' + checks.map(([p]) => p).join('、'));
