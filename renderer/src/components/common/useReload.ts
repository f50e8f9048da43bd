import { ref, watch, type WatchSource } from 'vue';

/**
 * Keeps what a view shows from the core current: `fetch` runs at once and again whenever one of `sources`
 * changes; a failed load keeps what was shown and puts the core's message in `error` until a load succeeds.
 */
export function useReload(sources: WatchSource[], fetch: () => Promise<void>) {
  const error = ref<string | null>(null);

  async function load() {
    try {
      await fetch();
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }
  watch(sources, load, { immediate: true });

  return { error, load };
}
