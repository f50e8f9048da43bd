import type { Category } from './vocab';

/**
 * Which kind of organisation a type word in a file names (企业类型, 单位性质, 组织类别 …).
 * 两新 means non-public enterprises and social organisations: state-owned and collective enterprises,
 * public institutions (事业单位) and government organs (机关) are outside the office's remit.
 */
export interface OrgKind {
  /** enterprise / social, or null when the word does not say. */
  category: Category | null;
  /** Why the organisation is not a 两新 organisation; null when it is (or the word does not say). */
  outOfScope: string | null;
}

const OUT_OF_SCOPE: [RegExp, string][] = [
  [/国有控股|国有参股/, '国有控股企业'],
  [/国有|国营|全民所有制|国企/, '国有企业'],
  [/集体/, '集体企业'],
  [/事业单位|事业法人/, '事业单位'],
  [/机关|党政/, '机关'],
];
const SOCIAL = /社会组织|社会团体|社团|民办非企业|民非|社会服务机构|基金会|协会|学会|商会|研究会|促进会|联合会|联谊会|民办学校|民办|培训学校/;
const ENTERPRISE = /企业|公司|个体|工商户|合伙|独资|股份合作|私营|民营|外商|外资|港澳台|中外合资|合作经营|分支机构|常驻代表机构|农民专业合作社/;

/** Reads a type word; `null` when it is not a recognisable kind of organisation at all. */
export function orgKindOf(text: string): OrgKind | null {
  const t = text.normalize('NFKC').replace(/\s/g, '');
  if (!t) return null;
  for (const [re, kind] of OUT_OF_SCOPE) {
    if (re.test(t)) return { category: SOCIAL.test(t) && !/企业/.test(t) ? 'social' : 'enterprise', outOfScope: `${kind}（“${t}”）不属于两新组织（非公有制经济组织和社会组织）` };
  }
  if (SOCIAL.test(t)) return { category: 'social', outOfScope: null };
  if (ENTERPRISE.test(t)) return { category: 'enterprise', outOfScope: null };
  return null;
}
