/** 两新组织党建工作台账: every organisation matching the list's filter, one row each, landscape. */
import type { OrgFilter, OrgRow } from '../../../../shared/contract/orgs';
import { CATEGORY_LABELS } from '../../../../shared/domain/vocab';
import type { CoreContext } from '../../context';
import { termSettings } from '../../orgs/service';
import { queryOrgs } from '../../orgs/query';
import { tableDocument, twoRowHeader } from '../index';
import type { Cell, GongwenDocument } from '../model';
import { chineseDate } from '../gongwen';
import { dash, tableSubtitle } from './common';

export const LEDGER_TITLE = '两新组织党建工作台账';

const HEADER = twoRowHeader([
  '序号', '组织名称', '统一社会信用代码', '类别', '从业\n人员',
  ['党员数', ['正式', '预备']], ['党组织情况', ['类型', '书记', '换届届满']], '备注',
]);
/**
 * Relative weights of the two columns that wrap (组织名称 and 备注); every other column holds one piece a
 * cell (a code, a date, a name, a number, a short word) and is sized from its content, so a row is one line
 * unless the name or the 备注 is long. The street is a group row, not a column; 组建方式 is on the card and in
 * the coverage table (the 五号 ledger has no room for it beside a one-line name).
 */
const WEIGHTS = [1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1.4];
const WHOLE = [true, false, true, true, true, true, true, true, true, true, false];

export function ledgerRow(o: OrgRow, i: number): Cell[] {
  return [
    String(i + 1),
    { text: o.name, align: 'left' },
    o.uscc,
    CATEGORY_LABELS[o.category],
    dash(o.employees),
    dash(o.fullMembers),
    dash(o.probationaryMembers),
    o.partyOrgBuilt ? dash(o.partyOrgType) : '未建',
    dash(o.secretaryName),
    o.termEnd ? chineseDate(o.termEnd) : '—',
    { text: o.flags.join('、'), align: 'left' },
  ];
}

/** Rows under a group row per street (“河东街道（32个）”, kept with its first organisation). */
function byStreet(rows: OrgRow[]): Cell[][] {
  const out: Cell[][] = [];
  rows.forEach((o, i) => {
    if (o.street !== rows[i - 1]?.street) {
      const n = rows.filter((r) => r.street === o.street).length;
      out.push([{ text: `${o.street}（${n}个）`, colSpan: WEIGHTS.length, align: 'left', bold: true, keepWithNext: true }]);
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
    table: { columns: WEIGHTS, keepWhole: WHOLE, header: HEADER, rows: byStreet(rows), fontSize: 10.5 },
    notes: [`共${rows.length}个组织。党员数为最近一个年度的统计数。`],
  });
  return { doc, count: rows.length };
}
