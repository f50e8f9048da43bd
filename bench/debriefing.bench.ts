import { onSampleDatabase, time, type Bench } from './harness';

/** A district-sized cycle: every party organisation of 2,000 debriefs, all with ballots; roll-up and Word exports. */
export const debriefingBench: Bench = {
  name: '述职评议（约 1,000 个述职对象）',
  run() {
    return onSampleDatabase(this.name, 2000, '生成 2,000 个组织（含示例考核）', async (core, rows) => {
      const call = async (channel: string, input: object) => {
        const r = await core.invoke(channel, input);
        if (!r.ok) throw new Error(r.error.message);
        return r.data as never;
      };
      const cycleId = (core.ctx.db.prepare('SELECT id FROM debriefing_cycles WHERE year = 2026').pluck().get() as number);
      rows.push((await time('按条件添加全部已建党组织', () => call('debriefing.addOrgs', { cycleId, filter: {} }), (r: { added: number }) => `${r.added} 个`)).row);
      const ids = core.ctx.db.prepare(`SELECT id FROM debriefers WHERE cycle_id = ? AND status = '待提交'`).pluck().all(cycleId) as number[];
      rows.push(
        (
          await time('录入票数（逐个调用）', async () => {
            for (const [i, id] of ids.entries()) {
              const good = 20 + (i % 15);
              await call('debriefing.saveBallots', { id, tallies: [{ item: '总体评价', issued: 40, valid: 40, good, fairlyGood: 40 - good - 2, average: 2, poor: 0 }] });
            }
            return ids.length;
          }, (n) => `${n} 个`)
        ).row,
      );
      rows.push((await time('考核总览（全部述职对象 + 汇总）', () => call('debriefing.cycle', { id: cycleId }), (r: { debriefers: unknown[] }) => `${r.debriefers.length} 行`)).row);
      rows.push((await time('一个述职对象详情', () => call('debriefing.debriefer', { id: ids[0] }))).row);
      const size = (r: { base64: string }) => `${((r.base64.length * 0.75) / 1024).toFixed(0)} KB`;
      rows.push((await time('等次结果汇总表', () => call('debriefing.export', { kind: 'debriefing-results', cycleId }), size)).row);
      rows.push((await time('民主测评结果汇总表', () => call('debriefing.export', { kind: 'ballot-summary', cycleId }), size)).row);
      rows.push((await time('民主测评表（每人一页）', () => call('debriefing.export', { kind: 'ballot-form', cycleId }), size)).row);
    });
  },
};
