/** 两新组织党建工作台账: every organisation matching the list's filter, one row each, landscape. */
import type { OrgFilter, OrgRow } from '../../../../shared/contract/orgs';
import { CATEGORIES, CATEGORY_LABELS } from '../../../../shared/domain/vocab';
import type { CoreContext } from '../../context';
import { termSettings } from '../../orgs/service';
import { queryOrgs } from '../../orgs/query';
import { tableDocument, twoRowHeader } from '../index';
import type { Cell, GongwenDocument } from '../model';
import { chineseMonth } from '../gongwen';
import { dash, tableSubtitle } from './common';

export const LEDGER_TITLE = '两新组织党建工作台账';

/**
 * Two header rows, one line each where it can be: only 党员数 has a second level; 从业人员, 党组织类型,
 * 组建方式 and 换届届满 stand as two-line headers over their narrow columns.
 */
const HEADER = twoRowHeader([
  '序号', '组织名称', '统一社会信用代码', '从业\n人员', ['党员数', ['正式', '预备']], '党组织\n类型', '组建\n方式', '书记', '换届\n届满', '备注',
]);
/**
 * Relative weights of the columns that wrap (组织名称 takes what the others leave; 类型 goes to 联合/党支部
 * and 备注 holds one flag a line rather than widen them for a few rows); every other column holds one
 * piece a cell (a code, a date, a name, a number, a short word) and is sized from its content, so a row is
 * one line unless the name is long. Street and 类别 are group rows (“中华街道非公企业（30个）”), not columns.
 */
const WEIGHTS = [1, 20, 1, 1, 1, 1, 0.1, 1, 1, 1, 0.1];
const WHOLE = [true, false, true, true, true, true, false, true, true, true, false];

export function ledgerRow(o: OrgRow, i: number): Cell[] {
  return [
    String(i + 1),
    { text: o.name, align: 'left' },
    o.uscc,
    dash(o.employees),
    dash(o.fullMembers),
    dash(o.probationaryMembers),
    o.partyOrgBuilt ? dash(o.partyOrgType) : '未建',
    o.partyOrgBuilt && o.formation ? o.formation.replace(/组建$/, '') : '—',
    dash(o.secretaryName),
    o.termEnd ? chineseMonth(o.termEnd) : '—',
    { text: o.flags.join('\n'), align: 'left' },
  ];
}

/** Rows under a group row per street and 类别 (“河东街道非公企业（32个）”, kept with its first organisation). */
function byStreet(sorted: OrgRow[]): Cell[][] {
  // The query sorts by street: within a street, enterprises first, then social organisations (stable).
  const streetAt = new Map<string, number>();
  sorted.forEach((o, i) => streetAt.has(o.street) || streetAt.set(o.street, i));
  const rows = [...sorted].sort((a, b) => streetAt.get(a.street)! - streetAt.get(b.street)! || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
  const group = (o: OrgRow) => `${o.street}${CATEGORY_LABELS[o.category]}`;
  const out: Cell[][] = [];
  rows.forEach((o, i) => {
    if (i === 0 || group(o) !== group(rows[i - 1])) {
      const n = rows.filter((r) => group(r) === group(o)).length;
      out.push([{ text: `${group(o)}（${n}个）`, colSpan: WEIGHTS.length, align: 'left', bold: true, keepWithNext: true }]);
    }
    out.push(ledgerRow(o, i));
  });
  return out;
}

export function ledgerDocument(ctx: CoreContext, filter: OrgFilter): { doc: GongwenDocument; count: number } {
  const rows = queryOrgs(ctx.db, { ...filter, sort: 'street', offset: 0, limit: 200_000 }, ctx.clock.today(), termSettings(ctx.db));
  const doc = tableDocument({
    title: LEDGER_TITLE,
    subtitle: tableSubtitle(ctx),
    orientation: 'landscape',
    table: { columns: WEIGHTS, keepWhole: WHOLE, header: HEADER, rows: byStreet(rows) },
    notes: [`共${rows.length}个组织。党员数为最近一个年度的统计数。`],
  });
  return { doc, count: rows.length };
}
