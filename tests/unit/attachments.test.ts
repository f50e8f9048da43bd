import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgFields } from '../../shared/contract/orgs';
import { createCore, type Core } from '../../electron/core';
import { fixedClock, silentLogger } from '../../electron/core/context';
import { Database } from '../../electron/core/db/driver';
import { migrations } from '../../electron/core/db/migrations';
import { listBackups } from '../../electron/core/safety/backup';
import { runCli } from '../../electron/cli';
import { must, tempDir } from '../helpers/core';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.close());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function open(dbPath: string, passphrase?: string): Core {
  const c = createCore({ dbPath, shell: 'cli', clock: fixedClock('2026-11-22T09:00:00+08:00'), logger: silentLogger, actor: '测试员', passphrase });
  cores.push(c);
  return c;
}
function folder(): string {
  const d = tempDir('lx-attach-');
  dirs.push(d);
  return d;
}

/** Personal data as an attachment holds it: a name and an ID number. */
const SECRET = '张秀兰 身份证号 110101199003077776 保密附件专用';
const org = (name: string): OrgFields => ({
  category: 'enterprise', name, uscc: '91350100M000100Y43', industry: '制造业', street: '河东街道', park: null, address: null,
  legalRep: '王建国', phone: '13800000000', employees: 40, operatingStatus: '在营', notes: null,
});

/** A database with one visit file and one debriefing report file; returns their ids. */
async function withAttachments(core: Core) {
  const orgId = (await must(core, 'orgs.save', { org: org('附件测试有限公司'), partyOrg: { built: false, notBuiltReason: '正在筹建' }, acceptWarnings: true })).id;
  const instructorId = (await must(core, 'instructors.save', { fields: { name: '王建华', role: '指导员', employment: '兼职', status: '在岗' } })).id;
  const file = (name: string, text: string) => ({ name, base64: Buffer.from(text).toString('base64') });
  await must(core, 'visits.save', {
    fields: { instructorId, organizationId: orgId, date: '2026-11-20', way: '上门走访', content: '宣讲政策' },
    attachments: [file('走访记录.txt', `走访：${SECRET}`)],
  });
  const [visit] = (await must(core, 'visits.list', {})).rows;
  const cycleId = (await must(core, 'debriefing.saveCycle', { year: 2026, name: '2026年度述职评议', startDate: '2026-11-10', endDate: '2026-12-31', ballotItems: ['总体评价'] })).id;
  const debrieferId = (await must(core, 'debriefing.addCommittee', { cycleId, name: '区两新工委', person: '李明' })).id;
  await must(core, 'debriefing.saveReport', { id: debrieferId, file: file('述职报告.txt', `报告：${SECRET}`) });
  return { attachmentId: visit.attachments[0].id, debrieferId };
}

