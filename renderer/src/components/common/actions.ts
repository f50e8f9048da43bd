import type { Ref } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';

/** Asks before a step that deletes, replaces or discards something; resolves true when the user confirms. */
export async function confirmed(message: string, title: string, confirmButtonText: string, cancelButtonText = '取消'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning', confirmButtonText, cancelButtonText });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a step through the core (the step shows its own success message); a failure shows the core's message.
 * `busy`, if given, is set while it runs (for a button's :loading). Resolves true when the step succeeded.
 */
export async function attempt(task: () => Promise<unknown>, busy?: Ref<boolean>): Promise<boolean> {
  if (busy) busy.value = true;
  try {
    await task();
    return true;
  } catch (e) {
    ElMessage.error((e as Error).message);
    return false;
  } finally {
    if (busy) busy.value = false;
  }
}
