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
  '序号', '组织名称', '统一社会信用代码', '类别', '所在街道\n（乡镇）', '从业\n人员',
  ['党员数', ['正式', '预备']], ['党组织情况', ['类型', '组建方式', '书记', '换届届满']], '备注',
]);
/** Column widths in pt at 小四: four characters for 类别/街道/组建方式, a date on one line, the code on two. */
const WIDTHS = [26, 96, 74, 54, 54, 30, 26, 26, 42, 54, 42, 66, 48];

export function ledgerRow(o: OrgRow, i: number): Cell[] {
  return [
    String(i + 1),
    { text: o.name, align: 'left' },
    o.uscc,
    CATEGORY_LABELS[o.category],
    o.street,
    dash(o.employees),
    dash(o.fullMembers),
    dash(o.probationaryMembers),
    o.partyOrgBuilt ? dash(o.partyOrgType) : '未建',
    o.partyOrgBuilt ? dash(o.formation) : '—',
    dash(o.secretaryName),
    o.termEnd ? chineseDate(o.termEnd) : '—',
    { text: o.flags.join('、'), align: 'left' },
  ];
}

export function ledgerDocument(ctx: CoreContext, filter: OrgFilter): { doc: GongwenDocument; count: number } {
  const rows = queryOrgs(ctx.db, { ...filter, sort: 'street', offset: 0, limit: 200_000 }, ctx.clock.today(), termSettings(ctx.db));
  const doc = tableDocument({
    title: LEDGER_TITLE,
    subtitle: tableSubtitle(ctx),
    orientation: 'landscape',
    table: { columns: WIDTHS, header: HEADER, rows: rows.map(ledgerRow), fontSize: 12 },
    notes: [`共${rows.length}个组织。党员数为最近一个年度的统计数。`],
  });
  return { doc, count: rows.length };
}
