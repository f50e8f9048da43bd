import type { Db } from './db/driver';
import type { EventName, EventPayload } from '../../shared/contract';
import type { CallGate } from './gate';

/** Where the core reads the time; passed in, so tests and LX_NOW control it. */
export interface Clock {
  now(): Date;
}

/** The core's clock: the instant, the office's time zone, and the office's calendar date at the instant. */
export interface OfficeClock extends Clock {
  /** The office's time zone (setting office.timeZone; the default zone while the database is not open). */
  timeZone(): string;
  /** The office's date (see shared/domain/officeTime), YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands at one instant (ISO 8601 with its offset, e.g. 2026-11-22T09:00:00+08:00). */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`时间“${iso}”无法识别，应写成 2026-11-22T09:00:00+08:00 这样的格式。`);
  return { now: () => new Date(at) };
}

/**
 * The product's one way to set its clock from outside (tests, demonstrations): LX_NOW=<ISO instant>
 * makes every shell (desktop, browser, CLI) stand at that instant; unset, the machine's clock.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  return env.LX_NOW ? fixedClock(env.LX_NOW) : systemClock;
}

/** Rows a census commit writes between two turns of the event loop: a few milliseconds, so progress moves and a cancel is heard at once. */
export const DEFAULT_COMMIT_CHUNK_ROWS = 500;

/**
 * The product's one way to set the census commit's chunk from outside, read by every shell like LX_NOW:
 * LX_COMMIT_CHUNK_ROWS=<1–100000>. Smaller chunks answer progress and 取消 more often and write a little slower
 * (tests use it so a cancel lands midway however fast the machine is); unset, DEFAULT_COMMIT_CHUNK_ROWS.
 */
export function commitChunkRowsFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.LX_COMMIT_CHUNK_ROWS;
  if (given === undefined || given === '') return DEFAULT_COMMIT_CHUNK_ROWS;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`LX_COMMIT_CHUNK_ROWS=“${given}”无效：应为 1 到 100000 的整数（每次写入的行数）。`);
  return n;
}

export interface Logger {
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (m, e) => console.log(`[info] ${m}`, e ?? ''),
  warn: (m, e) => console.warn(`[warn] ${m}`, e ?? ''),
  error: (m, e) => console.error(`[error] ${m}`, e ?? ''),
};
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export interface Paths {
  /** Folder that holds the database, backups and attachments. */
  dataDir: string;
  dbPath: string;
  backupsDir: string;
  attachmentsDir: string;
}

export type EmitFn = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export type Shell = 'electron' | 'web' | 'cli';

/** Everything a handler may use; passed in, never imported globally, so tests control it. */
export interface CoreContext {
  db: Db;
  paths: Paths;
  clock: OfficeClock;
  logger: Logger;
  emit: EmitFn;
  /** Who is acting, for the audit trail: the operator's name from 设置 (the OS account until one is saved). */
  readonly actor: string;
  /** The account the operator falls back to. */
  readonly account: string;
  shell: Shell;
  appVersion: string;
  jobs: JobRegistry;
  /** Lets a census commit hold the connection alone while its transaction spans event-loop turns. */
  gate: CallGate;
  /** Rows a census commit writes between two turns of the event loop (CoreOptions.commitChunkRows). */
  commitChunkRows: number;
}

/** Long-running work: progress events and cancellation by job id. */
export class JobRegistry {
  private running = new Map<string, AbortController>();

  constructor(private emit: EmitFn) {}

  start(jobId: string) {
    const ctl = new AbortController();
    this.running.set(jobId, ctl);
    return {
      signal: ctl.signal,
      progress: (phase: string, label: string, done: number, total: number) =>
        this.emit('job.progress', { jobId, phase, label, done, total }),
      end: () => this.running.delete(jobId),
    };
  }

  cancel(jobId: string): boolean {
    const ctl = this.running.get(jobId);
    if (!ctl) return false;
    ctl.abort();
    return true;
  }
}
