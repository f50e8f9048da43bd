import { z } from 'zod';
import { channel, FileOutput, id, isoDate } from './common';
import { SIGNER_NAME_LIMIT, SIGNERS_MAX } from './limits';
import { OrgFilter } from './orgs';

/**
 * Document settings the office sets once (设置 page): names for the 版头, 文号, 署名 and 版记.
 * Defaults are generic (××); nothing place-specific is hard-coded.
 */
export const DocumentSettings = z.object({
  /** 发文机关全称, used in headers of tables (制表单位) and as the default 署名. */
  issuerName: z.string().trim().min(1, '发文机关名称不能为空').max(60, '发文机关名称不能超过 60 个字'),
  /** 发文机关标志 text, printed red at the top of a notice, e.g. “中共××区两新工委文件”. */
  issuerMark: z.string().trim().min(1, '发文机关标志不能为空').max(40, '发文机关标志不能超过 40 个字'),
  /** 发文字号 prefix (机关代字), e.g. “××两新”; the number reads 〔年份〕序号号. */
  docNumberPrefix: z.string().trim().min(1, '机关代字不能为空').max(20, '机关代字不能超过 20 个字'),
  /** Next 发文顺序号 (taken and increased by each numbered notice). */
  nextDocNumber: z.number({ error: '下一个文号应为数字' }).int('下一个文号应为整数').min(1, '下一个文号至少为 1').max(99999, '下一个文号过大'),
  /** 印发机关 in the 版记. */
  printer: z.string().trim().min(1, '印发机关不能为空').max(60, '印发机关不能超过 60 个字'),
  /** Default 抄送 line (without “抄送：” and the final “。”); empty = no 抄送 line. */
  defaultCc: z.string().trim().max(200, '抄送机关不能超过 200 个字'),
  /** 发文机关署名 under the body. */
  signature: z.string().trim().min(1, '署名不能为空').max(60, '署名不能超过 60 个字'),
});
export type DocumentSettings = z.infer<typeof DocumentSettings>;

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = {
  issuerName: '中共××区两新组织工作委员会',
  issuerMark: '中共××区两新工委文件',
  docNumberPrefix: '××两新',
  nextDocNumber: 1,
  printer: '中共××区两新组织工作委员会办公室',
  defaultCc: '',
  signature: '中共××区两新组织工作委员会',
};

/** The mark of a setting the office has not filled in yet (the defaults' “××”). */
export const PLACEHOLDER = '××';

export const DOCUMENT_SETTING_LABELS: Record<keyof DocumentSettings, string> = {
  issuerName: '发文机关名称',
  issuerMark: '发文机关标志',
  docNumberPrefix: '机关代字',
  nextDocNumber: '下一个文号',
  printer: '印发机关',
  defaultCc: '默认抄送',
  signature: '发文机关署名',
};

/** Settings that still hold the placeholder: no document may go out with them (every export door checks this). */
export function unfilledSettings(s: DocumentSettings): { field: keyof DocumentSettings; message: string }[] {
  return (Object.keys(DOCUMENT_SETTING_LABELS) as (keyof DocumentSettings)[])
    .filter((k) => typeof s[k] === 'string' && (s[k] as string).includes('×'))
    .map((field) => ({ field, message: `“${DOCUMENT_SETTING_LABELS[field]}”还是通用的“${PLACEHOLDER}”，请改成本单位的名称` }));
}

/** 发文字号: 机关代字〔年份〕序号号 with 〔〕 (U+3014/3015), no 第, no leading zero. */
export function docNumber(prefix: string, year: number, n: number): string {
  return `${prefix}\u3014${year}\u3015${n}号`;
}

/** 上行文 are the 报告 and 请示: their title ends with the 文种. */
export const isUpwardTitle = (title: string) => /(报告|请示)$/.test(title.trim());

/** A general 通知/报告 written in the editor: the engine lays it out. Body lines use “# ” … “#### ” for heading levels. */
export const NoticeFields = z.object({
  title: z.string().trim().min(1, '标题不能为空').max(200, '标题不能超过 200 个字'),
  mainRecipient: z.string().trim().max(200, '主送机关不能超过 200 个字'),
  /** Body text: one paragraph per line; `# ` 一级（一、）, `## ` 二级（（一））, `### ` 三级（1.）, `#### ` 四级（（1））. */
  body: z.string().trim().min(1, '正文不能为空').max(50_000, '正文不能超过 50,000 个字'),
  /** Attachments: a name each (附件说明) and optional text for its own page. */
  attachments: z
    .array(z.object({ name: z.string().trim().min(1, '附件名称不能为空').max(200), body: z.string().max(50_000).default('') }))
    .max(20, '附件不能超过 20 个')
    .default([]),
  /** Print a red 版头 (发文机关标志 + 发文字号) and take the next 文号. */
  withHeader: z.boolean().default(false),
  signature: z.string().trim().max(60).optional(),
  date: isoDate.optional(),
  /** 加盖印章: 成文日期 right 4 字 with the 署名 centred over it and room above for the seal (GB/T 9704 7.3.5.1). */
  sealed: z.boolean({ error: '“加盖印章”应为是或否（true/false）' }).default(false),
  /** 附注 (without the brackets). */
  note: z.string().trim().max(200).optional(),
  /** 抄送 (defaults to the settings' 抄送). */
  cc: z.string().trim().max(200).optional(),
  /** 签发人 of an 上行文 (报告、请示), in order; printed on the 发文字号 line, so only with the red 版头. */
  signers: z
    .array(z.string().trim().min(1, '签发人姓名不能为空').max(SIGNER_NAME_LIMIT, `签发人姓名不能超过 ${SIGNER_NAME_LIMIT} 个字`))
    .max(SIGNERS_MAX, `签发人不能超过 ${SIGNERS_MAX} 个`)
    .default([]),
});

