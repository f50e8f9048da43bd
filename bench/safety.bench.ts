import fs from 'node:fs';
import path from 'node:path';
import { snapshotTo } from '../electron/core/safety/backup';
import { integrityProblems } from '../electron/core/safety/inspect';
import { onSampleDatabase, time, type Bench } from './harness';

/** Backup, integrity check, restore and encryption on a database of 20,000 organisations. */
export const safetyBench: Bench = {
  name: '数据安全（20,000 个组织）',
  run() {
    return onSampleDatabase(this.name, 20_000, '生成 20,000 个组织', async (core, rows) => {
      const size = () => `${(fs.statSync(core.dbPath).size / 1024 / 1024).toFixed(1)} MB`;
      const out = path.join(core.dir, 'bench-backup.db');
      rows.push((await time('备份（VACUUM INTO）', () => snapshotTo(core.ctx.db, out), () => `数据库 ${size()}`)).row);
      rows.push((await time('启动检查 quick_check', () => integrityProblems(core.ctx.db, false))).row);
      rows.push((await time('完整检查 integrity_check', () => integrityProblems(core.ctx.db, true))).row);
      const input = { file: { name: 'bench-backup.db', base64: fs.readFileSync(out).toString('base64') } };
      rows.push((await time('从文件恢复（检查 + 先备份 + 替换 + 重开）', () => core.invoke('safety.restoreFile', input), (r) => (r.ok ? '成功' : r.error.message))).row);
      rows.push((await time('设置口令（整库加密）', () => core.invoke('safety.setPassphrase', { current: null, next: 'bench-口令-2026' }), (r) => (r.ok ? '成功' : r.error.message))).row);
      rows.push((await time('加密后备份', () => core.invoke('safety.backupNow', {}), (r) => (r.ok ? `${(r.data as { size: number }).size} 字节` : r.error.message))).row);
      rows.push((await time('锁定 + 解锁（含密钥派生）', async () => {
        await core.invoke('safety.lock', {});
        return core.invoke('safety.unlock', { passphrase: 'bench-口令-2026' });
      }, (r) => (r.ok ? '成功' : r.error.message))).row);
    });
  },
};
