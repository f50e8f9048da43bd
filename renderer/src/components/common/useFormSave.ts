import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { ApiError } from '../../api/client';

/**
 * Saving a form through the core: `saving` for the button, `errors` (a message per field) for el-form-item :error.
 * `submit` runs the save; on failure the core's field issues go under their fields (`fieldOf` turns the core's
 * path, e.g. 'settings.good.minScore', into the form's key) and the core's message is shown.
 */
export function useFormSave(fieldOf: (path: string) => string = (path) => path) {
  const saving = ref(false);
  const errors = ref<Record<string, string>>({});

  async function submit(task: () => Promise<void>): Promise<void> {
    saving.value = true;
    errors.value = {};
    try {
      await task();
    } catch (e) {
      if (e instanceof ApiError) for (const i of e.issues) errors.value[fieldOf(i.field)] = i.message;
      ElMessage.error((e as Error).message);
    } finally {
      saving.value = false;
    }
  }

  return { saving, errors, submit };
}
