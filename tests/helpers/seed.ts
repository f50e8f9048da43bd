import type { Core } from '../../electron/core';
import { makeUscc } from '../../electron/core/demo/uscc';
import { seededRandom } from '../../electron/core/demo/random';
import { DEFAULT_BALLOT_ITEMS } from '../../shared/contract/debriefing';
import { DEFAULT_RATING_SETTINGS } from '../../shared/domain/honours/starRating';
import { must } from './core';

/**
 * Enterprises in operation with a built 党支部 (secretary 李秀英), codes drawn from `seed`: the organisations
 * a debriefing or a star rating works on. Returns their ids by name.
 */
export async function builtPartyOrgs(core: Core, orgs: readonly (readonly [name: string, street: string])[], seed: number): Promise<Map<string, number>> {
  const rnd = seededRandom(seed);
  const ids = new Map<string, number>();
  for (const [name, street] of orgs) {
    const r = await must(core, 'orgs.save', {
      org: { category: 'enterprise', name, uscc: makeUscc(rnd, '9', '1'), street, operatingStatus: '在营', employees: 60 },
      partyOrg: { built: true, type: '党支部', formation: '单独组建', name: `${name}党支部`, secretaryName: '李秀英' },
    });
    ids.set(name, r.id);
  }
  return ids;
}

/** The 2026 debriefing with the given organisations' secretaries added; their debriefer ids by party organisation name. */
export async function debriefing2026(core: Core, organizationIds: number[]): Promise<{ cycleId: number; debriefers: Map<string, number> }> {
  const { id: cycleId } = await must(core, 'debriefing.saveCycle', { year: 2026, name: '2026年度两新组织党组织书记抓党建工作述职评议考核', startDate: '2026-11-10', endDate: '2026-12-31', ballotItems: DEFAULT_BALLOT_ITEMS });
  await must(core, 'debriefing.addOrgs', { cycleId, organizationIds });
  const { debriefers } = await must(core, 'debriefing.cycle', { id: cycleId });
  return { cycleId, debriefers: new Map(debriefers.map((d) => [d.name, d.id])) };
}

/** A debriefer taken to 已述职 (report saved, submitted, debriefed), or on to 已评定: 40 好, 3 较好, 7 一般 of 50 valid → 91.5 points, 86% → 好. */
export async function advanceDebriefer(core: Core, id: number, to: '已述职' | '已评定'): Promise<void> {
  await must(core, 'debriefing.saveReport', { id, text: '一、履职情况。' });
  for (const status of ['已提交报告', '已述职'] as const) await must(core, 'debriefing.setStatus', { id, status });
  if (to === '已述职') return;
  await must(core, 'debriefing.saveBallots', { id, tallies: [{ item: '总体评价', issued: 52, valid: 50, good: 40, fairlyGood: 3, average: 7, poor: 0 }] });
  await must(core, 'debriefing.setStatus', { id, status: '已评定' });
}

/** Item scores (by item key, in the items' order) adding up to `total`: full points, the shortfall taken off the first items. */
export function ratingScores(total: number): Record<string, number> {
  let short = 100 - total;
  return Object.fromEntries(
    DEFAULT_RATING_SETTINGS.items.map((i) => {
      const off = Math.min(short, i.points);
      short -= off;
      return [i.key, i.points - off];
    }),
  );
}
