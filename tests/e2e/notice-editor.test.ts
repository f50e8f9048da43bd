/**
 * The notice editor's two less common choices, each on its own shell: a 报告 with 签发人 under the
 * 红头, and a sealed notice (加盖印章). The downloaded .docx is opened and checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openShell, type ShellSession } from '../helpers/browser';
import { TEST_DOCUMENT_SETTINGS, must } from '../helpers/core';
import { docxParts, paragraphs } from '../helpers/docxXml';

let s: ShellSession | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

/** A fresh shell on 导出中心 → 通知/报告 with an empty editor. */
async function noticeEditor(): Promise<ShellSession> {
  s = await openShell();
  await s.page.locator('.el-menu-item', { hasText: '导出中心' }).click();
  await s.page.click('[data-test=doc-notice]');
  await s.page.locator('[data-test=notice-title]').first().waitFor();
  return s;
}
const field = (session: ShellSession, testId: string) =>
  session.page.locator(`input[data-test="${testId}"], textarea[data-test="${testId}"], [data-test="${testId}"] input, [data-test="${testId}"] textarea`).first();

async function exportedParagraphs(session: ShellSession) {
  const [d] = await Promise.all([session.page.waitForEvent('download'), session.page.click('[data-test=export-docx]')]);
  const file = path.join(session.core.dir, d.suggestedFilename());
  await d.saveAs(file);
  return paragraphs(docxParts(fs.readFileSync(file)).document);
}

describe('编辑器里的签发人', () => {
  it('报告加红头后出现“签发人”：姓名排在发文字号右侧；通知填了签发人会说明为什么不行', async () => {
    const { page } = await noticeEditor();
    await field(s!, 'notice-title').fill('关于两新组织党建工作情况的报告');
    await field(s!, 'notice-recipient').fill('区委组织部');
    await field(s!, 'notice-body').fill('现将有关情况报告如下。\n# 基本情况\n全区两新组织党组织覆盖率稳步提高。');
    expect(await page.locator('[data-test=notice-signers]').count()).toBe(0); // only for a 报告/请示 with the 红头
    await page.click('[data-test=notice-header]');
    await field(s!, 'notice-signers').fill('张建国、李振华');
    await s!.shot('notice-editor-signers');
    const ps = await exportedParagraphs(s!);
    const prefix = TEST_DOCUMENT_SETTINGS.docNumberPrefix;
    expect(ps.map((p) => p.text)).toContain(`${prefix}〔2026〕1号签发人：张建国　李振华`);
    expect((await must(s!.core, 'export.getSettings', {})).nextDocNumber).toBe(2);

    // The same names under a 通知's title: the field says why, and nothing is exported.
    await field(s!, 'notice-title').fill('关于两新组织党建工作情况的通知');
    await expect.poll(() => page.locator('.el-form-item', { has: page.locator('[data-test=notice-signers]') }).innerText()).toContain('签发人只用于上行文');
    expect(s!.consoleErrors).toEqual([]);
  });
});

describe('编辑器里的加盖印章', () => {
  it('勾选“加盖印章”后提示留出盖章位置；导出的署名居中于日期之上', async () => {
    const { page } = await noticeEditor();
    await field(s!, 'notice-title').fill('关于开展两新组织党建工作集中排查的通知');
    await field(s!, 'notice-recipient').fill('各街道两新组织党委');
    await field(s!, 'notice-body').fill('请各单位按要求开展排查。');
    await page.click('[data-test=notice-sealed]');
    expect(await page.locator('.sealed-hint').innerText()).toContain('留出盖章位置');
    await s!.shot('notice-editor-sealed');
    const ps = await exportedParagraphs(s!);
    const texts = ps.map((p) => p.text);
    const signature = texts.indexOf(TEST_DOCUMENT_SETTINGS.signature);
    expect(signature).toBeGreaterThan(0);
    expect(texts[signature + 1]).toBe('2026年11月22日');
    for (const p of [ps[signature], ps[signature + 1]]) expect(p.pPr).toContain('<w:jc w:val="center"/>');
    // Two blank lines between the body and the 署名 leave room for the seal.
    expect(texts.slice(signature - 2, signature)).toEqual(['', '']);
    expect(s!.consoleErrors).toEqual([]);
  });
});