const text = (f: { base64: string }) => Buffer.from(f.base64, 'base64').toString('utf8');

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('attachments: encrypted, backed up, checked', () => {
  it('an encrypted installation leaves no attachment readable on disk: data folder, backups and the exported backup', async () => {
    const dir = folder();
    const core = open(path.join(dir, 'test.db'));
    await must(core, 'safety.setPassphrase', { current: null, next: '正确的口令123' });
    await withAttachments(core);
    await must(core, 'safety.backupNow', {});
    const needle = Buffer.from('110101199003077776');
    const files = filesUnder(dir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(fs.readFileSync(f).includes(needle), f).toBe(false);
    expect(Buffer.from((await must(core, 'safety.exportBackup', {})).base64, 'base64').includes(needle)).toBe(false);
  });

  it('one backup file holds the attachments: restored into another installation they come back byte for byte', async () => {
    const first = open(path.join(folder(), 'a.db'));
    const { attachmentId, debrieferId } = await withAttachments(first);
    const backup = await must(first, 'safety.exportBackup', {});
    const other = open(path.join(folder(), 'b.db'));
    await must(other, 'safety.restoreFile', { file: { name: backup.fileName, base64: backup.base64 } });
    expect(text(await must(other, 'visits.attachment', { id: attachmentId }))).toBe(`走访：${SECRET}`);
    expect(text(await must(other, 'debriefing.reportFile', { id: debrieferId }))).toBe(`报告：${SECRET}`);
  });

  it('the integrity check reports an altered or a missing attachment, and a restore refuses such a backup', async () => {
    const dir = folder();
    const dbPath = path.join(dir, 'test.db');
    const core = open(dbPath);
    await withAttachments(core);
    const check = async () => {
      const out: string[] = [];
      const code = await runCli(['check', '--db', dbPath], { json: false, out: (t) => out.push(t), err: (t) => out.push(t) });
      return { code, text: out.join('\n') };
    };
    core.close();
    expect((await check()).code).toBe(0);
    const raw = new Database(dbPath);
    raw.pragma('foreign_keys = OFF'); // as a tool editing the file by hand would
    raw.prepare(`UPDATE attachment_files SET bytes = CAST(? AS BLOB) WHERE id = (SELECT file_id FROM visit_attachments)`).run(Buffer.from('被替换的内容'));
    raw.prepare(`DELETE FROM attachment_files WHERE id = (SELECT report_file_id FROM debriefers)`).run();
    raw.close();
    const r = await check();
    expect(r.code).toBe(1);
    expect(r.text).toContain('走访附件“走访记录.txt”已被改动');
    expect(r.text).toContain('“区两新工委”的述职报告文件“述职报告.txt”的内容缺失');

    const target = open(path.join(folder(), 'c.db'));
    const restored = await target.invoke('safety.restoreFile', { file: { name: '坏附件.db', base64: fs.readFileSync(dbPath).toString('base64') } });
    expect(restored.ok).toBe(false);
    if (!restored.ok) expect(restored.error.message).toMatch(/已被改动|内容缺失/);
  });
});

describe('a restored database is not trusted with file paths', () => {
  /** A backup at the current schema whose rows name a file outside the data folder, as a crafted file would. */
  async function craftedBackup(outside: string): Promise<{ file: string; debrieferId: number; attachmentId: number }> {
    const dir = folder();
    const dbPath = path.join(dir, 'crafted.db');
    const core = open(dbPath);
    const ids = await withAttachments(core);
    core.close();
    const raw = new Database(dbPath);
    raw.prepare('UPDATE debriefers SET report_file_id = NULL, report_file_path = ?').run(outside);
    raw.prepare('UPDATE visit_attachments SET file_id = NULL, legacy_path = ?').run(`visits/../../../../../../../..${outside}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    return { file: dbPath, ...ids };
  }

  it('never reads nor deletes a file outside the app folder that a restored row names', async () => {
    const victim = path.join(folder(), 'secret.txt');
    fs.writeFileSync(victim, '别人的机密文件');
    const crafted = await craftedBackup(victim);
    const core = open(path.join(folder(), 'target.db'));
    await must(core, 'safety.restoreFile', { file: { name: 'crafted.db', base64: fs.readFileSync(crafted.file).toString('base64') } });
    const report = await core.invoke('debriefing.reportFile', { id: crafted.debrieferId });
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.error.message).toContain('内容缺失');
    const visitFile = await core.invoke('visits.attachment', { id: crafted.attachmentId });
    expect(visitFile.ok).toBe(false);
    await must(core, 'debriefing.removeDebriefer', { id: crafted.debrieferId });
    const [visit] = (await must(core, 'visits.list', {})).rows;
    await must(core, 'visits.delete', { id: visit.id });
    expect(fs.readFileSync(victim, 'utf8')).toBe('别人的机密文件');
  });

  it('takes in the files an older database kept in its own attachments folder, refusing a planted link, and deletes the plain copies', async () => {
    const dir = folder();
    const dbPath = path.join(dir, 'old.db');
    const attachments = path.join(dir, 'old-attachments');
    fs.mkdirSync(path.join(attachments, 'visits'), { recursive: true });
    fs.mkdirSync(path.join(attachments, 'debriefing'), { recursive: true });
    const victim = path.join(folder(), 'secret.txt');
    fs.writeFileSync(victim, '别人的机密文件');
    const own = 'visits/0b6f7c8e-1d2a-4b3c-9d4e-5f6a7b8c9d0e.txt';
    const link = 'visits/1b6f7c8e-1d2a-4b3c-9d4e-5f6a7b8c9d0e.txt';
    fs.writeFileSync(path.join(attachments, own), `旧文件：${SECRET}`);
    fs.symlinkSync(victim, path.join(attachments, link));
    const report = path.join(attachments, 'debriefing', '1-1763780000000.txt');
    fs.writeFileSync(report, `旧报告：${SECRET}`);
    // A database at schema 4 (before attachments moved into it), as the app wrote it.
    const raw = new Database(dbPath);
    for (const m of migrations.filter((m) => m.version <= 4)) m.up(raw);
    raw.pragma('user_version = 4');
    const now = '2026-11-01T00:00:00Z';
    raw.prepare(`INSERT INTO organizations (id, uscc, name, category, street, created_at, updated_at) VALUES (1, '91350100M000100Y43', '旧公司', 'enterprise', '河东街道', ?, ?)`).run(now, now);
    raw.prepare(`INSERT INTO instructors (id, name, role, employment, status, created_at, updated_at) VALUES (1, '王建华', '指导员', '兼职', '在岗', ?, ?)`).run(now, now);
    raw.prepare(`INSERT INTO instructor_visits (id, instructor_id, organization_id, visit_date, way, content, created_at, updated_at) VALUES (1, 1, 1, '2026-10-01', '电话', '了解情况', ?, ?)`).run(now, now);
    const attach = raw.prepare('INSERT INTO visit_attachments (id, visit_id, file_name, stored_name, size, created_at) VALUES (?, 1, ?, ?, 10, ?)');
    attach.run(1, '自己的.txt', own, now);
    attach.run(2, '链接.txt', link, now);
    raw.prepare(`INSERT INTO debriefing_cycles (id, year, name, start_date, end_date, ballot_items, created_at, updated_at) VALUES (1, 2026, '2026年度', '2026-11-01', '2026-12-31', '["总体评价"]', ?, ?)`).run(now, now);
    raw.prepare(`INSERT INTO debriefers (id, cycle_id, tier, name, report_file_name, report_file_path, created_at, updated_at) VALUES (1, 1, '两新工委', '区两新工委', '报告.txt', ?, ?, ?)`).run(report, now, now);
    raw.close();

    const core = open(dbPath);
    expect(text(await must(core, 'visits.attachment', { id: 1 }))).toBe(`旧文件：${SECRET}`);
    expect(text(await must(core, 'debriefing.reportFile', { id: 1 }))).toBe(`旧报告：${SECRET}`);
    expect(fs.existsSync(path.join(attachments, own))).toBe(false);
    expect(fs.existsSync(report)).toBe(false);
    expect((await core.invoke('visits.attachment', { id: 2 })).ok).toBe(false);
    expect(fs.readFileSync(victim, 'utf8')).toBe('别人的机密文件');
    expect(listBackups(core.ctx.paths.backupsDir, core.ctx.clock.timeZone()).length).toBe(1); // the backup before the upgrade
  });
});
