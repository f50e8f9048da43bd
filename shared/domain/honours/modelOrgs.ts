import type { Category } from '../vocab';

/** 双强六好: the eight points checked one by one for each recommended organisation (domain.md). */
export const MODEL_ITEMS = ['党建强', '发展强', '生产经营好', '企业文化好', '劳动关系好', '党组织班子好', '党员队伍好', '社会评价好'] as const;
export type ModelItem = (typeof MODEL_ITEMS)[number];

/** The title named per category (social organisations have their own model title; the naming works the same). */
export const MODEL_TITLES: Record<Category, string> = {
  enterprise: '“双强六好”非公企业党组织',
  social: '“双强六好”社会组织党组织',
};

export const MODEL_DECISIONS = ['待审定', '命名', '不予命名'] as const;
export type ModelDecision = (typeof MODEL_DECISIONS)[number];

export interface ModelCheck {
  item: ModelItem;
  /** null: not checked yet. */
  met: boolean | null;
  note?: string | null;
}

/** THE 双强六好 check: every one of the eight points met; otherwise which are not (or not yet checked). */
export function modelCheckResult(checks: ModelCheck[]): { passed: boolean | null; explanation: string } {
  const by = new Map(checks.map((c) => [c.item, c]));
  const unchecked = MODEL_ITEMS.filter((i) => (by.get(i)?.met ?? null) === null);
  const failed = MODEL_ITEMS.filter((i) => by.get(i)?.met === false);
  if (failed.length) return { passed: false, explanation: `不符合：${failed.join('、')}未达到` };
  if (unchecked.length) return { passed: null, explanation: `未核查完：${unchecked.join('、')}尚未核查` };
  return { passed: true, explanation: '符合：双强六好八项均达到' };
}
