import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FileInput, JobProgress } from '@shared/contract';
import type { CensusBatch, CensusField, CensusRow, CensusFixedValues, CensusMapping, CensusPreview, CommitResult, ENCODINGS, UndoChoice } from '@shared/contract/census';
import { ApiError, api, newJobId, onEvent, readFileInput, saveFile } from '../api/client';
import { useAppStore } from './app';

type Encoding = (typeof ENCODINGS)[number];

/** The census import in progress: the chosen file, its preview, the user's decisions, progress and batches. */
export const useCensusStore = defineStore('census', () => {
  const file = ref<FileInput | null>(null);
  // The office's year (app.info's today, on the app's clock), the computer's only before that is known.
  const year = ref(Number(useAppStore().info?.today.slice(0, 4) ?? new Date().getFullYear()));
  const encoding = ref<Encoding>('auto');
  /** The worksheet to read (null = the one whose header fits best). */
  const sheet = ref<string | null>(null);
  const preview = ref<CensusPreview | null>(null);
  /** The mapping the user set in the preview (null = the file's automatic or remembered one). */
  const mapping = ref<CensusMapping | null>(null);
  /** Values the user set for the whole file (所在街道 of a street office's own file). */
  const fixed = ref<CensusFixedValues>({});
  const acceptWarnings = ref(false);
  /** Import the out-of-scope rows (国有、集体 …) too: the user's decision, off by default. */
  const includeOutOfScope = ref(false);
  const excluded = ref(new Set<number>());
  const progress = ref<JobProgress | null>(null);
  const jobId = ref<string | null>(null);
  const busy = ref<'preview' | 'commit' | null>(null);
  const error = ref<string | null>(null);
  /** A calm note for the user, e.g. that a cancelled import changed nothing. */
  const notice = ref<string | null>(null);
  /** 取消 was pressed for the running job (its button then waits for the core to stop). */
  const cancelling = ref(false);
  const result = ref<CommitResult | null>(null);
  const batches = ref<CensusBatch[]>([]);

  /** 取消 came before the core had started the job: it is sent again with the job's next progress. */
  let cancelPending = false;
  onEvent('job.progress', (p) => {
    if (p.jobId !== jobId.value) return;
    progress.value = p;
    if (cancelPending) {
      cancelPending = false;
      void api('jobs.cancel', { jobId: p.jobId });
    }
  });

  /** Starts a job: a fresh id and progress, no leftover cancel. */
  function startJob(first: JobProgress['phase'], label: string, total: number) {
    jobId.value = newJobId();
    cancelling.value = false;
    cancelPending = false;
    notice.value = null;
    progress.value = { jobId: jobId.value, phase: first, label, done: 0, total };
    return jobId.value;
  }

  /** A cancelled job is not an error: say calmly that nothing changed. */
  function failed(e: unknown) {
    if (e instanceof ApiError && e.code === 'CANCELLED') notice.value = e.message;
    else error.value = (e as Error).message;
  }

  async function choose(f: File) {
    file.value = await readFileInput(f);
    mapping.value = null;
    fixed.value = {};
    encoding.value = 'auto';
    sheet.value = null;
    const y = /(?<!\d)(20\d{2})(?!\d)/.exec(f.name); // 2026, not the 2000 in “20000行”
    if (y) year.value = Number(y[1]);
    await runPreview();
  }

  async function runPreview() {
    if (!file.value) return;
    busy.value = 'preview';
    error.value = null;
    result.value = null;
    const job = startJob('reading', '读取文件', 1);
    try {
      preview.value = await api('census.preview', {
        file: file.value,
        year: year.value,
        jobId: job,
        encoding: encoding.value,
        ...(mapping.value ? { mapping: mapping.value } : {}),
        ...(sheet.value ? { sheet: sheet.value } : {}),
        ...(Object.keys(fixed.value).length ? { fixed: fixed.value } : {}),
      });
      excluded.value = new Set();
      acceptWarnings.value = false;
      includeOutOfScope.value = false;
    } catch (e) {
      preview.value = null;
      failed(e);
    } finally {
      busy.value = null;
    }
  }

  /** Points a field at a column (or at none) and previews again. */
  async function setField(field: CensusField, column: number | null) {
    if (!preview.value) return;
    const m: CensusMapping = {};
    for (const c of preview.value.columns) if (c.field && c.field !== field && c.index !== column && m[c.field] === undefined) m[c.field] = c.index;
    if (column !== null) m[field] = column;
    mapping.value = m;
    await runPreview();
  }

  /** Sets (or with null, clears) one value for a field across the whole file, and previews again. */
  async function setFixed(field: CensusField, value: string | null) {
    const next = { ...fixed.value };
    if (value && value.trim()) next[field] = value.trim();
    else delete next[field];
    fixed.value = next;
    await runPreview();
  }

  async function cancel() {
    if (!jobId.value || cancelling.value) return;
    cancelling.value = true;
    const { cancelled } = await api('jobs.cancel', { jobId: jobId.value });
    if (!cancelled && busy.value) cancelPending = true;
  }

  async function commit(): Promise<CommitResult | null> {
    if (!preview.value) return null;
    busy.value = 'commit';
    error.value = null;
    const job = startJob('writing', '写入数据库', importable.value);
    try {
      result.value = await api('census.commit', {
        previewId: preview.value.previewId,
        acceptWarnings: acceptWarnings.value,
        exclude: [...excluded.value],
        includeOutOfScope: includeOutOfScope.value,
        jobId: job,
      });
      if (result.value.batch) preview.value = null;
      await loadBatches();
      return result.value;
    } catch (e) {
      // Cancelled: the preview stays, so the user can change a decision and import again.
      failed(e);
      return null;
    } finally {
      busy.value = null;
    }
  }

  async function undo(batchId: number, resolve: Record<string, UndoChoice> = {}) {
    const r = await api('census.undo', { batchId, resolve });
    if (result.value?.batch?.id === batchId) result.value = null;
    await loadBatches();
    return r.message;
  }

  async function loadBatches() {
    batches.value = await api('census.batches', {});
  }

  async function exportProblems() {
    if (preview.value) await saveFile(await api('census.problems', { previewId: preview.value.previewId }));
  }

  const toggleExcluded = (row: number, exclude: boolean) => {
    const s = new Set(excluded.value);
    if (exclude) s.add(row);
    else s.delete(row);
    excluded.value = s;
  };

  /**
   * The preview's rows in the groups the page shows, each row in one group: the count tiles and the tabs both
   * read these lengths, so a tile and its tab always agree (the core's counts.new also holds new rows with warnings).
   */
  const groups = computed(() => {
    const rows = preview.value?.rows ?? [];
    const pick = (f: (r: CensusRow) => boolean) => rows.filter(f);
    // Out-of-scope rows (国有、集体 …) are their own group: they are not 两新 organisations.
    const accepted = (r: CensusRow) => r.outcome === 'accept' && !r.outOfScope;
    return {
      new: pick((r) => r.diff === 'new' && accepted(r)),
      changed: pick((r) => r.diff === 'changed' && accepted(r)),
      unchanged: pick((r) => r.diff === 'unchanged' && accepted(r)),
      warn: pick((r) => r.outcome === 'warn' && !r.outOfScope),
      reject: pick((r) => r.outcome === 'reject'),
      scope: pick((r) => !!r.outOfScope && r.outcome !== 'reject'),
    };
  });

  /** Rows the commit would take with the current decisions. */
  const importableRows = computed(
    () =>
      preview.value?.rows.filter(
        (r) => r.outcome !== 'reject' && !excluded.value.has(r.row) && (r.outcome === 'accept' || acceptWarnings.value) && (!r.outOfScope || includeOutOfScope.value),
      ) ?? [],
  );
  const importable = computed(() => importableRows.value.length);
  /** Of those, the rows that would change the database (new or changed); the rest equal the case files already. */
  const toWrite = computed(() => {
    const rows = importableRows.value;
    const created = rows.filter((r) => r.diff === 'new').length;
    const updated = rows.filter((r) => r.diff === 'changed').length;
    return { total: created + updated, created, updated };
  });

  /** How far the running job is, 0–100. */
  const percent = computed(() => {
    const p = progress.value;
    return p && p.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
  });

  function reset() {
    file.value = null;
    preview.value = null;
    mapping.value = null;
    fixed.value = {};
    result.value = null;
    error.value = null;
    notice.value = null;
  }

  return {
    file, year, encoding, sheet, preview, mapping, fixed, acceptWarnings, includeOutOfScope, excluded, progress, busy, error, notice, cancelling, result, batches, groups, importable, toWrite, percent,
    choose, runPreview, setField, setFixed, cancel, commit, undo, loadBatches, exportProblems, toggleExcluded, reset,
  };
});
