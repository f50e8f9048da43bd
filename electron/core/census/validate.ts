import type { CensusField, CensusFixedValues, CensusIssue, CensusMapping, CensusValues } from '../../../shared/contract/census';
import { CENSUS_FIELD_LABELS } from '../../../shared/contract/census-fields';
import { ORG_TEXT_LIMITS, PARTY_ORG_TEXT_LIMITS, PERSON_NAME_LIMIT } from '../../../shared/contract/limits';
import { checkUscc } from '../../../shared/domain/codes';
import { orgKindOf } from '../../../shared/domain/scope';
import { FORMATIONS, OPERATING_STATUSES, PARTY_ORG_TYPES } from '../../../shared/domain/vocab';
import { CATEGORY_SYNONYMS, FORMATION_SYNONYMS, STATUS_SYNONYMS, TYPE_SYNONYMS } from './choices';
import { groupOf, type OptionGroup } from './mapping';
import { cleanText, parseChoice, parseCount, parseDate, parseYesNo, textOrNull, type Cell } from './values';

/** One data row after checking: what the preview shows and the commit writes. */
export interface CheckedRow {
  row: number;
  outcome: 'accept' | 'warn' | 'reject';
  values: Partial<CensusValues>;
  errors: CensusIssue[];
  warnings: CensusIssue[];
  /** Why the organisation is not a 两新 organisation (国有企业 …), or null. */
  outOfScope: string | null;
}

/** What every row is read with: the mapping, the file's column names, option groups and file-wide values. */
export interface RowReader {
  mapping: CensusMapping;
  /** Column names as in the file (the full header path). */
  headers: string[];
  groups: OptionGroup[];
  fixed: CensusFixedValues;
}

/** The text fields a census file fills, with the limits every other door applies (shared/contract/limits.ts). */
const TEXT_LIMITS: [keyof CensusValues, number][] = [
  ...(['name', 'industry', 'street', 'park', 'address', 'legalRep', 'phone', 'notes', 'registrationNo'] as const).map((f): [keyof CensusValues, number] => [f, ORG_TEXT_LIMITS[f]]),
  ['secretaryName', PARTY_ORG_TEXT_LIMITS.secretaryName],
  ['instructor', PERSON_NAME_LIMIT],
];

/** A mark in an option column: √ ✓ 是 1 X …; blank and 否/无/0/×/-// are no mark. */
const MARK = /^(√|✓|✔|☑|●|■|★|\*|是|有|1|X|Y)$/i;
const isMarked = (v: Cell) => {
  const s = cleanText(v).replace(/\s/g, '');
  if (!s) return false;
  if (MARK.test(s)) return true;
  const yn = parseYesNo(s);
  return !(yn.ok && yn.value && !yn.value.yes) && !(yn.ok && yn.value === null);
};
/** Options a form lists under 其他: what is written in the cell says more than the word 其他. */
const OTHER = /^其他/;

