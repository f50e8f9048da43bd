/**
 * The census preview's count tiles and its tabs count the same rows, and the note above them says what an
 * import would do now: a file imported before is not offered again when nothing would change.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ShellSession } from '../helpers/browser';
import { FIXTURES, must } from '../helpers/core';
import { shellForThisTest } from '../helpers/lifecycle';

const FILE = path.join(FIXTURES, 'census', 'taocheng-2026-moupai.xlsx');

/** The tiles as 名称 → 数目. */
async function tiles(session: ShellSession): Promise<Record<string, number>> {
  const texts = await session.page.locator('[data-test=census-counts] .census-tile').allInnerTexts();
  return Object.fromEntries(texts.map((t) => t.trim().split(/\s+/)).map(([n, label]) => [label, Number(n.replace(/,/g, ''))]));
}
/** The tabs as 名称 → 数目 (“新增 56” → 新增: 56). */
async function tabs(session: ShellSession): Promise<Record<string, number>> {
  const texts = await session.page.locator('.census-page .el-tabs__item').allInnerTexts();
  return Object.fromEntries(texts.map((t) => /^(.*\S)\s+(\d+)$/.exec(t.trim())!).map((m) => [m[1], Number(m[2])]));
}
async function previewFile(session: ShellSession) {
  await session.page.setInputFiles('[data-test=census-file]', FILE);
  await session.page.locator('[data-test=census-counts]').waitFor();
}
const commitButton = (session: ShellSession) => session.page.locator('[data-test=census-commit]');

describe('摸排预览的数目', () => {
  it('卡片与标签页数目相同：新增组织 = 新增，有警告的新组织只算在“有警告”里', async () => {
    const s = await shellForThisTest({ today: '2026-11-22' });
    await s.page.click('.el-menu-item:has-text("年度摸排")');
    await previewFile(s);
    const t = await tiles(s);
    const tab = await tabs(s);
    expect(t['新增组织']).toBe(tab['新增']);
    expect(t['有变化']).toBe(tab['有变化']);
    expect(t['未变']).toBe(tab['未变']);
    expect(t['有警告']).toBe(tab['有警告']);
    expect(t['不能导入']).toBe(tab['不能导入']);
    // Every data row in one group: 可直接导入 is 新增 + 有变化 + 未变.
    expect(t['可直接导入']).toBe(t['新增组织'] + t['有变化'] + t['未变']);
    expect(t['新增组织']).toBe(56);
    expect(t['有警告']).toBe(2);
    await s.shot('census-counts-tiles-tabs');
  });

  it('导入过的文件再选一次：与档案一致时说“不需要再导入”，不再提供“导入 N 行”；档案改过后说明会写入哪几行', async () => {
    const s = await shellForThisTest({ today: '2026-11-22' });
    const { page } = s;
    await page.click('.el-menu-item:has-text("年度摸排")');
    await previewFile(s);
    expect(await page.locator('[data-test=census-write-note]').count()).toBe(0); // a first import needs no note
    await page.click('[data-test=census-accept-warnings]');
    await expect.poll(() => commitButton(s).innerText()).toBe('导入 58 行');
    await commitButton(s).click();
    await page.locator('.el-message-box__btns button:has-text("导入")').click();
    await expect.poll(() => page.locator('[data-test=census-result]').innerText()).toContain('已导入 58 行');

    // The same file again: nothing would change, so nothing is offered.
    await previewFile(s);
    const note = page.locator('[data-test=census-write-note]');
    await expect.poll(() => note.innerText()).toContain('内容与档案一致，不需要再导入');
    expect(await note.innerText()).toContain('导入过（批次 #1）');
    expect(await note.innerText()).not.toContain('再次导入将');
    await page.click('[data-test=census-accept-warnings]');
    expect(await commitButton(s).innerText()).toBe('无需导入');
    expect(await commitButton(s).isDisabled()).toBe(true);
    await s.shot('census-again-same');

    // A case file edited since: the note says the import would write that one row back, and offers it.
    const { rows } = await must(s.core, 'orgs.list', { limit: 1 });
    const org = await must(s.core, 'orgs.get', { id: rows[0].id });
    await must(s.core, 'orgs.save', { id: org.id, org: { ...org.org, employees: (org.org.employees ?? 0) + 7 }, partyOrg: org.partyOrg });
    await previewFile(s);
    await expect.poll(() => note.innerText()).toContain('档案与文件仍有 1 行不同，再次导入将更新 1 个');
    expect(await note.innerText()).toContain('不会重复写入');
    expect(await commitButton(s).isDisabled()).toBe(false);
    expect(await commitButton(s).innerText()).toMatch(/^导入 \d+ 行$/);
    await s.shot('census-again-edited');
    expect(s.consoleErrors).toEqual([]);
  });
});
