import { ElMessage, ElMessageBox } from 'element-plus';
import { ApiError } from '../../api/client';
import type { Router } from 'vue-router';

/**
 * Shows why an export failed. Settings still holding the “××” placeholder (SETTINGS_INCOMPLETE) get a dialog
 * whose button opens 设置, where the office fills them in; anything else is a plain error message.
 */
export async function showExportError(e: unknown, router: Router): Promise<void> {
  if (e instanceof ApiError && e.code === 'SETTINGS_INCOMPLETE') {
    try {
      await ElMessageBox.confirm(e.message, '请先填写公文设置', { type: 'warning', confirmButtonText: '打开设置', cancelButtonText: '稍后再说' });
      await router.push('/settings');
    } catch {
      // 稍后再说: nothing to do.
    }
    return;
  }
  ElMessage.error((e as Error).message);
}
