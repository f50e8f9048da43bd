import { execFileSync } from 'node:child_process';
import { refreshOrgFacts } from '../electron/core/orgs/facts';
import { orgFactsSelect } from '../electron/core/orgs/rows';
import { termSettings } from '../electron/core/orgs/service';
import { againstFloor, median, onSampleDatabase, time, type Bench } from './harness';

const cli = (...args: string[]) => execFileSync(process.execPath, ['scripts/cli.mjs', ...args], { stdio: 'ignore' });
const nodeAlone = () => execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });

/**
 * The org list at 100k rows (first page, deep scroll, a pinyin search, a flag filter, the overview), each
 * beside a floor query on the same database; and the CLI's start beside node's own.
 */
export const orgsBench: Bench = {
  name: '组织档案列表（100,000 个组织）',
  run() {
    return onSampleDatabase(this.name, 100_000, '生成 100,000 个组织', async (core, rows) => {
      const db = core.ctx.db;
      const list = (input: object) => core.invoke('orgs.list', { offset: 0, limit: 200, ...input });
      // Whatever a new day or the import left to work out is done once, as the app's first screen does.
      await core.invoke('stats.overview', {});
      // Every organisation's rule facts worked out from nothing, as migration 010 does once at upgrade; beside reading the same rows.
      const today = core.ctx.clock.today();
      const recompute = await time('规则标记全部重算（升级时一次，迁移 010）', () => {
        db.exec('DELETE FROM org_facts; INSERT OR IGNORE INTO org_facts_stale SELECT id FROM organizations');
        refreshOrgFacts(db, today, termSettings(db));
      });
      const read = await time('  下限：读出全部组织的规则输入', () => db.prepare(`${orgFactsSelect('@today')}`).all({ today }));
      rows.push(recompute.row, { ...read.row, note: `比值 ${(recompute.row.ms / read.row.ms).toFixed(1)}×` });
      // The least any page costs: the total by index, and 200 whole rows in index order.
      const indexedPage = () => {
        db.prepare('SELECT COUNT(*) FROM organizations').get();
        db.prepare('SELECT * FROM organizations ORDER BY name LIMIT 200').all();
      };
      const page = '计数 + 按名称索引取 200 行';
      rows.push(...(await againstFloor('首屏（按名称排序，200 行）', () => list({}), page, indexedPage, '目标 ≤ 50 ms')));
      rows.push(...(await againstFloor('滚动到第 50,000 行', () => list({ offset: 50_000 }), page, indexedPage, '')));
      rows.push(...(await againstFloor('拼音首字母搜索 hs', () => list({ query: 'hs' }), page, indexedPage, '目标 ≤ 50 ms')));
      rows.push(...(await againstFloor('名称片段搜索 科技有限', () => list({ query: '科技有限' }), page, indexedPage, '')));
      rows.push(...(await againstFloor('筛选 应建未建', () => list({ flag: '应建未建' }), page, indexedPage, '目标 ≤ 50 ms')));
      rows.push(
        ...(await againstFloor(
          '概览统计',
          () => core.invoke('stats.overview', {}),
          '按街道分组计数（街道索引）',
          () => db.prepare('SELECT street, COUNT(*) FROM organizations GROUP BY street').all(),
          '目标 ≤ 150 ms',
        )),
      );
      // The CLI as `npm run cli` runs it (the bundle; built first if stale), beside a bare node start.
      cli('--help');
      const help = await median(() => cli('--help'), 5);
      const bare = await median(nodeAlone, 5);
      rows.push({ name: '命令行 --help（node scripts/cli.mjs）', ms: help, note: '目标 ≤ 300 ms' }, { name: '  下限：node -e 0', ms: bare, note: `比值 ${(help / bare).toFixed(1)}×` });
    });
  },
};
