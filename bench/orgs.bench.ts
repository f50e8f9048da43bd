import { execFileSync } from 'node:child_process';
import { againstFloor, median, onSampleDatabase, type Bench } from './harness';

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
