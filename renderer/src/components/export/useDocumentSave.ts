import { ref } from 'vue';
import { useRouter } from 'vue-router';
import { ElMessage } from 'element-plus';
import type { FileOutput } from '@shared/contract';
import { saveFile } from '../../api/client';
import { showExportError } from './exportError';

/**
 * Makes one document through the core and hands it to saveFile (dialog or download): `busy` names the document
 * being made, for its button's spinner; a failure is explained by showExportError (e.g. 公文设置 not filled in).
 */
export function useDocumentSave<Key extends string>() {
  const router = useRouter();
  const busy = ref<Key | null>(null);

  async function save(key: Key, make: () => Promise<FileOutput>) {
    busy.value = key;
    try {
      const file = await make();
      if (await saveFile(file)) ElMessage.success(`已导出：${file.fileName}`);
    } catch (e) {
      void showExportError(e, router);
    } finally {
      busy.value = null;
    }
  }

  return { busy, save };
}
