import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type EventName, type EventPayload, type Result } from '../../shared/contract';
import { JobRegistry, clockFromEnvironment, commitChunkRowsFromEnvironment, consoleLogger, type Clock, type OfficeClock, type CoreContext, type Logger, type Paths, type Shell } from './context';
import { AppError } from './errors';
import { CallGate } from './gate';
import { handlers } from './handlers';
import { pathsFor } from './paths';
import { dailyBackupIfDue } from './safety/backup';
import { attachSession, DbSession } from './safety/session';
import { officeTimeZone } from './settings/officeZone';
import { DEFAULT_OFFICE_TIME_ZONE, officeDate } from '../../shared/domain/officeTime';
import { operatorName, systemAccount } from './settings/operator';

export interface CoreOptions {
  dbPath?: string;
  paths?: Paths;
  shell: Shell;
  /** Default: LX_NOW if set, else the machine's clock. */
  clock?: Clock;
  logger?: Logger;
  actor?: string;
  appVersion?: string;
  /** Rows a census commit writes between two turns of the event loop. Default: LX_COMMIT_CHUNK_ROWS if set, else 500. */
  commitChunkRows?: number;
  /** Passphrase of an encrypted database; without it an encrypted database starts locked. */
  passphrase?: string | null;
}

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface Core {
  ctx: CoreContext;
  /** Validates the input against the channel's schema, runs the handler, and never throws. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  /** Closes the database connection; the core answers LOCKED until it is opened again. */
  close(): void;
}

export const APP_VERSION = '0.1.0';

export function createCore(opts: CoreOptions): Core {
  const paths = opts.paths ?? pathsFor(opts.dbPath);
  const source = opts.clock ?? clockFromEnvironment();
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => bus.emit('event', name, payload);
  const logger = opts.logger ?? consoleLogger;
  // The connection lives in the session so lock, unlock and restore can swap it under ctx.db.
  const session = new DbSession({ file: paths.dbPath, backupsDir: paths.backupsDir, attachmentsDir: paths.attachmentsDir, now: () => source.now(), logger });
  session.open(opts.passphrase ?? null);
  // A locked or damaged database has no settings to read: the default zone's until it opens.
  const timeZone = () => (session.state === 'open' ? officeTimeZone(session.db) : DEFAULT_OFFICE_TIME_ZONE);
  const clock: OfficeClock = {
    now: () => source.now(),
    timeZone,
    today: () => officeDate(source.now(), timeZone()),
  };
  const account = opts.actor ?? systemAccount();
  const ctx: CoreContext = {
    get db() {
      return session.db;
    },
    /** The saved operator's name; before first start (or while locked) the given or system account. */
    get actor() {
      return (session.state === 'open' && operatorName(session.db)) || account;
    },
    account,
    paths,
    clock,
    logger,
    emit,
    shell: opts.shell,
    appVersion: opts.appVersion ?? APP_VERSION,
    jobs: new JobRegistry(emit),
    gate: new CallGate(),
    commitChunkRows: opts.commitChunkRows ?? commitChunkRowsFromEnvironment(),
  };
  attachSession(ctx, session);
  if (session.state === 'open') {
    try {
      dailyBackupIfDue(ctx);
    } catch (e) {
      logger.warn('每日自动备份失败', e);
    }
  }
  return {
    ctx,
    invoke: (channel, input) => invoke(ctx, channel, input),
    onEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    close: () => session.close(),
  };
}

/**
 * Calls that go past a census commit holding the connection: a cancel must reach it, and the status
 * that every navigation asks for only reads (a read inside the commit's transaction changes nothing).
 */
const UNGATED = new Set<ChannelName>(['jobs.cancel', 'safety.status']);

export async function invoke(ctx: CoreContext, channel: string, input: unknown): Promise<Result<unknown>> {
  if (!isChannelName(channel)) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `未知的调用：${channel}` } };
  const parsed = (channels[channel].input as z.ZodType).safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(输入)', message: i.message }));
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `“${channels[channel].title}”的输入不正确：${issues.map((i) => `${i.field}：${i.message}`).join('；')}`,
        issues,
      },
    };
  }
  try {
    const handler = handlers[channel] as (i: unknown, c: CoreContext) => unknown;
    const run = () => handler(parsed.data, ctx);
    return { ok: true, data: await (UNGATED.has(channel) ? run() : ctx.gate.call(run)) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toShape() };
    ctx.logger.error(`${channel} 失败`, e);
    return { ok: false, error: { code: 'INTERNAL', message: `内部错误：${e instanceof Error ? e.message : String(e)}。数据未被改动，请重试或联系维护人员。` } };
  }
}
