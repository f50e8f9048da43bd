import { CENSUS_FIELD_LABELS, CENSUS_FIELDS, type CensusField, type CensusFixedValues, type CensusMapping, type CensusPreview } from '../../../shared/contract/census';
import { CliError, type ParsedArgs } from '../args';

/** A field by its label as the UI shows it (所在街道（乡镇）), the label without its bracket (所在街道), or its code name. */
export function fieldByLabel(text: string): CensusField {
  const key = (s: string) => s.normalize('NFKC').replace(/\s/g, '');
  const bare = (s: string) => key(s).replace(/\([^)]*\)/g, '');
  const want = key(text);
  const hit = CENSUS_FIELDS.find((f) => f === text || key(CENSUS_FIELD_LABELS[f]) === want || bare(CENSUS_FIELD_LABELS[f]) === bare(want));
  if (!hit) throw new CliError(`没有名为“${text}”的字段。可用的字段：${CENSUS_FIELDS.filter((f) => f !== 'seq').map((f) => CENSUS_FIELD_LABELS[f]).join('、')}`);
  return hit;
}

/** `字段=值` → [字段, 值]; the value may itself contain `=`. */
function pair(option: string, raw: string): [CensusField, string] {
  const i = raw.indexOf('=');
  if (i <= 0) throw new CliError(`--${option} 应写成“字段=值”，例如 --${option} ${option === 'set' ? '所在街道=河东街道' : '统一社会信用代码=C'}（收到“${raw}”）`);
  return [fieldByLabel(raw.slice(0, i).trim()), raw.slice(i + 1).trim()];
}

/** `--set 所在街道=河东街道` (repeatable): one value for a field across the whole file. */
export function fixedValues(args: ParsedArgs): CensusFixedValues | undefined {
  const list = args.repeated.set ?? [];
  if (!list.length) return undefined;
  const fixed: CensusFixedValues = {};
  for (const raw of list) {
    const [field, value] = pair('set', raw);
    if (!value) throw new CliError(`--set ${raw}：请在“=”后写上整份文件统一的值，例如 --set 所在街道=河东街道`);
    fixed[field] = value;
  }
  return fixed;
}

/** `--header-rows 4-6` or `--header-rows 4` → [first, last] (1-based, as the spreadsheet numbers rows). */
export function headerRowsOption(args: ParsedArgs): [number, number] | undefined {
  const raw = args.options['header-rows'];
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)\s*(?:[-–~至]\s*(\d+))?\s*$/.exec(raw);
  if (!m) throw new CliError(`--header-rows 应写成“起始行-结束行”，如 --header-rows 4-6（收到“${raw}”）`);
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

const letterIndex = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** A column by its letter (C, AA) or its header text (the whole path 父/子, or its last part). */
export function columnByName(p: CensusPreview, text: string): number {
  const t = text.trim();
  if (/^[A-Z]{1,3}$/.test(t)) {
    const i = letterIndex(t);
    if (i < p.columns.length) return i;
    throw new CliError(`没有 ${t} 列：工作表“${p.sheet}”只有 ${p.columns.length} 列`);
  }
  const key = (s: string) => s.normalize('NFKC').replace(/\s/g, '');
  const exact = p.columns.filter((c) => key(c.header) === key(t));
  const leaf = exact.length ? exact : p.columns.filter((c) => key(c.header.split('/').pop() ?? '') === key(t));
  if (leaf.length === 1) return leaf[0].index;
  if (leaf.length > 1) throw new CliError(`有 ${leaf.length} 列叫“${t}”：${leaf.map((c) => `${c.letter}（${c.header}）`).join('、')}。请用列字母指定，例如 ${leaf[0].letter}`);
  throw new CliError(`找不到列“${t}”。文件的列：${p.columns.filter((c) => c.header).map((c) => `${c.letter} ${c.header}`).join('；')}`);
}

/**
 * `--map 字段=列` (repeatable) on top of the mapping the preview chose; `字段=` (nothing) leaves the field out.
 * Null when there is nothing to override.
 */
export function mappingWithOverrides(p: CensusPreview, args: ParsedArgs): CensusMapping | null {
  const list = args.repeated.map ?? [];
  if (!list.length) return null;
  const mapping: CensusMapping = {};
  for (const c of p.columns) if (c.field && mapping[c.field] === undefined) mapping[c.field] = c.index;
  for (const raw of list) {
    const [field, column] = pair('map', raw);
    delete mapping[field];
    if (!column || column === '无' || column === '-') continue;
    const index = columnByName(p, column);
    for (const f of Object.keys(mapping) as CensusField[]) if (mapping[f] === index) delete mapping[f];
    mapping[field] = index;
  }
  return mapping;
}
