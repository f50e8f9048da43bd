/** 应建未建党组织情况清单: organisations that meet the 3-member rule without a party org, by street. */
import type { OrgRow } from '../../../../shared/contract/orgs';
import { CATEGORY_LABELS } from '../../../../shared/domain/vocab';
import type { CoreContext } from '../../context';
import { termSettings } from '../../orgs/service';
import { queryOrgs } from '../../orgs/query';
import { chineseDate } from '../gongwen';
import type { Cell, GongwenDocument } from '../model';
import { dash, tableSubtitle } from './common';

export const UNBUILT_TITLE = '应建未建党组织情况清单';

export function unbuiltDocument(ctx: CoreContext): { doc: GongwenDocument; count: number } {
  const rows = queryOrgs(ctx.db, { flag: '应建未建', sort: 'street', offset: 0, limit: 200_000 }, ctx.clock.today(), termSettings(ctx.db));
  const byStreet = new Map<string, OrgRow[]>();
  for (const r of rows) byStreet.set(r.street, [...(byStreet.get(r.street) ?? []), r]);
  const enterprises = rows.filter((r) => r.category === 'enterprise').length;
  const streets = [...byStreet].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'zh-CN'));
  const summary =
    rows.length === 0
      ? `截至${chineseDate(ctx.clock.today())}，经核对档案，没有正式党员3名以上、在营但尚未建立党组织的两新组织。`
      : `截至${chineseDate(ctx.clock.today())}，正式党员3名以上、在营但尚未建立党组织的两新组织共${rows.length}个，涉及${byStreet.size}个街道（乡镇），其中非公企业${enterprises}个、社会组织${rows.length - enterprises}个。` +
        `数量较多的是${streets.slice(0, 3).map(([s, l]) => `${s}（${l.length}个）`).join('、')}。请各街道（乡镇）逐一核实，按期组建党组织。`;
  const table: Cell[][] = [];
  let n = 0;
  for (const [street, list] of streets) {
    table.push([{ text: `${street}（${list.length}个）`, colSpan: 7, align: 'left', bold: true, keepWithNext: true }]);
    for (const r of list) table.push([String(++n), { text: r.name, align: 'left' }, r.uscc, CATEGORY_LABELS[r.category], dash(r.operatingStatus), dash(r.employees), dash(r.fullMembers)]);
  }
  table.push([{ text: `合计：${byStreet.size}个街道（乡镇），${rows.length}个组织`, colSpan: 7, bold: true }]);
  return {
    count: rows.length,
    doc: {
      title: UNBUILT_TITLE,
      subtitle: tableSubtitle(ctx, true),
      body: [
        { kind: 'heading', level: 1, text: '说明' },
        { kind: 'paragraph', text: summary },
        { kind: 'paragraph', text: '“应建未建”指正式党员3名以上、经营状态为在营、尚未建立党组织的企业和社会组织；党员数为最近一个年度的统计数。' },
        { kind: 'heading', level: 1, text: '清单' },
        {
          kind: 'table',
          table: { columns: [26, 138, 134, 54, 30, 30, 30], keepWhole: [true, false, true, true, true, true, true], header: [['序号', '组织名称', '统一社会信用代码', '类别', '经营状态', '从业人员', '正式党员']], rows: table, fontSize: 12 },
        },
      ],
    },
  };
}
