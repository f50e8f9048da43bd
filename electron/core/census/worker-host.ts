import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../../shared/contract';
import { AppError } from '../errors';
import type { ParseRequest, ParseResult, Progress } from './parse';
import type { CheckedRow } from './validate';

/** What the worker posts: progress, the checked rows in slices, then the rest of the result (or an error). */
type WorkerMessage =
  | { type: 'progress'; phase: 'reading' | 'checking'; done: number; total: number }
  | { type: 'rows'; rows: CheckedRow[] }
  | { type: 'result'; result: ParseResult }
  | { type: 'error'; error: { code: ErrorCode; message: string } };

export interface WorkerLimits {
  timeoutMs: number;
  memoryMb: number;
}

export const DEFAULT_LIMITS: WorkerLimits = { timeoutMs: 180_000, memoryMb: 768 };
/**
 * The young generation is where SheetJS's short-lived strings and cell objects are born; V8 keeps all of it
 * committed. 16 MB instead of 64 lowers the peak of a 100k-row read by about 60 MB for no measurable time.
 */
const YOUNG_MB = 16;

/**
 * Where the worker code is. From TypeScript source (tsx, vitest) a small .mjs registers tsx in the
 * thread; a bundled build ships it next to the bundle: `census-worker.cjs` (the CLI's, scripts/cli-bundle.mjs)
 * or `census-worker.js` (electron-vite's). Without either, parse in-process.
 */
function workerEntry(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./worker-boot.mjs', here);
  return [new URL('./census-worker.cjs', here), new URL('./census-worker.js', here)].find((u) => fs.existsSync(fileURLToPath(u))) ?? null;
}

/** One idle worker with the default limits, started after each parse so the next one skips the start-up. */
let spare: Worker | null = null;

function spawn(entry: URL, limits: WorkerLimits): Worker {
  const w = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: YOUNG_MB }, stdout: false, stderr: false });
  w.on('error', () => {}); // an idle spare that dies is simply not used
  return w;
}

function takeWorker(entry: URL, limits: WorkerLimits): Worker {
  const isDefault = limits.memoryMb === DEFAULT_LIMITS.memoryMb;
  const w = isDefault && spare && spare.threadId > 0 ? spare : spawn(entry, limits);
  if (w === spare) spare = null;
  w.ref();
  return w;
}

function prepareSpare(entry: URL): void {
  if (spare) return;
  const w = spawn(entry, DEFAULT_LIMITS);
  w.unref(); // never keeps the process (e.g. the CLI) alive
  w.once('exit', () => {
    if (spare === w) spare = null;
  });
  spare = w;
}

/** A file the next request will most likely carry, for the idle worker to read meanwhile. */
export interface ReadAhead {
  path: string;
  /** The name the request will give (it is in the worker's messages). */
  fileName: string;
}

/**
 * Starts the idle worker ahead of time (the import screen calls this when it opens). With `ahead` (the CLI,
 * which knows the file before it has loaded the rest of itself) the worker reads that file meanwhile, and
 * uses that read only if the request then carries exactly those bytes.
 */
export function warmParseWorker(ahead?: ReadAhead): void {
  const entry = workerEntry();
  if (!entry) return;
  prepareSpare(entry);
  if (ahead) spare?.postMessage({ readAhead: ahead });
}

/**
 * Parses a census file off the main thread, within a time and memory limit, cancellable.
 * `transferBytes`: hand `req.bytes` to the worker instead of copying it (the caller's array is emptied).
 * `spare: false`: start no idle worker for a next file afterwards (a CLI command reads one file and ends;
 * the spare's start-up would only take a core from the comparison).
 * `onRows`: takes the checked rows slice by slice as the worker posts them (in file order, each final); they
 * are then not in the result's `rows`.
 */
export function parseInWorker(
  req: ParseRequest,
  opts: {
    signal?: AbortSignal;
    progress?: Progress;
    limits?: Partial<WorkerLimits>;
    transferBytes?: boolean;
    spare?: boolean;
    onRows?: (rows: CheckedRow[]) => void;
  } = {},
): Promise<ParseResult> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const entry = workerEntry();
  // Loaded only here: the CLI starts this module first to warm the worker, before SheetJS is compiled.
  if (!entry) return import('./parse').then((m) => m.parseCensus(req, opts.progress));
  return new Promise((resolve, reject) => {
    const worker = takeWorker(entry, limits);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      worker.removeAllListeners('message');
      void worker.terminate();
      if (opts.spare !== false) prepareSpare(entry);
      fn();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new AppError('LIMIT', `读取“${req.fileName}”超过 ${Math.round(limits.timeoutMs / 1000)} 秒仍未完成，已停止。文件可能过大或含有大量空行/格式，请删除多余内容后另存再试。`),
          ),
        ),
      limits.timeoutMs,
    );
    const onAbort = () => finish(() => reject(new AppError('CANCELLED', '已取消导入，数据库未作任何改动。')));
    opts.signal?.addEventListener('abort', onAbort);
    if (opts.signal?.aborted) onAbort();
    const rows: CheckedRow[] = [];
    const onRows =
      opts.onRows ??
      ((slice: CheckedRow[]) => {
        for (const r of slice) rows.push(r);
      });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') opts.progress?.(m.phase, m.done, m.total);
      else if (m.type === 'rows') {
        try {
          onRows(m.rows);
        } catch (e) {
          finish(() => reject(e)); // the caller's failure (e.g. its database), not the worker's: said as is
        }
      }
      else if (m.type === 'result') finish(() => resolve({ ...m.result, rows }));
      else if (m.type === 'error') finish(() => reject(new AppError(m.error.code, m.error.message)));
    });
    worker.on('error', (e: Error & { code?: string }) =>
      finish(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError('LIMIT', `读取“${req.fileName}”所需内存超过上限（${limits.memoryMb} MB），已停止。文件可能过大或结构异常（如声明了巨大的区域），请删除多余内容后另存再试。`)
            : new AppError('INTERNAL', `读取“${req.fileName}”时出错：${e.message}`),
        ),
      ),
    );
    worker.on('exit', (code) => finish(() => reject(new AppError('INTERNAL', `读取进程意外退出（代码 ${code}），请重试。`))));
    const whole = req.bytes.byteOffset === 0 && req.bytes.byteLength === req.bytes.buffer.byteLength && req.bytes.buffer instanceof ArrayBuffer;
    worker.postMessage(req, opts.transferBytes && whole ? [req.bytes.buffer as ArrayBuffer] : []);
  });
}
