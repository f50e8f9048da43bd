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
// The case file itself: the first organisation of the list, as a user opens it.
await s.page.locator('.el-menu-item', { hasText: '组织档案' }).click();
await s.page.waitForTimeout(800);
await s.page.locator('.el-table-v2__row').first().click();
await s.page.waitForTimeout(1200);
const detail = path.join(out, `${String(screens.length + 1).padStart(2, '0')}-档案详情.png`);
await s.page.screenshot({ path: detail });
console.log(`档案详情: ${path.relative(process.cwd(), detail)}`);
await s.close();
