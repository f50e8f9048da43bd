import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { InstructorRow, InstructorSettings } from '@shared/contract/instructors';
import { api } from '../api/client';
import { useAppStore } from './app';

/** The roster (for pickers and the workload table) and the visit-duty setting, refreshed on data changes. */
export const useInstructorStore = defineStore('instructors', () => {
  const roster = ref<InstructorRow[]>([]);
  const settings = ref<InstructorSettings>({ visitIntervalMonths: 3 });
  const loaded = ref(false);
  const error = ref<string | null>(null);

  async function load() {
    try {
      const [r, s] = await Promise.all([api('instructors.list', {}), api('instructors.settings', {})]);
      roster.value = r.rows;
      settings.value = s;
      loaded.value = true;
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  const app = useAppStore();
  watch(() => app.dataVersion, () => loaded.value && void load());

  return { roster, settings, loaded, error, load };
});
