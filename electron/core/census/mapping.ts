import type { CensusColumn, CensusField, CensusMapping } from '../../../shared/contract/census';
import { CENSUS_FIELD_LABELS } from '../../../shared/contract/census-fields';
import { matchesOf, matchField, type HeaderMatch } from './fields';
import { columnLetter, type Layout } from './layout';
import { fitOf, PROFILES, type ProfileContext } from './profiles';
import type { Cell } from './values';

/** Fields a form records one column per option (a √ under 单独建立 / 联合建立 / 网格建立). */
const OPTION_FIELDS: CensusField[] = ['category', 'formation', 'partyOrgType', 'unbuiltReason', 'superiorOrg', 'operatingStatus'];
/** A column under a choice group that is a measure, not an option (联合党支部覆盖社会组织数量（个）). */
const MEASURE = /(数量|人数|数|金额|面积)(\(.*\))?$/;

/** Columns that together record one field: each stands for one option. */
export interface OptionGroup {
  /** null: options of something the census does not record; never mapped by their names. */
  field: CensusField | null;
  columns: { col: number; option: string }[];
}

/** Option groups: neighbouring columns under the same group header that names a choice field. */
export function findOptionGroups(headers: Layout['headers']): OptionGroup[] {
  const groups: OptionGroup[] = [];
  for (let c = 0; c < headers.length; ) {
    const parts = headers[c].parts;
    if (parts.length < 2) {
      c++;
      continue;
    }
    const parent = parts.slice(0, -1).join('/');
    let end = c;
    while (end + 1 < headers.length && headers[end + 1].parts.length === parts.length && headers[end + 1].parts.slice(0, -1).join('/') === parent) end++;
    const options = [];
    for (let i = c; i <= end; i++) if (!MEASURE.test(headers[i].leaf.normalize('NFKC').replace(/\s/g, ''))) options.push({ col: i, option: headers[i].leaf.replace(/\s/g, '') });
    if (options.length >= 2) {
      // The group's own name decides the field (the last part above the options, e.g. 党组织类别 under 党组织设置情况).
      const own = parts.slice(0, -1);
      const field = OPTION_FIELDS.map((f) => ({ f, m: matchField(own.slice(-1), f) ?? matchField(own, f) }))
        .filter((x) => x.m && !x.m.weak)
        .sort((a, b) => b.m!.score - a.m!.score)[0]?.f;
      if (field) groups.push({ field, columns: options });
      // Options of a choice no field records (书记来源: 上级党组织选派 …): the option is not a field's name.
      else if (parts.length >= 3 && !matchesOf(own.slice(-1)).length) groups.push({ field: null, columns: options });
    }
    c = end + 1;
  }
  return groups;
}

/** The option group (of a recorded field) a column belongs to. */
export const groupOf = (groups: OptionGroup[], col: number) => groups.find((g) => g.field && g.columns.some((c) => c.col === col));

/** A doubtful match that was not applied: shown for the user to confirm. */
export interface Doubt {
  field: CensusField;
  col: number;
  reason: string;
}

export interface MappingDecision {
  mapping: CensusMapping;
  columns: CensusColumn[];
  doubts: Doubt[];
}

const pct = (fit: number) => `${Math.round(fit * 100)}%`;
const how = (m: HeaderMatch) =>
  m.how === 'exact' ? `列名即“${m.alias}”` : m.how === 'similar' ? `列名与“${m.alias}”相近` : `列名含“${m.alias.replace(/\+/g, '”“')}”`;

/**
 * Decides which column fills which field. A strong header match is taken unless the sampled values clearly
 * are something else; a weak one (a short word inside a longer header, a similar header) only when the
 * values fit. Whatever is not sure is returned as a doubt, never applied. A given mapping (the user's, or a
 * remembered one) is taken as it is, with its fit measured.
 */
