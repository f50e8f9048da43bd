/**
 * Regenerates the README screenshots: the browser shell on sample data, one PNG per main screen.
 * Needs `npm run build` first. Usage: npm run docs:screens
 */
import fs from 'node:fs';
import path from 'node:path';
import { openShell } from '../tests/helpers/browser';

const out = path.resolve('docs/screens');
fs.mkdirSync(out, { recursive: true });
const s = await openShell();
await s.core.invoke('demo.load', {});
await s.page.reload();
await s.page.waitForSelector('.el-menu-item');
// Every screen of the side menu, in its order.
const screens = await s.page.$$eval('.el-menu-item', (items) => items.map((i) => i.textContent?.trim() ?? ''));
for (const [i, title] of screens.entries()) {
  await s.page.locator('.el-menu-item').nth(i).click();
  await s.page.waitForTimeout(1200);
  const file = path.join(out, `${String(i + 1).padStart(2, '0')}-${title}.png`);
  await s.page.screenshot({ path: file });
  console.log(`${title}: ${path.relative(process.cwd(), file)}`);
}
await s.close();
