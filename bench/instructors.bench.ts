import { onSampleDatabase, time, type Bench } from './harness';

/** Coverage and the instructor lists over 100k organisations (sample instructors, assignments, visits included). */
export const instructorsBench: Bench = {
  name: '党建指导员与覆盖率（100,000 个组织）',
  run() {
    return onSampleDatabase(this.name, 100_000, '生成 100,000 个组织及指导员示例', async (core, rows) => {
      const count = (sql: string) => core.ctx.db.prepare(sql).pluck().get() as number;
      const note = `选派 ${count('SELECT COUNT(*) FROM instructor_assignments')} 条，走访 ${count('SELECT COUNT(*) FROM instructor_visits')} 条`;
      rows.push({ name: '数据量', ms: 0, note });
      // The stored rule facts of the new data are worked out first (as the app's first screen does), so the rows below time the reads.
      rows.push((await time('规则标记首次计算（生成数据后）', () => core.invoke('stats.overview', {}))).row);
      rows.push((await time('覆盖率（按街道）', () => core.invoke('coverage.summary', { by: 'street' }))).row);
      rows.push((await time('覆盖率（2025 年末）', () => core.invoke('coverage.summary', { year: 2025, by: 'street' }))).row);
      rows.push((await time('未覆盖名单', () => core.invoke('coverage.uncovered', {}), (r) => (r.ok ? `${(r.data as { rows: unknown[] }).rows.length} 个` : '失败'))).row);
      rows.push((await time('走访逾期名单', () => core.invoke('coverage.overdue', {}), (r) => (r.ok ? `${(r.data as { rows: unknown[] }).rows.length} 条` : '失败'))).row);
      rows.push((await time('花名册及工作量', () => core.invoke('instructors.list', {}))).row);
      rows.push((await time('组织列表首屏（含在岗选派子查询）', () => core.invoke('orgs.list', { offset: 0, limit: 200 }))).row);
    });
  },
};
