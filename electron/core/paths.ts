import os from 'node:os';
import path from 'node:path';
import type { Paths } from './context';

export const APP_DIR_NAME = 'liangxin-dangan';

/** Electron's userData folder for this app, computed the same way without Electron (CLI, browser shell). */
export function defaultDataDir(): string {
  if (process.env.LX_DATA_DIR) return path.resolve(process.env.LX_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

/** Paths for a database file; backups and attachments live beside it. */
export function pathsFor(dbPath?: string): Paths {
  const dbFile = path.resolve(dbPath ?? path.join(defaultDataDir(), 'liangxin.db'));
  const dataDir = path.dirname(dbFile);
  const stem = path.basename(dbFile).replace(/\.[^.]+$/, '');
  const isDefault = !dbPath;
  return {
    dataDir,
    dbPath: dbFile,
    backupsDir: path.join(dataDir, isDefault ? 'backups' : `${stem}-backups`),
    attachmentsDir: path.join(dataDir, isDefault ? 'attachments' : `${stem}-attachments`),
  };
}
