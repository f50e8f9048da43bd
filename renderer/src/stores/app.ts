import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ChannelOutput } from '@shared/contract';
import { api, onEvent } from '../api/client';
import { useOfficeTimeZone } from '../components/safety/format';

/** App-wide facts (today, sample data) and a counter that views watch to refresh after any data change. */
export const useAppStore = defineStore('app', () => {
  const info = ref<ChannelOutput<'app.info'> | null>(null);
  /** Bumped on every `data.changed` event from the core. */
  const dataVersion = ref(0);

  async function loadInfo() {
    info.value = await api('app.info', {});
    useOfficeTimeZone(info.value.timeZone);
  }

  onEvent('data.changed', () => {
    dataVersion.value++;
    void loadInfo();
  });

  return { info, dataVersion, loadInfo };
});
