import { DocumentSettings } from '@shared/contract/export';
import { hasPlaceholder } from '@shared/contract/settings';

/** The office names the first-start form asks for: the ones every export prints. */
export const OFFICE_FIELDS = [
  { key: 'issuerName', label: '发文机关名称', placeholder: '全称，例如：中共○○区两新组织工作委员会', help: '表格的“制表单位”' },
  { key: 'signature', label: '发文机关署名', placeholder: '正文后的署名，通常与发文机关名称相同', help: '通知、报告正文后的署名' },
  { key: 'printer', label: '印发机关', placeholder: '例如：中共○○区两新组织工作委员会办公室', help: '文件末页版记中的印发机关' },
] as const satisfies readonly { key: keyof DocumentSettings; label: string; placeholder: string; help: string }[];

export type OfficeKey = (typeof OFFICE_FIELDS)[number]['key'];

/** The message for one office field (the contract's limits, then the ×× placeholder), or undefined when it is fine. */
export function officeFieldError(key: OfficeKey, value: string): string | undefined {
  const r = DocumentSettings.shape[key].safeParse(value);
  if (!r.success) return r.error.issues[0]?.message;
  if (hasPlaceholder(value)) return '请把“××”改成本单位的名称';
  return undefined;
}
