/**
 * Smoke test of a PACKAGED build (not run in CI: packaging needs the internet). See the README (发布：制作安装程序).
 *
 *   npx tsx tests/release/smoke.electron.ts <path to the unpacked app's executable>
 *
 * e.g. release/linux-unpacked/liangxin-dangan or release/win-unpacked/两新档案.exe. Playwright's
 * _electron attaches through the Node inspector, which the release fuses switch off: run this against
 * the smoke build described in the README (发布：制作安装程序) (same package, fuse enableNodeCliInspectArguments on),
 * and check the release build's fuses with `npx @electron/fuses read --app <executable>`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { generateCensusFile } from '../../electron/core/census/generate';

const executable = process.argv[2];
if (!executable || !fs.existsSync(executable)) {
  console.error('用法：npx tsx tests/release/smoke.electron.ts <已打包程序的可执行文件>');
  process.exit(2);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-smoke-'));
const step = (msg: string) => console.log(`✓ ${msg}`);

const app = await electron.launch({ executablePath: executable, env: { ...process.env, LX_DATA_DIR: dataDir }, timeout: 60_000 });
try {
  const page = await app.firstWindow();
  await page.waitForSelector('.el-menu', { timeout: 30_000 });
  step(`窗口已打开：${await page.title()}`);

  // 1. Window security settings, seen from the main process and from the page.
  const main = await app.evaluate(({ app: electronApp, BrowserWindow }) => ({
    url: BrowserWindow.getAllWindows()[0].webContents.getURL(),
    noSandbox: electronApp.commandLine.hasSwitch('no-sandbox'),
  }));
  assert.match(main.url, /^app:\/\/renderer\//, '页面应从 app:// 协议加载');
  assert.equal(main.noSandbox, false, '不应以 --no-sandbox 运行');
  const page_ = await page.evaluate(`({ require: typeof require, process: typeof process, api: typeof window.lxApi, keys: Object.keys(window.lxApi) })`);
  assert.deepEqual(page_, { require: 'undefined', process: 'undefined', api: 'object', keys: ['channels', 'on', 'saveFile', 'saveToFolder'] });
  const opened = await page.evaluate(`window.open('https://example.com') === null`);
  assert.equal(opened, true, '不应允许打开新窗口');
  const navigated = await page.evaluate(`(location.href = 'https://example.com', new Promise((r) => setTimeout(() => r(location.protocol), 1000)))`);
  assert.equal(navigated, 'app:', '不应允许离开 app:// 页面');
  step('窗口安全设置正确（上下文隔离、页面无 Node、只暴露 lxApi、仅 app:// 页面、禁止新窗口和跳转）');

  // 2. The database opens (native module loaded from app.asar.unpacked) and takes data.
  const call = (channel: string, input: unknown = {}) => page.evaluate(`window.lxApi.channels[${JSON.stringify(channel)}](${JSON.stringify(input)})`) as Promise<{ ok: boolean; data?: any; error?: { message: string } }>;
  const info = await call('app.info');
  assert.ok(info.ok, `app.info 失败：${info.error?.message}`);
  assert.equal(info.data.dbPath, path.join(dataDir, 'liangxin.db'));
  const status = await call('safety.status');
  assert.equal(status.data.state, 'open');
  const demo = await call('demo.load');
  assert.ok(demo.ok && demo.data.organizations > 100, `示例数据载入失败：${demo.error?.message}`);
  step(`数据库已打开：${info.data.dbPath}，数据库版本 ${info.data.schemaVersion}，载入 ${demo.data.organizations} 个示例组织`);

  // 3. One export: the audit log as .xlsx, and a backup file.
  const xlsx = await call('audit.export', {});
  assert.ok(xlsx.ok, `导出失败：${xlsx.error?.message}`);
  const bytes = Buffer.from(xlsx.data.base64, 'base64');
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', '导出的应是 .xlsx（zip）');
  const backup = await call('safety.backupNow');
  assert.ok(backup.ok && backup.data.size > 0, `备份失败：${backup.error?.message}`);
  step(`导出审计日志 ${bytes.length} 字节；备份 ${backup.data.fileName}`);

  // 4. A census file read in the parse worker — its code and SheetJS load from inside app.asar — and a Word export.
  const census = generateCensusFile({ rows: 500, format: 'xlsx', seed: 1 });
  const preview = await call('census.preview', { file: { name: census.fileName, base64: Buffer.from(census.bytes).toString('base64') }, year: 2026 });
  assert.ok(preview.ok, `摸排表预览失败（读取子线程）：${preview.error?.message}`);
  assert.equal(preview.data.counts.dataRows, 500);
  // Exports are refused while the document settings hold the “××” defaults: the office fills them first.
  const settings = await call('export.getSettings', {});
  const filled = await call('export.saveSettings', { ...settings.data, issuerName: '中共桃城区两新组织工作委员会', issuerMark: '中共桃城区两新工委文件', docNumberPrefix: '桃两新', printer: '中共桃城区两新组织工作委员会办公室', signature: '中共桃城区两新组织工作委员会' });
  assert.ok(filled.ok, `公文设置保存失败：${filled.error?.message}`);
  const word = await call('export.document', { request: { kind: 'ledger', filter: {} } });
  assert.ok(word.ok, `Word 导出失败：${word.error?.message}`);
  assert.equal(Buffer.from(word.data.file.base64, 'base64').subarray(0, 2).toString('latin1'), 'PK', '导出的应是 .docx（zip）');
  step(`摸排表预览 ${preview.data.counts.dataRows} 行（读取子线程）；导出台账 ${word.data.count} 项`);

  await page.screenshot({ path: path.join(dataDir, 'smoke.png') });
  step(`截图：${path.join(dataDir, 'smoke.png')}`);
} finally {
  await app.close();
}
console.log('冒烟测试通过');
