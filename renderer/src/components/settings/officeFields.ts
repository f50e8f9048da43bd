import { DocumentSettings, unfilledSettings } from '@shared/contract/export';

/** The office names the first-start form asks for: the ones exports refuse to print while they hold “××”. */
export const OFFICE_FIELDS = [
  { key: 'issuerName', label: '发文机关名称', max: 60, placeholder: '全称，例如：中共○○区两新组织工作委员会', help: '表格的“制表单位”' },
  { key: 'signature', label: '发文机关署名', max: 60, placeholder: '正文后的署名，通常与发文机关名称相同', help: '通知、报告正文后的署名' },
  { key: 'printer', label: '印发机关', max: 60, placeholder: '例如：中共○○区两新组织工作委员会办公室', help: '文件末页版记中的印发机关' },
  { key: 'issuerMark', label: '发文机关标志', max: 40, placeholder: '红头上的字，例如：中共○○区两新工委文件', help: '红头文件顶部的红色大字' },
  { key: 'docNumberPrefix', label: '机关代字', max: 20, placeholder: '例如：○○两新', help: '发文字号的开头，如“○○两新〔2026〕1号”' },
] as const satisfies readonly { key: keyof DocumentSettings; label: string; max: number; placeholder: string; help: string }[];

export type OfficeKey = (typeof OFFICE_FIELDS)[number]['key'];

/** Each office field's message: the contract's limits first, then the “××” placeholder. */
export function officeFieldErrors(s: DocumentSettings): Partial<Record<OfficeKey, string>> {
  const out: Partial<Record<OfficeKey, string>> = {};
  const r = DocumentSettings.safeParse(s);
  if (!r.success) for (const i of r.error.issues) out[i.path[0] as OfficeKey] ??= i.message;
  for (const u of unfilledSettings(s)) out[u.field as OfficeKey] ??= u.message;
  return out;
}
