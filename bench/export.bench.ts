import { onSampleDatabase, time, type Bench } from './harness';

/** Word export at 2,000 organisations: the ledger must take ≤ 3 s (issue 4); also the other tables and a card batch. */
export const exportBench: Bench = {
  name: 'Word 导出（2,000 个组织）',
  run() {
    return onSampleDatabase(this.name, 2000, '生成 2,000 个组织', async (core, rows) => {
      const exp = (request: object) => core.invoke('export.document', { request });
      const size = (r: Awaited<ReturnType<typeof exp>>) => (r.ok ? `${((r.data as { file: { base64: string } }).file.base64.length * 0.75 / 1024).toFixed(0)} KB` : `失败：${r.error.message}`);
      rows.push((await time('台账（2,000 行，横向）', () => exp({ kind: 'ledger', filter: {} }), size)).row);
      rows.push((await time('台账（再次，热启动）', () => exp({ kind: 'ledger', filter: {} }), size)).row);
      rows.push((await time('应建未建清单', () => exp({ kind: 'unbuilt' }), size)).row);
      rows.push((await time('覆盖情况统计表', () => exp({ kind: 'coverage' }), size)).row);
      const ids = (core.ctx.db.prepare('SELECT id FROM organizations ORDER BY id LIMIT 100').pluck().all() as number[]);
      rows.push((await time('档案卡批量 100 个（.zip）', () => exp({ kind: 'orgCard', orgIds: ids }), size)).row);
      rows.push((await time('台账预览（HTML，前 200 行）', () => core.invoke('export.preview', { request: { kind: 'ledger', filter: {} } }))).row);
    });
  },
};
