import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors';
import { parseCensus, type ParseRequest } from './parse';

/** The parse worker: waits for one request, posts progress and the result (or a user error), and is then discarded. */
const port = parentPort!;
port.once('message', (req: ParseRequest) => {
  try {
    const result = parseCensus(req, (phase, done, total) => port.postMessage({ type: 'progress', phase, done, total }));
    port.postMessage({ type: 'result', result });
  } catch (e) {
    const error = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    port.postMessage({ type: 'error', error });
  }
});
