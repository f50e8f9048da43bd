import { reactive, ref, type Ref } from 'vue';

/** A window into a long list held by the core. */
export type PageWindow = { offset: number; limit: number };

/**
 * One page of a long list from the core, a page at a time so the table stays quick with thousands of rows:
 * `load` fetches the page `page` points at; a failed load keeps the last rows and shows its message in `error`.
 */
export function usePagedList<Row>(fetch: (window: PageWindow) => Promise<{ rows: Row[]; total: number }>) {
  const page = reactive({ current: 1, size: 50 });
  const rows = ref([]) as Ref<Row[]>;
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load() {
    loading.value = true;
    try {
      const r = await fetch({ offset: (page.current - 1) * page.size, limit: page.size });
      rows.value = r.rows;
      total.value = r.total;
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
    }
  }

  return { page, rows, total, loading, error, load };
}
