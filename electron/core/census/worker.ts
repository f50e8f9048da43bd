import fs from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors';
import { MAX_FILE_BYTES } from '../../../shared/contract/limits';
import { parseCensus, type ParseRequest } from './parse';
import { readAtMost } from '../files/readAtMost';
import { readCensusFile, type ReadResult } from './read';
import type { CheckedRow } from './validate';
import type { ReadAhead } from './worker-host';

/** The parse worker: waits for one request (perhaps reading its file ahead), posts progress and the result (or a user error), and is then discarded. */
const port = parentPort!;
const ROWS_PER_MESSAGE = 5000;
/** Below this file size the peak is far from the limit, and a full collection would only cost time. */
const COLLECT_FROM_BYTES = 8 * 1024 * 1024;

/**
 * A full collection on demand, as jest does it: `--expose-gc` only for one new context, then off again.
 * SheetJS leaves ~200 MB of garbage after a 100k-row read that V8 would otherwise carry into the checking.
 */
function collector(): () => void {
  const own = (globalThis as { gc?: () => void }).gc;
  if (typeof own === 'function') return own;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    setFlagsFromString('--no-expose-gc');
    if (typeof gc === 'function') return gc as () => void;
  } catch {
    // no on-demand collection: V8 collects in its own time
  }
  return () => {};
}

/** The file named in `ReadAhead`, read while the request was on its way; used only if the request carries the same bytes. */
let ahead: { bytes: Buffer; fileName: string; read: ReadResult } | null = null;

/**
 * A plain file of a size the CLI accepts, and never more of it than that size (a file that grows meanwhile,
 * /proc's size 0); anything else is left to the request's own checks, which say what is wrong.
 */
function readBounded(path: string): Buffer | null {
  const stat = fs.statSync(path); // checked before opening: opening a pipe would wait for a writer
  if (!stat.isFile() || stat.size === 0 || stat.size > MAX_FILE_BYTES) return null;
  return readAtMost(path, stat.size);
}

function readAhead({ path, fileName }: ReadAhead): void {
  try {
    const bytes = readBounded(path);
    if (bytes) ahead = { bytes, fileName, read: readCensusFile(bytes, fileName) };
  } catch {
    ahead = null; // unreadable or not a census file: the request reads it again and says why
  }
}

/** The read-ahead if it read exactly what the request carries (same bytes, name, automatic encoding); dropped either way. */
function takeAhead(req: ParseRequest): ReadResult | undefined {
  const a = ahead;
  ahead = null;
  if (!a || a.fileName !== req.fileName || (req.encoding ?? 'auto') !== 'auto') return undefined;
  return Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength).equals(a.bytes) ? a.read : undefined;
}

function onMessage(m: ParseRequest | { readAhead: ReadAhead }) {
  if ('readAhead' in m) return readAhead(m.readAhead);
  port.off('message', onMessage);
  const req = m;
  try {
    const gc = req.bytes.byteLength >= COLLECT_FROM_BYTES ? collector() : () => {};
    const progress = (phase: 'reading' | 'checking', done: number, total: number) => port.postMessage({ type: 'progress', phase, done, total });
    // The rows go in slices while the rest are checked: each message's copy is small, and the main thread
    // takes them in while this one works.
    const onRows = (rows: CheckedRow[]) => port.postMessage({ type: 'rows', rows });
    const result = parseCensus(req, progress, { releaseBytes: true, afterRead: gc, readAhead: takeAhead(req), onRows, rowsPerSlice: ROWS_PER_MESSAGE });
    port.postMessage({ type: 'result', result });
  } catch (e) {
    const error = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    port.postMessage({ type: 'error', error });
  }
}
port.on('message', onMessage);
