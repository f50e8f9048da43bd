import { CENSUS_FIELD_LABELS, type CensusField, type CensusIssue, type CensusMapping, type CensusValues } from '../../../shared/contract/census';
import { ORG_TEXT_LIMITS, PARTY_ORG_TEXT_LIMITS, PERSON_NAME_LIMIT } from '../../../shared/contract/limits';
import { checkUscc } from '../../../shared/domain/codes';
import { FORMATIONS, OPERATING_STATUSES, PARTY_ORG_TYPES, type Formation, type OperatingStatus, type PartyOrgType } from '../../../shared/domain/vocab';
import { cleanText, parseChoice, parseCount, parseDate, parseYesNo, textOrNull, type Cell } from './values';

/** One data row after checking: what the preview shows and the commit writes. */
export interface CheckedRow {
  row: number;
  outcome: 'accept' | 'warn' | 'reject';
  values: Partial<CensusValues>;
  errors: CensusIssue[];
  warnings: CensusIssue[];
}

const TYPE_SYNONYMS: Record<string, PartyOrgType> = {
  支部: '党支部',
  独立党支部: '党支部',
  支部委员会: '党支部',
  党支部委员会: '党支部',
  总支: '党总支',
  党总支部: '党总支',
  联合支部: '联合党支部',
  联合党总支: '联合党支部',
  临时支部: '临时党支部',
  党委会: '党委',
};
const FORMATION_SYNONYMS: Record<string, Formation> = { 单独: '单独组建', 单建: '单独组建', 独立组建: '单独组建', 联合: '联合组建', 联建: '联合组建', 网格: '网格组建' };
const STATUS_SYNONYMS: Record<string, OperatingStatus> = {
  正常: '在营',
  正常经营: '在营',
  存续: '在营',
  开业: '在营',
  营业: '在营',
  在业: '在营',
  停产: '停业',
  停止经营: '停业',
  已注销: '注销',
  已吊销: '吊销',
  失去联系: '失联',
  联系不上: '失联',
};
const CATEGORY_SYNONYMS: Record<string, 'enterprise' | 'social'> = {
  非公企业: 'enterprise',
  非公有制企业: 'enterprise',
  企业: 'enterprise',
  民营企业: 'enterprise',
  社会组织: 'social',
  社团: 'social',
  社会团体: 'social',
  民办非企业单位: 'social',
  民非: 'social',
  基金会: 'social',
  社会服务机构: 'social',
};

/** The text fields a census file fills, with the limits every other door applies (shared/contract/limits.ts). */
const TEXT_LIMITS: [keyof CensusValues, number][] = [
  ...(['name', 'industry', 'street', 'park', 'address', 'legalRep', 'phone', 'notes'] as const).map((f): [keyof CensusValues, number] => [f, ORG_TEXT_LIMITS[f]]),
  ['secretaryName', PARTY_ORG_TEXT_LIMITS.secretaryName],
  ['instructor', PERSON_NAME_LIMIT],
];

