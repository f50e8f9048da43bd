import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ChannelOutput } from '@shared/contract';
import type { CycleRow, MemberUnit } from '@shared/contract/debriefing';
import { DEFAULT_GRADING_SETTINGS, type GradingSettings } from '@shared/domain/grading';
import { api } from '../api/client';

type CycleView = ChannelOutput<'debriefing.cycle'>;

/** The debriefing screens' shared state: the cycles, the open cycle, member units and the grading settings. */
export const useDebriefingStore = defineStore('debriefing', () => {
  const cycles = ref<CycleRow[]>([]);
  const cycleId = ref<number | null>(null);
  const view = ref<CycleView | null>(null);
  const units = ref<(MemberUnit & { id: number })[]>([]);
  const settings = ref<GradingSettings>(DEFAULT_GRADING_SETTINGS);
  const settingsText = ref<string[]>([]);
  const settingsDefault = ref(true);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const cycle = computed(() => view.value?.cycle ?? null);

  async function loadCycles() {
    cycles.value = await api('debriefing.cycles', {});
    if (cycleId.value === null || !cycles.value.some((c) => c.id === cycleId.value)) cycleId.value = cycles.value[0]?.id ?? null;
  }

  async function loadView() {
    if (cycleId.value === null) {
      view.value = null;
      return;
    }
    view.value = await api('debriefing.cycle', { id: cycleId.value });
  }

  async function loadUnits() {
    units.value = await api('debriefing.units', {});
  }

  async function loadSettings() {
    const s = await api('debriefing.settings', {});
    settings.value = s.settings;
    settingsText.value = s.description;
    settingsDefault.value = s.isDefault;
  }

  /** Everything the main screen shows; errors land in `error` for the page alert. */
  async function refresh() {
    loading.value = true;
    try {
      await loadCycles();
      await Promise.all([loadView(), loadUnits(), loadSettings()]);
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
    }
  }

  async function select(id: number) {
    cycleId.value = id;
    await loadView();
  }

  return { cycles, cycleId, view, cycle, units, settings, settingsText, settingsDefault, loading, error, refresh, select, loadUnits, loadSettings, loadCycles };
});