/** 签发人 only where GB/T 9704 puts them: an 上行文 with the 版头. */
export const NoticeInput = NoticeFields.superRefine((n, ctx) => {
  if (n.signers.length === 0) return;
  if (!isUpwardTitle(n.title)) ctx.addIssue({ code: 'custom', path: ['signers'], message: '签发人只用于上行文：标题应以“报告”或“请示”结尾' });
  else if (!n.withHeader) ctx.addIssue({ code: 'custom', path: ['signers'], message: '签发人与发文字号同排在版头，请打开“红头文件”' });
});
export type NoticeInput = z.input<typeof NoticeInput>;

/** A sample notice: the editor's “填入示例”, the docs PNG and the render tests (full body pages for measuring). */
export const SAMPLE_NOTICE = {
  title: '关于开展两新组织党建工作集中排查的通知',
  mainRecipient: '各街道（乡镇）两新组织党委，各园区党委',
  body: [
    '为进一步扩大两新组织党的组织覆盖和工作覆盖，摸清底数、建好台账，经研究，决定在全区开展两新组织党建工作集中排查。现将有关事项通知如下。',
    '# 排查范围',
    '辖区内登记注册的非公有制企业和社会组织，重点是从业人员50人以上、正式党员3名以上尚未建立党组织的企业和社会组织。',
    '# 排查内容',
    '## 组织覆盖情况',
    '逐一核实组织名称、统一社会信用代码、经营状态、从业人员数、党员人数，以及党组织类型、组建方式、书记和换届时间等信息，做到底数清、情况明。',
    '## 工作覆盖情况',
    '### 指导员选派。对暂不具备组建条件的组织，核实党建工作指导员或联络员是否在岗。',
    '### 活动开展。了解党组织组织生活和主题党日开展情况。',
    '# 工作要求',
    '各单位要高度重视，明确专人负责，于12月15日前将排查结果报送区两新工委办公室。排查中发现的应建未建组织，要制定组建计划，限期完成组建。',
  ].join('\n'),
  attachments: [
    { name: '两新组织党建工作排查登记表', body: '请按组织逐一填写，统一社会信用代码须与营业执照一致。' },
  ],
  withHeader: true,
  note: '联系人：办公室，电话：0000-0000000',
} satisfies NoticeInput;

/** A sample 上行文 (报告) with two 签发人: the docs PNG and the render tests of the 签发人 line. */
export const SAMPLE_REPORT = {
  title: '关于2026年度两新组织党建工作情况的报告',
  mainRecipient: '区委组织部',
  body: [
    '2026年，区两新工委在区委的领导下，围绕扩大两新组织党的组织覆盖和工作覆盖，扎实推进各项工作。现将有关情况报告如下。',
    '# 主要工作',
    '全年新建两新组织党组织一批，选派党建工作指导员，开展两新组织党建工作集中排查，建立了组织档案和工作台账。',
    '# 存在问题',
    '部分新建党组织活动不够经常，党建工作与业务融合不够紧密。',
    '# 下一步打算',
    '持续推进应建未建组织组建工作，加强党组织书记培训，提升党建工作质量。',
    '特此报告。',
  ].join('\n'),
  attachments: [],
  withHeader: true,
  signers: ['张建国', '李振华'],
} satisfies NoticeInput;

/** Which document to build; the same request previews (HTML) or exports (.docx). */
export const DocumentRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ledger'), filter: OrgFilter.default({}) }),
  z.object({ kind: z.literal('orgCard'), orgIds: z.array(id).min(1, '请至少选择一个组织').max(5000, '一次最多导出 5,000 张档案卡') }),
  z.object({ kind: z.literal('unbuilt') }),
  z.object({ kind: z.literal('coverage') }),
  z.object({ kind: z.literal('notice'), notice: NoticeInput }),
]);
export type DocumentRequest = z.input<typeof DocumentRequest>;
export type DocumentKind = DocumentRequest['kind'];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  ledger: '两新组织党建工作台账',
  orgCard: '企业（社会组织）党建档案卡',
  unbuilt: '应建未建党组织情况清单',
  coverage: '两新组织党建工作覆盖情况统计表',
  notice: '通知/报告',
};

export const exportChannels = {
  'export.getSettings': channel('读取公文设置', z.object({}).strict(), DocumentSettings),
  'export.saveSettings': channel('保存公文设置', DocumentSettings, z.object({ ok: z.literal(true) })),
  'export.preview': channel(
    '预览文档',
    z.object({ request: DocumentRequest }),
    z.object({ title: z.string(), html: z.string(), note: z.string().nullable() }),
  ),
  'export.document': channel(
    '导出 Word 文档',
    z.object({ request: DocumentRequest, jobId: z.string().max(100).optional() }),
    z.object({ file: FileOutput, count: z.number() }),
  ),
};
