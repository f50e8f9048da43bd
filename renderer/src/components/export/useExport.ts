import { ref } from 'vue';
import { useRouter } from 'vue-router';
import { ElMessage } from 'element-plus';
import type { DocumentRequest } from '@shared/contract/export';
import { ApiError, api, newJobId, onEvent, saveFile, saveToFolder } from '../../api/client';
import { showExportError } from './exportError';

/**
 * Runs an export with progress (job.progress events) and hands the file to saveFile (dialog or download),
 * or, for a batch with `toFolder`, writes its files one by one into a folder the user picks.
 */
export function useExport() {
  const router = useRouter();
  const busy = ref<string | null>(null);
  const progress = ref<{ label: string; percent: number } | null>(null);
  let current: string | null = null;

  async function run(request: DocumentRequest, key: string = request.kind, opts: { toFolder?: boolean } = {}): Promise<string | null> {
    const jobId = newJobId();
    current = jobId;
    busy.value = key;
    progress.value = { label: '正在准备', percent: 0 };
    const off = onEvent('job.progress', (p) => {
      if (p.jobId === jobId) progress.value = { label: p.label, percent: p.total ? Math.round((p.done / p.total) * 100) : 0 };
    });
    try {
      const r = await api('export.document', { request, jobId });
      if (opts.toFolder) {
        const saved = await saveToFolder(r.file);
        if (saved) ElMessage.success(`已导出 ${saved.count} 个文件到：${saved.dir}`);
        return saved?.dir ?? null;
      }
      const saved = await saveFile(r.file);
      if (saved) ElMessage.success(`已导出：${r.file.fileName}`);
      return saved;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CANCELLED') ElMessage.info('已取消导出');
      else void showExportError(e, router);
      return null;
    } finally {
      current = null;
      off();
      busy.value = null;
      progress.value = null;
    }
  }

  /** Stops a running batch between two files. */
  async function cancel() {
    if (current) await api('jobs.cancel', { jobId: current });
  }

  return { busy, progress, run, cancel };
}
