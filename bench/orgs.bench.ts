import { onSampleDatabase, time, type Bench } from './harness';

/** The org list at 100k rows: the first page, a pinyin search, a flag filter, and a scroll. */
export const orgsBench: Bench = {
  name: '组织档案列表（100,000 个组织）',
  run() {
    return onSampleDatabase(this.name, 100_000, '生成 100,000 个组织', async (core, rows) => {
      const list = (input: object) => core.invoke('orgs.list', { offset: 0, limit: 200, ...input });
      rows.push((await time('首屏（按名称排序，200 行）', () => list({}))).row);
      rows.push((await time('滚动到第 50,000 行（走缓存）', () => list({ offset: 50_000 }))).row);
      rows.push((await time('拼音首字母搜索 hs', () => list({ query: 'hs' }))).row);
      rows.push((await time('筛选 应建未建', () => list({ flag: '应建未建' }))).row);
      rows.push((await time('概览统计', () => core.invoke('stats.overview', {}))).row);
    });
  },
};