/** Checks one data row. `cell(field)` gives the raw cell of a mapped field; `header(field)` its column text. */
export function checkRow(rowNo: number, raw: Cell[], mapping: CensusMapping, headers: string[], hidden: boolean): CheckedRow {
  const errors: CensusIssue[] = [];
  const warnings: CensusIssue[] = [];
  const cell = (f: CensusField): Cell => (mapping[f] === undefined ? null : (raw[mapping[f]!] ?? null));
  const column = (f: CensusField) => (mapping[f] === undefined ? CENSUS_FIELD_LABELS[f] : headers[mapping[f]!] || CENSUS_FIELD_LABELS[f]);
  const err = (f: CensusField, reason: string) => errors.push({ row: rowNo, column: column(f), reason });
  const warn = (f: CensusField, reason: string) => warnings.push({ row: rowNo, column: column(f), reason });
  const v: Partial<CensusValues> = {};

  const name = cleanText(cell('name'));
  if (name) v.name = name;
  else err('name', '名称为空：没有名称的行不能导入，请补填企业（社会组织）名称');

  const rawCode = cell('uscc');
  if (typeof rawCode === 'number') {
    err('uscc', `统一社会信用代码被 Excel 存成了数字（${rawCode}），后几位已丢失。请把该列设为“文本”格式后重新填写`);
  } else if (!cleanText(rawCode)) {
    err('uscc', '统一社会信用代码为空：代码是识别组织的依据，请补填');
  } else {
    const code = checkUscc(String(rawCode));
    v.uscc = code.code;
    if (code.status === 'format') err('uscc', `${code.message}（“${cleanText(rawCode)}”）`);
    if (code.status === 'checksum') warn('uscc', `${code.message}，请与营业执照（登记证书）核对；确认无误可接受警告后导入`);
  }

  const count = (f: 'employees' | 'fullMembers' | 'probationaryMembers') => {
    const p = parseCount(cell(f));
    if (!p.ok) {
      err(f, p.reason);
      return null;
    }
    if (p.warning) warn(f, p.warning);
    return p.value;
  };
  v.employees = count('employees');
  v.fullMembers = count('fullMembers') ?? 0;
  v.probationaryMembers = count('probationaryMembers') ?? 0;

  const built = parseYesNo(cell('partyOrgBuilt'));
  const type = parseChoice(cell('partyOrgType'), TYPE_SYNONYMS, '党组织类型', PARTY_ORG_TYPES);
  const formation = parseChoice(cell('formation'), FORMATION_SYNONYMS, '组建方式', FORMATIONS);
  if (!built.ok) err('partyOrgBuilt', built.reason);
  const typeValue = type.ok ? type.value : null;
  v.partyOrgBuilt = built.ok && built.value ? built.value.yes : built.ok && built.value === null ? typeValue !== null : false;
  if (v.partyOrgBuilt && !type.ok) warn('partyOrgType', `${type.reason}；该项暂不导入`);
  if (v.partyOrgBuilt && !formation.ok) warn('formation', `${formation.reason}；该项暂不导入`);
  v.partyOrgType = v.partyOrgBuilt ? typeValue : null;
  v.formation = v.partyOrgBuilt ? (formation.ok && formation.value ? formation.value : built.ok && built.value?.joint ? '联合组建' : null) : null;
  v.secretaryName = v.partyOrgBuilt ? textOrNull(cell('secretaryName')) : null;

  const street = cleanText(cell('street'));
  if (street) v.street = street;
  else err('street', '所在街道（乡镇）为空，请补填');

  const cat = parseChoice(cell('category'), CATEGORY_SYNONYMS, '组织类别', ['enterprise', 'social'] as const);
  if (cat.ok && cat.value) v.category = cat.value;
  else {
    // The code's first character says who registered it: 5 = civil affairs (社会组织), else an enterprise.
    v.category = v.uscc?.startsWith('5') ? 'social' : 'enterprise';
    if (!cat.ok) warn('category', `“${cleanText(cell('category'))}”不是可识别的组织类别，已按信用代码判定为${v.category === 'social' ? '社会组织' : '非公企业'}`);
  }

  const status = parseChoice(cell('operatingStatus'), STATUS_SYNONYMS, '经营状态', OPERATING_STATUSES);
  if (status.ok) v.operatingStatus = status.value ?? '在营';
  else {
    warn('operatingStatus', `${status.reason}；已按“在营”导入`);
    v.operatingStatus = '在营';
  }

  const founded = parseDate(cell('foundedOn'));
  if (founded.ok) v.foundedOn = founded.value;
  else {
    warn('foundedOn', `${founded.reason}；该项暂不导入`);
    v.foundedOn = null;
  }

  v.industry = textOrNull(cell('industry'));
  v.park = textOrNull(cell('park'));
  v.address = textOrNull(cell('address'));
  v.legalRep = textOrNull(cell('legalRep'));
  v.phone = textOrNull(cell('phone'));
  v.instructor = textOrNull(cell('instructor'));
  v.notes = textOrNull(cell('notes'));

  for (const [f, max] of TEXT_LIMITS) {
    const text = v[f];
    if (typeof text === 'string' && text.length > max) {
      err(f, `内容过长（${text.length} 字，最多 ${max} 字），请删减后重新导入`);
      (v as Record<string, unknown>)[f] = `${text.slice(0, max)}…`; // what the preview shows of it; a rejected row is never written
    }
  }

  if (v.employees != null && v.fullMembers > v.employees) {
    warn('fullMembers', `正式党员数（${v.fullMembers}）多于从业人员数（${v.employees}），请核实`);
  }
  if (hidden) warnings.push({ row: rowNo, column: '（整行）', reason: '该行在表格中被隐藏，请确认是否应当导入' });

  return { row: rowNo, outcome: errors.length ? 'reject' : warnings.length ? 'warn' : 'accept', values: v, errors, warnings };
}

const SAME_KEYS: (keyof CensusValues)[] = ['name', 'street', 'employees', 'fullMembers', 'probationaryMembers', 'partyOrgBuilt', 'partyOrgType', 'legalRep', 'address'];

/** The same credit code twice: identical data is dropped as a repeat, other data is a conflict. Never an overwrite. */
export function markDuplicates(rows: CheckedRow[], codeColumn: string): void {
  const first = new Map<string, CheckedRow>();
  for (const r of rows) {
    const code = r.values.uscc;
    if (r.outcome === 'reject' || !code) continue;
    const earlier = first.get(code);
    if (!earlier) {
      first.set(code, r);
      continue;
    }
    const same = SAME_KEYS.every((k) => (earlier.values[k] ?? null) === (r.values[k] ?? null));
    r.errors.push({
      row: r.row,
      column: codeColumn,
      reason: same
        ? `与第 ${earlier.row} 行重复（内容相同），只导入一次`
        : `统一社会信用代码与第 ${earlier.row} 行（${earlier.values.name}）相同但内容不同，疑似代码填错；此行不导入，请核实后更正`,
    });
    r.outcome = 'reject';
  }
}