/** Checks one data row. */
export function checkRow(rowNo: number, raw: Cell[], reader: RowReader, hidden: boolean): CheckedRow {
  const { mapping, headers, groups, fixed } = reader;
  const errors: CensusIssue[] = [];
  const warnings: CensusIssue[] = [];
  const column = (f: CensusField) => (fixed[f] !== undefined ? '（整份文件统一填写）' : mapping[f] === undefined ? CENSUS_FIELD_LABELS[f] : headers[mapping[f]!] || CENSUS_FIELD_LABELS[f]);
  const err = (f: CensusField, reason: string) => errors.push({ row: rowNo, column: column(f), reason });
  const warn = (f: CensusField, reason: string) => warnings.push({ row: rowNo, column: column(f), reason });
  /** The raw cell of a field: the file-wide value, the option marked in its group, or its column. */
  const cell = (f: CensusField): Cell => {
    if (fixed[f] !== undefined) return fixed[f]!;
    const c = mapping[f];
    if (c === undefined) return null;
    const g = groupOf(groups, c);
    if (!g) return raw[c] ?? null;
    const marked = g.columns.filter((o) => isMarked(raw[o.col] ?? null));
    if (marked.length > 1 && f !== 'unbuiltReason') {
      const names = marked.map((o) => `“${headers[o.col]}”`).join('和');
      err(f, `${names}都有标记，${CENSUS_FIELD_LABELS[f]}只能选一项，请只保留一个 √`);
      return null;
    }
    const written = (o: { col: number; option: string }) => {
      const s = cleanText(raw[o.col] ?? null);
      return OTHER.test(o.option) && !MARK.test(s.replace(/\s/g, '')) ? `${o.option}：${s}` : o.option;
    };
    return marked.length ? marked.map(written).join('、') : null;
  };
  const v: Partial<CensusValues> = {};
  let outOfScope: string | null = null;

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
  // Fields only some forms carry: present in the values only when the file (or the user) gives them.
  const has = (f: CensusField) => fixed[f] !== undefined || mapping[f] !== undefined;
  if (has('partyOrgName')) v.partyOrgName = v.partyOrgBuilt ? textOrNull(cell('partyOrgName')) : null;
  if (has('unbuiltReason')) v.unbuiltReason = v.partyOrgBuilt ? null : textOrNull(cell('unbuiltReason'));

  const street = cleanText(cell('street'));
  if (street) v.street = street;
  else err('street', '所在街道（乡镇）为空，请补填；若整份文件属于同一街道，可在预览中为整份文件统一填写');

  const catCell = cleanText(cell('category'));
  const kind = catCell ? orgKindOf(catCell) : null;
  const cat = kind ? { ok: true as const, value: kind.category } : parseChoice(catCell, CATEGORY_SYNONYMS, '组织类别', ['enterprise', 'social'] as const);
  outOfScope = kind?.outOfScope ?? null;
  if (cat.ok && cat.value) v.category = cat.value;
  else {
    // The code's first character says who registered it: 5 = civil affairs (社会组织), else an enterprise.
    v.category = v.uscc?.startsWith('5') ? 'social' : 'enterprise';
    if (!cat.ok) warn('category', `“${catCell}”不是可识别的组织类别，已按信用代码判定为${v.category === 'social' ? '社会组织' : '非公企业'}；如不对，请改为“非公企业”或“社会组织”`);
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

  if (has('investorIsMember')) {
    const member = parseYesNo(cell('investorIsMember'));
    v.investorIsMember = member.ok && member.value ? member.value.yes : null;
    if (!member.ok) warn('investorIsMember', `${member.reason}；该项暂不导入`);
  }

  v.industry = textOrNull(cell('industry'));
  v.park = textOrNull(cell('park'));
  v.address = textOrNull(cell('address'));
  v.legalRep = textOrNull(cell('legalRep'));
  v.phone = textOrNull(cell('phone'));
  v.instructor = textOrNull(cell('instructor'));
  v.notes = textOrNull(cell('notes'));
  if (has('registrationNo')) v.registrationNo = textOrNull(cell('registrationNo'));
  if (has('superiorOrg')) v.superiorOrg = textOrNull(cell('superiorOrg'));

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

  return { row: rowNo, outcome: errors.length ? 'reject' : warnings.length ? 'warn' : 'accept', values: v, errors, warnings, outOfScope };
}

const SAME_KEYS: (keyof CensusValues)[] = ['name', 'street', 'employees', 'fullMembers', 'probationaryMembers', 'partyOrgBuilt', 'partyOrgType', 'legalRep', 'address'];

/**
 * The same credit code twice: identical data is dropped as a repeat, other data is a conflict. Never an overwrite.
 * Rows are given in file order as they are checked; only the later row changes, so each row is final once marked.
 */
export function duplicateMarker(codeColumn: string): (r: CheckedRow) => void {
  const first = new Map<string, CheckedRow>();
  return (r) => {
    const code = r.values.uscc;
    if (r.outcome === 'reject' || !code) return;
    const earlier = first.get(code);
    if (!earlier) {
      first.set(code, r);
      return;
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
  };
}
