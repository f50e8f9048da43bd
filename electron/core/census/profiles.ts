import type { CensusField } from '../../../shared/contract/census';
import { orgKindOf } from '../../../shared/domain/scope';
import { CATEGORY_SYNONYMS, FORMATION_SYNONYMS, STATUS_SYNONYMS, TYPE_SYNONYMS } from './choices';
import { FORMATIONS, OPERATING_STATUSES, PARTY_ORG_TYPES } from '../../../shared/domain/vocab';
import { cleanText, NONE_WORDS, parseChoice, parseCount, parseDate, parseYesNo, type Cell } from './values';

/**
 * Value profiles: what a field's values look like. A header match is only trusted when a sample of the
 * column's values fits the field (a city is not a street, a party-org code is not a credit code).
 */
export interface Profile {
  /** What such values are, for messages: “像信用代码”. */
  kind: string;
  fits(v: Cell, ctx: ProfileContext): boolean;
  /** Each row's value is checked and a misfit is a row error or warning (a count, a date): never stored silently. */
  checked?: boolean;
}

export interface ProfileContext {
  /** Streets the office already has on file (a value that is one of them is a street). */
  knownStreets: ReadonlySet<string>;
}

const text = (v: Cell) => cleanText(v).replace(/\s/g, '');
const hasHan = (s: string) => /[\u3400-\u9fff]/.test(s);
/** A person: 2–4 Chinese characters (· for minority names), or a Latin name; a title in brackets is allowed. */
const PERSON = /^([\u3400-\u9fff]{1,2}·?[\u3400-\u9fff]{1,3}|[\u3400-\u9fff]{2}·[\u3400-\u9fff]{2,6}|[A-Za-z][A-Za-z .'-]{1,40})$/;
const isPerson = (v: Cell) => PERSON.test(text(v).replace(/\([^)]*\)$/, ''));
/** A name: words, not just digits, a date or a yes/no mark. */
function isName(v: Cell): boolean {
  const s = text(v);
  return s.length >= 2 && /[\u3400-\u9fffA-Za-z]/.test(s) && !isDate(v) && !isYesNo(v);
}
/** An organisation's own name: longer than a person's (a superior party organisation's name, say). */
const isOrgName = (v: Cell) => isName(v) && text(v).length >= 4;
const isCount = (v: Cell) => {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v < 1_000_000;
  const p = parseCount(v);
  return p.ok && p.value !== null && !/^\d{4}[.\-/年]/.test(text(v));
};
const isDate = (v: Cell) => {
  if (typeof v === 'number') return (v >= 10_000 && v <= 73_050) || (v >= 19_000_101 && v <= 21_001_231);
  const s = text(v);
  return /^\d{4}[.\-/年]\d{1,2}/.test(s) || /^(19|20)\d{6}$/.test(s) ? parseDate(s).ok : false;
};
const isYesNo = (v: Cell) => {
  const p = parseYesNo(v);
  return p.ok && p.value !== null;
};
/** 18 characters of a credit code (checksum not required: a wrong digit is still a code), or a 15-digit 注册号. */
const isCode = (v: Cell) => {
  if (typeof v === 'number') return v >= 1e14;
  const s = text(v).toUpperCase().replace(/[-—_]/g, '');
  return /^[0-9A-Z]{17,19}$/.test(s) && (s.match(/\d/g)?.length ?? 0) >= 6 || /^\d{15}$/.test(s);
};
const STREET_WORDS = /(街道|街道办事处|办事处|乡|镇|地区|开发区|园区|管委会|管理委员会|农场|林场|街办)$/;
const ADDRESS_WORDS = /路|街|号|道|巷|村|区|县|市|镇|楼|园|大厦|广场|弄|室|组|屯|省/;
const choice = (synonyms: Record<string, string>, allowed: readonly string[]) => (v: Cell) => {
  const p = parseChoice(v, synonyms, '', allowed);
  return p.ok && p.value !== null;
};
const anyText = (v: Cell) => text(v) !== '';
const PARTY_ORG_NAME = /(党委|党总支|党支部|支部|总支|委员会|党组|党组织)$/;

export const PROFILES: Record<CensusField, Profile> = {
  seq: { kind: '序号', fits: (v) => /^\d{1,6}$/.test(text(v)) },
  name: { kind: '单位名称', fits: isName },
  uscc: { kind: '统一社会信用代码（18 位）或工商注册号（15 位）', fits: isCode, checked: true },
  category: { kind: '组织类别或企业类型', fits: (v) => orgKindOf(text(v)) !== null || choice(CATEGORY_SYNONYMS, [])(v), checked: true },
  industry: { kind: '行业名称', fits: (v) => hasHan(text(v)) && !isDate(v) },
  street: { kind: '街道、乡、镇名称', fits: (v, ctx) => ctx.knownStreets.has(text(v)) || (STREET_WORDS.test(text(v)) && text(v).length <= 20) },
  park: { kind: '园区、楼宇名称', fits: (v) => hasHan(text(v)) && !isDate(v) },
  address: { kind: '地址', fits: (v) => text(v).length >= 4 && ADDRESS_WORDS.test(text(v)) },
  legalRep: { kind: '人名', fits: isPerson },
  phone: { kind: '电话号码', fits: (v) => (typeof v === 'number' ? v >= 1e6 : /^[\d\-+() ,、/转]{7,}$/.test(text(v)) && (text(v).match(/\d/g)?.length ?? 0) >= 7) },
  employees: { kind: '人数', fits: isCount, checked: true },
  fullMembers: { kind: '人数', fits: isCount, checked: true },
  probationaryMembers: { kind: '人数', fits: isCount, checked: true },
  partyOrgBuilt: { kind: '是/否', fits: isYesNo, checked: true },
  partyOrgType: { kind: '党组织类型（党委、党总支、党支部…）', fits: choice(TYPE_SYNONYMS, PARTY_ORG_TYPES), checked: true },
  formation: { kind: '组建方式（单独、联合、网格）', fits: choice(FORMATION_SYNONYMS, FORMATIONS), checked: true },
  secretaryName: { kind: '人名', fits: isPerson },
  instructor: { kind: '人名', fits: isPerson },
  foundedOn: { kind: '日期', fits: isDate, checked: true },
  operatingStatus: { kind: '经营状态（在营、停业…）', fits: choice(STATUS_SYNONYMS, OPERATING_STATUSES), checked: true },
  notes: { kind: '文字', fits: anyText },
  partyOrgName: { kind: '党组织名称', fits: (v) => PARTY_ORG_NAME.test(text(v)) },
  registrationNo: { kind: '登记证号', fits: (v) => /\d{3,}/.test(text(v)) && text(v).length >= 4 },
  superiorOrg: { kind: '党组织名称', fits: (v) => PARTY_ORG_NAME.test(text(v)) || isOrgName(v) },
  unbuiltReason: { kind: '文字', fits: (v) => hasHan(text(v)) },
  investorIsMember: { kind: '是/否', fits: isYesNo, checked: true },
};

/** How well a column's sampled values fit a field: share of the non-empty ones that do, and an example that does not. */
export function fitOf(field: CensusField, values: Cell[], ctx: ProfileContext): { fit: number | null; sampled: number; misfit: string | null } {
  let n = 0;
  let hits = 0;
  let misfit: string | null = null;
  for (const v of values) {
    if (text(v) === '' || NONE_WORDS.has(text(v).toUpperCase())) continue;
    n++;
    if (PROFILES[field].fits(v, ctx)) hits++;
    else misfit ??= cleanText(v).slice(0, 30);
  }
  return { fit: n ? hits / n : null, sampled: n, misfit };
}