export function decideMapping(
  layout: Layout,
  sample: Cell[][],
  ctx: ProfileContext,
  groups: OptionGroup[],
  given?: { mapping: CensusMapping; source: 'saved' | 'user' },
): MappingDecision {
  const values = (col: number) => sample.map((r) => r[col] ?? null);
  const fits = new Map<string, ReturnType<typeof fitOf>>();
  const fitFor = (field: CensusField, col: number) => {
    const key = `${field}:${col}`;
    if (!fits.has(key)) fits.set(key, fitOf(field, values(col), ctx));
    return fits.get(key)!;
  };
  const mapping: CensusMapping = {};
  // Why each field got its column, keyed `field:column`.
  const reasons = new Map<string, string>();
  const doubts: Doubt[] = [];
  const grouped = new Set(groups.flatMap((g) => g.columns.map((c) => c.col)));
  const used = new Set<number>();
  const candidates: { col: number; m: HeaderMatch; group?: OptionGroup }[] = [];
  // An option group is one candidate for its field; a single column named exactly so still wins over it.
  for (const g of groups) {
    if (g.field) candidates.push({ col: g.columns[0].col, m: { field: g.field, score: 95, weak: false, alias: '', how: 'exact' }, group: g });
  }
  layout.headers.forEach((h, col) => {
    if (!h.full || grouped.has(col)) return;
    for (const m of matchesOf(h.parts)) candidates.push({ col, m });
  });
  candidates.sort((a, b) => Number(a.m.weak) - Number(b.m.weak) || b.m.score - a.m.score || a.col - b.col);
  for (const { col, m, group } of candidates) {
    if (mapping[m.field] !== undefined || used.has(col)) continue;
    if (group) {
      mapping[m.field] = col;
      for (const c of group.columns) used.add(c.col);
      reasons.set(`${m.field}:${col}`, `“${layout.headers[col].parts.slice(0, -1).pop()}”下每个选项一列，读作一项`);
      continue;
    }
    const { fit, sampled, misfit } = fitFor(m.field, col);
    const kind = PROFILES[m.field].kind;
    const checked = fit === null ? '' : `，抽查 ${sampled} 个值中 ${pct(fit)} 像${kind}`;
    // A strong header is vetoed by its values only where no row check would catch them (a city stored as a street).
    if (!m.weak && (fit === null || fit >= 0.5 || (m.how === 'exact' && PROFILES[m.field].checked))) {
      mapping[m.field] = col;
      used.add(col);
      reasons.set(`${m.field}:${col}`, how(m) + checked);
    } else if (m.weak && fit !== null && sampled >= 3 && fit >= 0.8) {
      mapping[m.field] = col;
      used.add(col);
      reasons.set(`${m.field}:${col}`, `${how(m)}（仅凭列名不足以确定）${checked}`);
    } else if (!m.weak) {
      doubts.push({ field: m.field, col, reason: `${how(m)}，但抽查 ${sampled} 个值只有 ${pct(fit!)} 像${kind}（如“${misfit}”）` });
    } else if (fit === null && m.how !== 'similar') {
      doubts.push({ field: m.field, col, reason: `${how(m)}，但仅凭列名不足以确定，且没有数据可核对` });
    }
  }
  if (given) {
    // The given mapping wins; where it agrees with what the file says by itself, that reason still holds.
    const auto = { ...mapping };
    for (const f of Object.keys(mapping) as CensusField[]) delete mapping[f];
    for (const [f, c] of Object.entries(given.mapping) as [CensusField, number][]) {
      mapping[f] = c;
      if (auto[f] !== c) reasons.set(`${f}:${c}`, given.source === 'user' ? '您指定的' : '沿用上次确认的对应关系');
    }
  }
  // One doubt per field that stayed unmapped and per column that stayed free: the best one (first found).
  const kept: Doubt[] = [];
  const mappedCols = new Set(Object.values(mapping));
  for (const d of doubts) {
    if (mapping[d.field] !== undefined || mappedCols.has(d.col) || kept.some((k) => k.field === d.field || k.col === d.col)) continue;
    kept.push(d);
  }

  const byCol = new Map<number, CensusField>();
  for (const [f, c] of Object.entries(mapping) as [CensusField, number][]) {
    const g = groupOf(groups, c);
    for (const col of g ? g.columns.map((x) => x.col) : [c]) byCol.set(col, f);
  }
  const columns: CensusColumn[] = layout.headers.map((h, index) => {
    const field = byCol.get(index) ?? null;
    const g = field ? groupOf(groups, index) : undefined;
    const f = field && !g ? fitFor(field, index) : null;
    const doubt = kept.find((d) => d.col === index);
    return {
      index,
      header: h.full,
      field,
      letter: columnLetter(index),
      option: g?.columns.find((c) => c.col === index)?.option ?? null,
      reason: field ? (reasons.get(`${field}:${index}`) ?? (g ? `“${CENSUS_FIELD_LABELS[field]}”的选项` : null)) : null,
      fit: f?.fit ?? null,
      sampled: f?.sampled ?? 0,
      suggestion: doubt ? { field: doubt.field, reason: doubt.reason } : null,
    };
  });
  return { mapping, columns, doubts: kept };
}
