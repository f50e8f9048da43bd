/** 企业（社会组织）党建档案卡: one organisation's case file on a portrait page of tables. */
import type { OrgDetail } from '../../../../shared/contract/orgs';
import { CATEGORY_LABELS } from '../../../../shared/domain/vocab';
import type { CoreContext } from '../../context';
import { getOrg } from '../../orgs/service';
import { chineseDate, fieldRow } from '../gongwen';
import type { Cell, GongwenDocument } from '../model';
import { dash } from './common';

export const ORG_CARD_TITLE = '企业（社会组织）党建档案卡';

const label = (text: string, colSpan?: number): Cell => ({ text, bold: true, colSpan });
const value = (v: string | number | null | undefined, colSpan?: number): Cell => ({ text: dash(v), align: 'left', colSpan });
const date = (iso: string | null | undefined) => (iso ? chineseDate(iso) : null);

export function orgCardDocument(ctx: CoreContext, d: OrgDetail): GongwenDocument {
  const o = d.org;
  const p = d.partyOrg;
  const columns = [4, 6, 4, 6];
  const basic: Cell[][] = [
    [label('组织名称'), value(o.name, 3)],
    [label('统一社会信用代码'), value(o.uscc), label('组织类别'), value(CATEGORY_LABELS[o.category])],
    [label('所在街道（乡镇）'), value(o.street), label('园区/楼宇/商圈'), value(o.park)],
    [label('所属行业'), value(o.industry), label('经营状态'), value(o.operatingStatus)],
    [label('法定代表人'), value(o.legalRep), label('联系电话'), value(o.phone)],
    [label('地址'), value(o.address, 3)],
    [label('从业人员数'), value(o.employees), label('档案状态'), value(d.dissolvedAt ? `已${d.dissolveKind ?? '撤销'}（${chineseDate(d.dissolvedAt.slice(0, 10))}）` : '在册')],
  ];
  const party: Cell[][] = p.built
    ? [
        [label('党组织名称'), value(p.name, 3)],
        [label('党组织类型'), value(p.type), label('组建方式'), value(p.formation)],
        [label('成立时间'), value(date(p.foundedOn)), label('上级党组织'), value(p.superiorOrg)],
        [label('党组织书记'), value(p.secretaryName), label('书记来源'), value(p.secretarySource)],
        [label('本届任期'), value(p.termStart ? `${date(p.termStart)}起` : null), label('换届届满'), value(date(p.termEnd))],
      ]
    : [[label('是否建立'), value('未建立党组织'), label('未建原因'), value(p.notBuiltReason)]];
  const members: Cell[][] = d.members.length
    ? d.members.map((m) => [`${m.year}年`, String(m.full), String(m.probationary), String(m.full + m.probationary)])
    : [[{ text: '暂无党员人数记录', colSpan: 4 }]];
  const section = (text: string) => ({ kind: 'heading' as const, level: 1 as const, text });
  return {
    title: ORG_CARD_TITLE,
    subtitle: `建档日期：${chineseDate(d.createdAt.slice(0, 10))}　　打印日期：${chineseDate(ctx.clock.today())}`,
    body: [
      section('基本情况'),
      { kind: 'table', table: { columns, header: [], rows: basic, fontSize: 12, minRowHeight: fieldRow(12) } },
      section('党组织情况'),
      { kind: 'table', table: { columns, header: [], rows: party, fontSize: 12, minRowHeight: fieldRow(12) } },
      section('党员人数'),
      { kind: 'table', table: { columns: [1, 1, 1, 1], header: [['年度', '正式党员', '预备党员', '合计']], rows: members, fontSize: 12, minRowHeight: fieldRow(12) } },
      ...(d.flags.length || o.notes
        ? [section('提示与备注'), ...(d.flags.length ? [{ kind: 'paragraph' as const, text: `需要关注：${d.flags.join('、')}。` }] : []), ...(o.notes ? [{ kind: 'paragraph' as const, text: o.notes }] : [])]
        : []),
    ],
  };
}

export function loadOrgCard(ctx: CoreContext, id: number): { doc: GongwenDocument; name: string } {
  const d = getOrg(ctx, { id });
  return { doc: orgCardDocument(ctx, d), name: d.org.name };
}
