/**
 * The notice editor's two less common choices, each on its own shell: a 报告 with 签发人 under the
 * 红头, and a sealed notice (加盖印章). The downloaded .docx is opened and checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ShellSession } from '../helpers/browser';
import { shellForThisTest } from '../helpers/lifecycle';
import { TEST_DOCUMENT_SETTINGS, must } from '../helpers/core';
import { docxParts, paragraphs } from '../helpers/docxXml';

let s: ShellSession | null = null;

/** A fresh shell on 导出中心 → 通知/报告 with an empty editor. */
async function noticeEditor(): Promise<ShellSession> {
  s = await shellForThisTest();
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

describe('编辑器里的标题级别、主送和附件', () => {
  it('光标所在行点“一、”“（一）”“1.”设为标题（不必知道 # 号），主送和两个附件进入导出的 Word', async () => {
    const { page } = await noticeEditor();
    await field(s!, 'notice-title').fill('关于开展两新组织党建工作集中排查的通知');
    await field(s!, 'notice-recipient').fill('各街道两新组织党委');
    const body = field(s!, 'notice-body');
    await body.fill(['现将有关事项通知如下。', '排查范围', '辖区内全部两新组织。', '组织覆盖情况', '逐一核实党组织情况。', '1. 指导员选派。核实指导员是否在岗。'].join('\n'));
    // The cursor goes to a line as a clerk puts it there: click into the text, then the arrow keys.
    await body.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.click('[data-test=notice-level-2]');
    await page.click('[data-test=notice-level-1]'); // another level converts the line, it does not stack marks
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.click('[data-test=notice-level-2]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.click('[data-test=notice-level-3]'); // the typed “1. ” is replaced, not doubled
    await page.keyboard.press('ArrowUp');
    await page.click('[data-test=notice-level-4]');
    await page.click('[data-test=notice-level-0]'); // and back to a body paragraph
    expect(await body.inputValue()).toBe(
      ['现将有关事项通知如下。', '# 排查范围', '辖区内全部两新组织。', '## 组织覆盖情况', '逐一核实党组织情况。', '### 指导员选派。核实指导员是否在岗。'].join('\n'),
    );

    for (const name of ['两新组织党建工作排查登记表', '未建党组织的组织名单']) {
      await page.getByRole('button', { name: '添加附件' }).click();
      await page.locator('.attachment input').last().fill(name);
    }
    await s!.shot('notice-editor-levels');
    const texts = (await exportedParagraphs(s!)).map((p) => p.text);
    expect(texts).toContain('各街道两新组织党委：');
    const first = texts.indexOf('一、排查范围');
    expect(first).toBeGreaterThan(texts.indexOf('各街道两新组织党委：'));
    expect(texts.indexOf('（一）组织覆盖情况')).toBeGreaterThan(first);
    expect(texts.find((t) => t.startsWith('1.') && t.includes('指导员选派。'))).toBeTruthy();
    expect(texts.join('\n')).not.toContain('#');
    // 附件说明 under the body: “附件：1. 名称”, the second name numbered 2. under the first.
    const note = texts.indexOf('附件：1. 两新组织党建工作排查登记表');
    expect(note).toBeGreaterThan(0);
    expect(texts[note + 1]).toBe('2. 未建党组织的组织名单');
    // Each attachment on its own page: “附件1”/“附件2” and its name as the title.
    expect(texts).toEqual(expect.arrayContaining(['附件1', '附件2', '未建党组织的组织名单']));
    expect(s!.consoleErrors).toEqual([]);
  });
});
