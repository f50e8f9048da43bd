import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { generateCensusFile } from '../../electron/core/census/generate';
import type { JobProgress } from '../../shared/contract';
import { openShell, type ShellOptions, type ShellSession } from '../helpers/browser';
import { shellForThisTest } from '../helpers/lifecycle';
import { FIXTURES, moveClock, must, tempDir } from '../helpers/core';

let s: ShellSession;
let page: Page;
const dir = tempDir('lx-census-e2e-');

// One shell for the file; each test opens its own page at 年度摸排 and brings its own data. A test whose counts
// depend on everything in the database has a database (and shell) of its own.
beforeAll(async () => {
  s = await openShell({ today: '2026-11-22' });
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A shell of the test's own on an empty database, at 年度摸排. */
async function ownShell(opts: Omit<ShellOptions, 'browser'> = {}): Promise<ShellSession> {
  const own = await shellForThisTest({ browser: s.browser, today: '2026-11-22', ...opts });
  page = await own.open('/census');
  await page.locator('.census-page').waitFor();
  return own;
}
const openCensus = async () => {
  page = await s.open('/census');
  await page.locator('.census-page').waitFor();
};

const tiles = () => page.locator('[data-test=census-counts] .census-tile').allInnerTexts();
const confirm = (button: string) => page.locator(`.el-message-box__btns button:has-text("${button}")`).click();

describe('年度摸排导入界面', () => {
  it('选择文件，看到逐行检查结果与和档案的差异，接受警告后导入，再整批撤销', async () => {
    // The counts (新增, 库中有、文件中无, the list after the undo) are of the whole database: one of its own.
    const own = await ownShell();
    // Already on file under the same code, with an older name: the preview must show the rename as a change.
    await must(own.core, 'orgs.save', {
      org: { category: 'enterprise', name: '衡水中科物流有限公司', uscc: '91131102YK306XJR0K', street: '邓庄镇', employees: 2, operatingStatus: '在营' },
      partyOrg: { built: false },
    });
    await page.setInputFiles('[data-test=census-file]', path.join(FIXTURES, 'census', 'taocheng-2026-moupai.xlsx'));
    await page.locator('[data-test=census-counts]').waitFor();
    const t = (await tiles()).map((x) => x.replace(/\s+/g, ' '));
    expect(t).toEqual(['60 数据行', '56 可直接导入', '2 有警告', '2 不能导入', '55 新增组织', '1 有变化', '0 未变', '0 库中有、文件中无']);
    // Rejected rows with the file's own row numbers, column and reason.
    const rejected = page.locator('[data-test=census-rows-reject]');
    await expect.poll(() => rejected.innerText()).toContain('名称为空');
    expect(await rejected.innerText()).toContain('64');
    expect(await rejected.innerText()).toContain('与第 12 行');
    await own.shot('census-preview-rejected');
    // The rename under the same code, field by field.
    await page.click('.el-tabs__item:has-text("有变化")');
    const changed = page.locator('[data-test=census-rows-changed]');
    await expect.poll(() => changed.innerText()).toContain('衡水中科物流股份有限公司');
    expect(await changed.innerText()).toContain('名称变更，请确认是同一组织');
    await own.shot('census-preview-changed');

    // Problem rows go back to the street office as a spreadsheet.
    const [problems] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("导出问题行")')]);
    expect(problems.suggestedFilename()).toBe('taocheng-2026-moupai-问题行.xlsx');
    const wb = XLSX.read(fs.readFileSync(await problems.path()));
    expect(XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]]).map((r) => r['原表行号'])).toEqual([18, 44, 54, 64]);

    await page.click('.el-tabs__item:has-text("有警告")');
    expect(await page.locator('[data-test=census-rows-warn]').innerText()).toContain('校验位');
    await page.click('[data-test=census-accept-warnings]');
    await expect.poll(() => page.locator('[data-test=census-commit]').innerText()).toContain('导入 58 行');
    await page.click('[data-test=census-commit]');
    await confirm('导入');
    await expect.poll(() => page.locator('[data-test=census-result]').innerText()).toContain('已导入 58 行');
    await expect.poll(() => page.locator('[data-test=census-batches]').innerText()).toContain('taocheng-2026-moupai.xlsx');
    const org = await must(own.core, 'orgs.get', { uscc: '91131102YK306XJR0K' });
    expect(org.org.name).toBe('衡水中科物流股份有限公司');
    await page.waitForTimeout(400); // the confirmation box fades out
    await own.shot('census-committed');

    await page.click('[data-test=undo-1]');
    await expect.poll(() => page.locator('[data-test=undo-plan]').innerText()).toContain('删除本批新增的 57 个组织');
    await page.click('[data-test=undo-confirm]');
    await expect.poll(() => page.locator('[data-test=census-batches]').innerText()).toContain('已撤销');
    expect((await must(own.core, 'orgs.get', { uscc: '91131102YK306XJR0K' })).org.name).toBe('衡水中科物流有限公司');
    expect((await must(own.core, 'orgs.list', { offset: 0, limit: 10 })).total).toBe(1);
  });

  it('撤销批次逐项进行：导入后改过又改回的数据照常撤销；导入后改过的数据列出来，由用户选择保留现值或恢复导入前', async () => {
    const code = '91131102UNDQ20271Q';
    onTestFinished(() => moveClock(s.core, '2026-11-22T09:00:00+08:00'));
    const sheet = (employees: number) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['企业名称', '统一社会信用代码', '所在街道', '从业人员数', '正式党员数', '是否建立党组织'], ['撤销测试公司', code, '河西街道', employees, 0, '否']]), 'S');
      return { name: '撤销测试.xlsx', base64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })).toString('base64') };
    };
    const { id } = await must(s.core, 'orgs.save', {
      org: { category: 'enterprise', name: '撤销测试公司', uscc: code, street: '河东街道', employees: 10, operatingStatus: '在营' },
      partyOrg: { built: false },
    });
    const importAndEdit = async (edits: number[]) => {
      moveClock(s.core, '2026-11-22T09:00:00+08:00');
      const p = await must(s.core, 'census.preview', { file: sheet(12), year: 2027 });
      const batch = (await must(s.core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] })).batch!;
      // Edited by hand the next day, as in the 组织档案 form.
      moveClock(s.core, '2026-11-23T10:00:00+08:00');
      for (const employees of edits) {
        const d = await must(s.core, 'orgs.get', { id });
        await must(s.core, 'orgs.save', { id, org: { ...d.org, employees }, partyOrg: d.partyOrg, acceptWarnings: true });
      }
      await openCensus(); // the batch list is read when the page opens
      await page.click(`[data-test=undo-${batch.id}]`);
      return batch;
    };
    const employees = async () => (await must(s.core, 'orgs.get', { id })).org;

    // Changed to 15, then back to what the file said: no conflict, the undo runs as for an untouched batch.
    await importAndEdit([15, 12]);
    await expect.poll(() => page.locator('[data-test=undo-plan]').innerText()).toContain('不需要逐项选择');
    await page.click('[data-test=undo-confirm]');
    await expect.poll(employees).toMatchObject({ employees: 10, street: '河东街道' });

    // Changed to 15 and left so: listed with all three values; the user takes the old value back.
    await importAndEdit([15]);
    const conflicts = () => page.locator('[data-test=undo-conflicts]'); // on the page importAndEdit opened
    await expect.poll(() => conflicts().innerText()).toContain('撤销测试公司');
    expect((await conflicts().locator('.el-table__body tr').allInnerTexts()).map((r) => r.split(/\s+/).slice(0, 5))).toEqual([['撤销测试公司', '从业人员数', '10', '12', '15']]);
    expect(await page.locator('[data-test=undo-plan]').innerText()).toContain('1 处在导入后又被修改过');
    await s.shot('census-undo-conflicts');
    await page.locator('[data-test="undo-choice-从业人员数"] label:has-text("恢复导入前")').click();
    await page.click('[data-test=undo-confirm]');
    await expect.poll(employees).toMatchObject({ employees: 10, street: '河东街道' });

    // Again, keeping the later value: the street goes back, the 15 stays.
    await importAndEdit([15]);
    await expect.poll(() => conflicts().innerText()).toContain('撤销测试公司');
    await page.click('[data-test=undo-confirm]');
    await expect.poll(employees).toMatchObject({ employees: 15, street: '河东街道' });
  });

  it('导出空白摸排表模板，读回来表头可被识别', async () => {
    await openCensus();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("空白摸排表模板")')]);
    expect(dl.suggestedFilename()).toMatch(/^\d{4}年度摸排表（空白模板）\.xlsx$/);
    await page.setInputFiles('[data-test=census-file]', await dl.path());
    await expect.poll(() => page.locator('[data-test=census-mapping]').innerText()).toContain('已对应 19 项');
  });

  it('文件里有认不出的列时，由用户指定对应关系后再预览', async () => {
    const aoa = [['户名', '统一社会信用代码', '所在街道', '从业人员数', '正式党员数', '是否建立党组织'], ['衡水新户名科技有限公司', '91131102MMD8GA3B54', '河东街道', 12, 4, '是']];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '摸排表');
    const file = path.join(dir, '新街道2026.xlsx');
    await openCensus();
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    await page.setInputFiles('[data-test=census-file]', file);
    await expect.poll(() => page.locator('[data-test=file-issue-MISSING_COLUMN]').innerText()).toContain('缺少列：企业（社会组织）名称');
    await s.shot('census-mapping-missing');
    await page.click('[data-test=map-col-0] .el-select__wrapper');
    await page.locator('.el-select-dropdown__item:visible:has-text("企业（社会组织）名称")').click();
    await expect.poll(async () => (await tiles())[1]?.replace(/\s+/g, ' ')).toBe('1 可直接导入');
    expect(await page.locator('[data-test=census-mapping]').innerText()).toContain('已按您的修改');
    await page.click('.el-tabs__item:has-text("新增")');
    await expect.poll(() => page.locator('[data-test=census-rows-new]').innerText()).toContain('衡水新户名科技有限公司');
    await page.click('[data-test=census-commit]');
    await confirm('导入');
    await expect.poll(() => page.locator('[data-test=census-result]').innerText()).toContain('新增 1 个组织');
  });

  it('真实文件：缺少街道列只说一次，可为整份文件填写街道；国有、集体单独列出；每列的对应理由和吻合度；待确认的对应由用户确认', async () => {
    await openCensus();
    await page.setInputFiles('[data-test=census-file]', path.join(FIXTURES, 'real', 'r02-registry-heilongjiang-1999.csv'));
    const issues = page.locator('[data-test=census-file-issues]');
    await expect.poll(() => issues.innerText()).toContain('缺少列：所在街道（乡镇）');
    expect(await page.locator('[data-test=census-file-issues] .el-alert').count()).toBe(1);
    const t = (await tiles()).map((x) => x.replace(/\s+/g, ' '));
    expect(t).toContain('1,951 待补列或补值');
    expect(t).toContain('0 不能导入');
    await s.shot('census-real-missing-street');
    await page.fill('[data-test=issue-fix-street]', '河东街道');
    await page.click('[data-test=issue-fix-apply-street]');
    await expect.poll(() => page.locator('[data-test=fixed-street]').innerText()).toContain('所在街道（乡镇） = 河东街道');
    await expect.poll(() => page.locator('[data-test=census-file-issues]').count()).toBe(0);
    await expect.poll(async () => (await tiles()).map((x) => x.replace(/\s+/g, ' '))).toContain('45 不属于两新组织');
    await page.click('.el-tabs__item:has-text("不属于两新组织")');
    await expect.poll(() => page.locator('[data-test=census-rows-scope]').innerText()).toContain('集体企业');
    await expect.poll(() => page.locator('[data-test=census-commit]').innerText()).toContain('导入 1906 行');
    await page.click('[data-test=census-include-scope]');
    await expect.poll(() => page.locator('[data-test=census-commit]').innerText()).toContain('导入 1951 行');
    // Why each column was chosen, and how well its values fit.
    await page.click('[data-test=mapping-toggle]');
    expect(await page.locator('[data-test=map-col-1]').innerText()).toContain('列名即“统一社会信用代码”');
    expect(await page.locator('[data-test=fit-1]').innerText()).toContain('值吻合 100%');
    expect(await page.locator('[data-test=map-col-8] .el-select').innerText()).toContain('（不导入）'); // 地区: cities
    await s.shot('census-real-street-set');

    // A 党组织书记 column holding dates: asked, never applied silently; 确认 applies it.
    const aoa = [['企业名称', '统一社会信用代码', '所在街道', '党组织书记'], ...['91131102MMD8GA3B54', '91131102HLPPM40L1G', '91131102GEGJQQCE8U'].map((c, i) => [`衡水待确认${i}有限公司`, c, '河东街道', `2016-04-2${i}`])];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '摸排表');
    const file = path.join(dir, '待确认2026.xlsx');
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    await page.setInputFiles('[data-test=census-file]', file);
    await expect.poll(() => page.locator('[data-test=census-doubts]').innerText()).toContain('可能是“党组织书记”');
    expect(await page.locator('[data-test=file-issue-DOUBTFUL_MAPPING]').innerText()).toContain('列对应待确认');
    expect(await page.locator('[data-test=map-col-3] .el-select').innerText()).toContain('（不导入）');
    await s.shot('census-doubtful-mapping');
    await page.click('[data-test=confirm-D]');
    await expect.poll(() => page.locator('[data-test=map-col-3] .el-select').innerText()).toContain('党组织书记');
    await expect.poll(() => page.locator('[data-test=census-doubts]').count()).toBe(0);
  });

  it('年度对比列出新增、消失、新建党组织、党员增减', async () => {
    const sheet = (rows: (string | number)[][]) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['企业名称', '统一社会信用代码', '所在街道', '从业人员数', '正式党员数', '是否建立党组织', '党组织类型'], ...rows]), 'S');
      return { name: 'y.xlsx', base64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })).toString('base64') };
    };
    const years: [number, (string | number)[][]][] = [
      [2024, [['对比甲公司', '91131102HLPPM40L1G', '河东街道', 10, 2, '否', ''], ['对比乙协会', '51131102AFG2TGAG5P', '河西街道', 30, 9, '是', '党支部']]],
      [2025, [['对比甲公司', '91131102HLPPM40L1G', '河东街道', 10, 4, '是', '党支部'], ['对比丙公司', '91131102GEGJQQCE8U', '河西街道', 8, 0, '否', '']]],
    ];
    for (const [year, rows] of years) {
      const p = await must(s.core, 'census.preview', { file: sheet(rows), year });
      await must(s.core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    }
    await openCensus();
    await page.click('button:has-text("年度对比")');
    await page.locator('[data-test=compare-from]').waitFor();
    await page.evaluate(() => (location.hash = '#/census/compare?from=2024&to=2025'));
    await expect.poll(() => page.locator('[data-test=compare-from]').innerText()).toContain('2024');
    const table = page.locator('[data-test=compare-table]');
    await expect.poll(() => table.innerText()).toContain('对比丙公司');
    const text = await table.innerText();
    for (const word of ['新增', '消失', '新建党组织', '党员增加', '对比乙协会', '2 → 4']) expect(text).toContain(word);
    await page.waitForTimeout(500); // let the tags finish fading in before the screenshot
    await s.shot('census-compare');

    // The organisation's own census rows by year, in its case file.
    await page.locator('.el-link:has-text("对比甲公司")').first().click();
    await page.click('.el-tabs__item:has-text("摸排记录")');
    const history = page.locator('[data-test=org-census-history]');
    await expect.poll(() => history.innerText()).toContain('2025');
    const rows = await history.locator('.el-table__body tr').allInnerTexts();
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(['2025', '2024']);
    expect(rows[0]).toContain('4 / 0');
    await s.shot('census-org-history');
  });

  it('大文件读取时显示进度，可看到各阶段', async () => {
    const { bytes, fileName } = generateCensusFile({ rows: 6000, seed: 3 });
    const file = path.join(dir, fileName);
    fs.writeFileSync(file, bytes);
    await openCensus();
    await page.setInputFiles('[data-test=census-file]', file);
    const progress = page.locator('[data-test=census-progress]');
    await progress.waitFor({ timeout: 10_000 });
    expect(await progress.innerText()).toMatch(/读取文件|逐行检查|与数据库比对/);
    await s.shot('census-progress');
    await expect.poll(async () => (await tiles())[0]?.replace(/\s+/g, ' '), { timeout: 90_000 }).toBe('6,000 数据行');
    await s.shot('census-preview-large');
    expect(s.consoleErrors).toEqual([]);
  });

  it('导入时显示写入进度，可以取消：取消后数据不变，预览仍在，可再次导入', async () => {
    // Two rows per chunk (LX_COMMIT_CHUNK_ROWS as a core option): 10,000 turns of the event loop while writing, and the
    // server answers between the turns, so a cancel sent with the job's first progress lands midway.
    const own = await ownShell({ commitChunkRows: 2 });
    const { bytes, fileName } = generateCensusFile({ rows: 20_000, format: 'csv-utf8', seed: 5 });
    const file = path.join(dir, fileName);
    fs.writeFileSync(file, bytes);
    await page.setInputFiles('[data-test=census-file]', file);
    await expect.poll(async () => (await tiles())[0]?.replace(/\s+/g, ' '), { timeout: 90_000 }).toBe('20,000 数据行');
    const orgs = async () => (await must(own.core, 'orgs.list', { offset: 0, limit: 1 })).total;
    let written = 0;
    const off = own.core.onEvent((name, p) => {
      if (name === 'job.progress' && (p as JobProgress).phase === 'writing') written = (p as JobProgress).done;
    });
    onTestFinished(off);
    // Waited for inside the page: the click follows at once.
    const writing = () => page.waitForFunction(() => /已写入 [1-9]/.test(document.querySelector('[data-test=census-written]')?.textContent ?? ''));
    // 取消 pressed before the core has even started the job (the import's request is held back until then): the page
    // sends the cancel again with the job's first progress, so it lands while the rows are being written, on any machine.
    let send!: () => void;
    const sent = new Promise<void>((r) => (send = r));
    await page.route(/\/rpc\/census\.commit$/, async (route) => {
      await sent;
      await route.continue();
    }, { times: 1 });
    await page.click('[data-test=census-commit]');
    await confirm('导入');
    await Promise.all([page.waitForResponse(/\/rpc\/jobs\.cancel$/), page.click('[data-test=census-cancel]')]);
    send();
    await expect.poll(() => page.locator('[data-test=census-notice]').innerText()).toContain('已取消导入，数据未改动');
    await own.shot('census-commit-cancelled');
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(18_800); // stopped midway
    expect(await page.locator('[data-test=census-year] input').inputValue()).toBe('2026'); // from the file name, not the 2000 in “20000行”
    expect(await orgs()).toBe(0);
    expect(await must(own.core, 'census.batches', {})).toEqual([]);

    // The preview is still there: import it after all, the progress bar moving through the writing.
    // While the import's answer has not reached the page, the import is running as far as the page knows: the answer
    // is held here until the page has been looked at, so how fast this machine writes does not matter.
    let answer!: () => void;
    const held = new Promise<void>((r) => (answer = r));
    await page.route(/\/rpc\/census\.commit$/, async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await page.click('[data-test=census-commit]');
    await confirm('导入');
    await writing();
    // Elsewhere in the app the running import is shown, and a click on it leads back.
    const elsewhere = await page.evaluate(async () => {
      const until = Date.now() + 60_000;
      const find = async <T,>(get: () => T | null | undefined): Promise<T | null> => {
        for (let v = get(); Date.now() < until; v = get()) {
          if (v) return v;
          await new Promise((r) => setTimeout(r, 10));
        }
        return null;
      };
      [...document.querySelectorAll<HTMLElement>('.el-menu-item')].find((e) => e.textContent?.includes('组织档案'))!.click();
      const job = await find(() => document.querySelector<HTMLElement>('[data-test=shell-job]'));
      if (!job) return { seen: location.hash, text: null, back: null };
      const seen = { seen: location.hash, text: job.innerText };
      job.click();
      await find(() => document.querySelector('[data-test=census-page]'));
      return { ...seen, back: location.hash, jobAfter: !!document.querySelector('[data-test=shell-job]') };
    });
    expect(elsewhere).toEqual({ seen: '#/orgs', text: expect.stringContaining('正在导入摸排表'), back: '#/census', jobAfter: false });
    await own.shot('census-commit-progress');
    answer();
    await expect.poll(() => page.locator('[data-test=census-result]').innerText(), { timeout: 120_000 }).toContain('已导入');
    expect(await orgs()).toBeGreaterThan(18_000);
  });
});
