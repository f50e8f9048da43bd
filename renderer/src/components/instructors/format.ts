import { ElMessage, ElMessageBox } from 'element-plus';
import type { FieldIssue } from '@shared/contract';
import { ApiError, api, saveFile } from '../../api/client';

/** Field messages of a failed save, keyed by field path, for el-form-item :error. */
export function issuesByField(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof ApiError) for (const i of e.issues as FieldIssue[]) out[i.field] = out[i.field] ? `${out[i.field]}；${i.message}` : i.message;
  return out;
}

/** Only warnings (the user may accept them), no hard errors. */
export const onlyWarnings = (e: unknown) => e instanceof ApiError && e.issues.length > 0 && e.issues.every((i) => i.warning);

export async function confirmWarnings(e: ApiError, title: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(e.issues.map((i) => i.message).join('\n'), title, { confirmButtonText: '仍要继续', cancelButtonText: '返回修改', type: 'warning' });
    return true;
  } catch {
    return false;
  }
}

export async function downloadAttachment(id: number) {
  try {
    const f = await api('visits.attachment', { id });
    await saveFile(f);
  } catch (e) {
    ElMessage.error((e as Error).message);
  }
}

export const fileSize = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
export const pct = (r: { rate: number | null }) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);
