import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DomainChannels } from '../../../shared/contract';
import { recordAudit } from '../audit/audit';
import { schemaVersion } from '../db/database';
import { LATEST_VERSION } from '../db/migrations';
import type { HandlerMap } from '../handlers-types';
import { getSetting, setSetting } from '../settings/settings';
import { auditFacets, exportAudit, listAudit } from './auditLog';
import { backupBefore, dailyBackupIfDue, listBackups, snapshotTo } from './backup';
import { rekeyBackups, restoreBackup, restoreFrom, stageUpload, stagingFile } from './restore';
import { sessionOf } from './session';
import { inspectFile } from './inspect';

const IDLE_KEY = 'safety.idleLockMinutes';
const IdleMinutes = z.number().int().min(0).max(480);
const ok = { ok: true as const };

/** The newest backup that opens and passes integrity_check, for the recovery screen to offer. */
function newestGoodBackup(dir: string, backups: { fileName: string }[], passphrase: string | null): string | null {
  for (const b of backups) {
    try {
      inspectFile(path.join(dir, b.fileName), passphrase, b.fileName);
      return b.fileName;
    } catch {
      // damaged, foreign or newer: try the next older one
    }
  }
  return null;
}

export const safetyHandlers: HandlerMap<DomainChannels<'safety' | 'audit'>> = {
  'safety.status': (_i, ctx) => {
    const s = sessionOf(ctx);
    const open = s.state === 'open';
    return {
      state: s.state,
      message: s.message,
      encrypted: s.encrypted,
      dbPath: ctx.paths.dbPath,
      backupsDir: ctx.paths.backupsDir,
      schemaVersion: open ? schemaVersion(ctx.db) : null,
      appSchemaVersion: LATEST_VERSION,
      idleLockMinutes: open ? getSetting(ctx.db, IDLE_KEY, IdleMinutes, 15) : 0,
      lastBackupAt: listBackups(ctx.paths.backupsDir, ctx.clock.timeZone())[0]?.at ?? null,
    };
  },
  'safety.unlock': ({ passphrase }, ctx) => {
    sessionOf(ctx).unlock(passphrase);
    dailyBackupIfDue(ctx); // skipped at start while the database was locked
    return ok;
  },
  'safety.lock': (_i, ctx) => {
    sessionOf(ctx).lock();
    return ok;
  },
  'safety.backups': ({ verify }, ctx) => {
    const backups = listBackups(ctx.paths.backupsDir, ctx.clock.timeZone());
    return { dir: ctx.paths.backupsDir, backups, newestGood: verify ? newestGoodBackup(ctx.paths.backupsDir, backups, sessionOf(ctx).passphraseInUse) : null };
  },
  'safety.backupNow': (_i, ctx) => backupBefore(ctx, '手动'),
  'safety.exportBackup': (_i, ctx) => {
    const file = stagingFile(ctx, 'export');
    try {
      snapshotTo(ctx.db, file);
      const today = ctx.clock.today();
      return { fileName: `两新档案备份-${today}.db`, mime: 'application/vnd.sqlite3', base64: fs.readFileSync(file).toString('base64') };
    } finally {
      fs.rmSync(file, { force: true });
    }
  },
  'safety.restoreFile': ({ file, passphrase }, ctx) => {
    const staged = stageUpload(ctx, file.base64);
    try {
      return restoreFrom(ctx, staged, file.name, passphrase);
    } finally {
      fs.rmSync(staged, { force: true });
    }
  },
  'safety.restoreBackup': ({ fileName }, ctx) => restoreBackup(ctx, fileName),
  'safety.setPassphrase': ({ current, next }, ctx) => {
    const s = sessionOf(ctx);
    const previous = s.passphraseInUse;
    backupBefore(ctx, '口令变更前');
    s.setPassphrase(current, next);
    rekeyBackups(ctx.paths.backupsDir, ctx.clock.timeZone(), previous, next);
    // Who set, changed or removed it, and when; never the passphrase itself.
    const action = previous === null ? 'passphrase_set' : next === null ? 'passphrase_remove' : 'passphrase_change';
    recordAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.actor, action, entity: 'safety', entityId: null, entityLabel: '数据库口令' });
    return ok;
  },
  'safety.setIdleLock': ({ minutes }, ctx) => {
    setSetting(ctx.db, IDLE_KEY, minutes);
    return ok;
  },
  'audit.list': (q, ctx) => listAudit(ctx.db, q),
  'audit.facets': (_i, ctx) => auditFacets(ctx.db),
  'audit.export': (q, ctx) => exportAudit(ctx.db, q, ctx.clock.today()),
};
