import { ElMessage } from 'element-plus';
import type { FieldIssue } from '@shared/contract';
import { ApiError, api, saveFile } from '../../api/client';
import { confirmed } from '../common/actions';

/** Field messages of a failed save, keyed by field path, for el-form-item :error. */
export function issuesByField(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof ApiError) for (const i of e.issues as FieldIssue[]) out[i.field] = out[i.field] ? `${out[i.field]}；${i.message}` : i.message;
  return out;
}

/** Only warnings (the user may accept them), no hard errors. */
export const onlyWarnings = (e: unknown) => e instanceof ApiError && e.issues.length > 0 && e.issues.every((i) => i.warning);

export const confirmWarnings = (e: ApiError, title: string) => confirmed(e.issues.map((i) => i.message).join('\n'), title, '仍要继续', '返回修改');

export async function downloadAttachment(id: number) {
  try {
    const f = await api('visits.attachment', { id });
    await saveFile(f);
  } catch (e) {
    ElMessage.error((e as Error).message);
  }
}
