import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { LocationQuery } from 'vue-router';
import type { ChannelOutput } from '@shared/contract';
import type { OrgFilter, OrgRow, SORT_FIELDS } from '@shared/contract/orgs';
import { api } from '../api/client';

export type SortField = (typeof SORT_FIELDS)[number];
export interface ListSort {
  sort?: SortField;
  order?: 'asc' | 'desc';
}

/** Rows are fetched in pages of this size as the virtual table scrolls; the core caches the filtered list. */
export const PAGE_SIZE = 200;

/** A row not fetched yet; the negative id keys it in the virtual table. */
export interface RowPlaceholder {
  id: number;
  placeholder: true;
}
export type ListRow = OrgRow | RowPlaceholder;
export const isOrgRow = (r: ListRow): r is OrgRow => !('placeholder' in r);
const placeholders = (n: number): ListRow[] => Array.from({ length: n }, (_, i) => ({ id: -(i + 1), placeholder: true }));

/**
 * The organisation list: filter + sort, the total, and a row array (placeholders until fetched) that the
 * virtual table renders; pages are fetched on demand so 100k rows cost only what is on screen.
 */
export const useOrgListStore = defineStore('orgList', () => {
  const filter = ref<OrgFilter>({});
  const sort = ref<ListSort>({});
  const total = ref(0);
  const rows = shallowRef<ListRow[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const facets = ref<ChannelOutput<'orgs.facets'>>({ streets: [], parks: [], industries: [] });
  /** The list's last address query, so "返回列表" from a file comes back to the same filtered list. */
  const lastQuery = ref<LocationQuery>({});
  /** Where the list was scrolled, so coming back from a file lands on the same rows. */
  const scrollTop = ref(0);

  let generation = 0;
  /** The generation the current `rows` array belongs to: a new generation starts from an empty array. */
  let rowsGeneration = -1;
  const requested = new Set<number>();
  let visible = { start: 0, end: 0 };

  async function fetchPage(page: number, gen: number) {
    requested.add(page);
    const r = await api('orgs.list', { ...filter.value, ...sort.value, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    if (gen !== generation) return;
    const fresh = rowsGeneration !== gen || rows.value.length !== r.total;
    // Placeholders are built once per query; a page arriving copies the array (cheap) so the table sees a new one.
    const next = fresh ? placeholders(r.total) : rows.value.slice();
    rowsGeneration = gen;
    r.rows.forEach((row, i) => (next[page * PAGE_SIZE + i] = row));
    total.value = r.total;
    rows.value = next;
  }

  /** Refetches the first page and the visible rows (after a filter/sort change or a data.changed event). */
  async function reload(opts: { toTop?: boolean } = {}) {
    const gen = ++generation;
    requested.clear();
    if (opts.toTop) visible = { start: 0, end: 0 };
    loading.value = true;
    error.value = null;
    try {
      await fetchPage(0, gen);
      ensureRange(visible.start, visible.end);
    } catch (e) {
      if (gen === generation) error.value = (e as Error).message;
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** Makes sure the rows start..end (inclusive) are fetched. */
  function ensureRange(start: number, end: number) {
    visible = { start, end };
    const gen = generation;
    for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) {
      if (p * PAGE_SIZE >= total.value || requested.has(p)) continue;
      fetchPage(p, gen).catch((e: Error) => {
        requested.delete(p);
        if (gen === generation) error.value = e.message;
      });
    }
  }

  async function loadFacets() {
    facets.value = await api('orgs.facets', {});
  }

  return { filter, sort, total, rows, loading, error, facets, lastQuery, scrollTop, reload, ensureRange, loadFacets };
});
