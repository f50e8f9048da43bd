import { DEFAULT_RATING_SETTINGS } from '../shared/domain/honours/starRating';
import { onSampleDatabase, time, type Bench } from './harness';

/** A district-sized rating round: 1,000+ party organisations scored and saved in one go, the grid and the summary. */
export const honoursBench: Bench = {
  name: '年度评星（约 1,000 个党组织）',
  run() {
    return onSampleDatabase(this.name, 2000, '生成 2,000 个组织（含示例评星、整顿、书记项目）', async (core, rows) => {
      const call = async (channel: string, input: object) => {
        const r = await core.invoke(channel, input);
        if (!r.ok) throw new Error(r.error.message);
        return r.data as never;
      };
      const { id: roundId } = await call('rating.saveRound', { year: 2027, name: '2027年度评星定级' });
      type Grid = { rows: { organizationId: number }[] };
      const first = await time('打开评星表（全部党组织）', () => call('rating.round', { id: roundId }), (r: Grid) => `${r.rows.length} 行`);
      rows.push(first.row);
      const orgIds = (first.result as Grid).rows.map((r) => r.organizationId).slice(0, 1000);
      const entries = orgIds.map((organizationId, i) => ({
        organizationId,
        scores: Object.fromEntries(DEFAULT_RATING_SETTINGS.items.map((it, k) => [it.key, Math.max(0, it.points - ((i + k) % 4))])),
        vetoes: i % 97 === 0 ? ['班子不健全'] : [],
      }));
      rows.push((await time('保存 1,000 个组织的得分（一次保存）', () => call('rating.saveScores', { roundId, entries }), (r: { saved: number }) => `${r.saved} 个`)).row);
      rows.push((await time('再次保存（全部改分）', () => call('rating.saveScores', { roundId, entries: entries.map((e) => ({ ...e, vetoes: [] })) }), (r: { saved: number }) => `${r.saved} 个`)).row);
      rows.push((await time('评星汇总（分街道、整顿、双强六好）', () => call('rating.summary', { year: 2027 }), (r: { total: { total: number } }) => `${r.total.total} 个党组织`)).row);
      rows.push((await time('软弱涣散候选', () => call('weak.candidates', { year: 2027 }), (r: unknown[]) => `${r.length} 个`)).row);
      const size = (r: { base64: string }) => `${((r.base64.length * 0.75) / 1024).toFixed(0)} KB`;
      // The first Word file of the process also loads the engine (word breaking): the figure includes that.
      rows.push((await time('星级评定结果汇总表（Word，本进程第一个文件）', () => call('rating.export', { kind: 'star-summary', year: 2027 }), size)).row);
    });
  },
};
