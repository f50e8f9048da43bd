/** Controlled vocabularies from domain.md; the Chinese words are the stored values. */
export const CATEGORIES = ['enterprise', 'social'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = { enterprise: '非公企业', social: '社会组织' };

export const OPERATING_STATUSES = ['在营', '停业', '歇业', '注销', '吊销', '失联'] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];
/** "In operation" for every rate is exactly 在营. */
export const IN_OPERATION: OperatingStatus = '在营';

export const PARTY_ORG_TYPES = ['党委', '党总支', '党支部', '联合党支部', '临时党支部'] as const;
export type PartyOrgType = (typeof PARTY_ORG_TYPES)[number];

export const FORMATIONS = ['单独组建', '联合组建', '网格组建'] as const;
export type Formation = (typeof FORMATIONS)[number];

export const SECRETARY_SOURCES = ['出资人', '中层管理人员', '上级选派', '其他'] as const;
export type SecretarySource = (typeof SECRETARY_SOURCES)[number];

export const DISSOLVE_KINDS = ['撤销', '注销'] as const;
export type DissolveKind = (typeof DISSOLVE_KINDS)[number];
