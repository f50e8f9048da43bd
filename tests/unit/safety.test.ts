import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgFields, PartyOrgFields } from '../../shared/contract/orgs';
import { createCore, type Core } from '../../electron/core';
import { fixedClock, silentLogger } from '../../electron/core/context';
import { Database } from '../../electron/core/db/driver';
import { LATEST_VERSION, migrations } from '../../electron/core/db/migrations';
import { backupsToKeep, listBackups, rotate, snapshot, snapshotTo } from '../../electron/core/safety/backup';
import { DEFAULT_OFFICE_TIME_ZONE as OFFICE, officeDate, officeInstant } from '../../shared/domain/officeTime';
import { looksEncrypted } from '../../electron/core/safety/cipher';
import { runCli } from '../../electron/cli';
import { must, tempDir } from '../helpers/core';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.close());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function open(dbPath: string, passphrase?: string, today = '2026-11-22'): Core {
  const c = createCore({ dbPath, shell: 'cli', clock: fixedClock(`${today}T09:00:00+08:00`), logger: silentLogger, actor: '测试员', passphrase });
  cores.push(c);
  return c;
}
function fresh(passphrase?: string): { core: Core; dbPath: string; dir: string } {
  const dir = tempDir('lx-safety-');
  dirs.push(dir);
  const dbPath = path.join(dir, 'test.db');
  return { core: open(dbPath, passphrase), dbPath, dir };
}

const org = (name: string, uscc: string): OrgFields => ({
  category: 'enterprise', name, uscc, industry: '制造业', street: '河东街道', park: null, address: null,
  legalRep: '王建国', phone: '13800000000', employees: 40, operatingStatus: '在营', notes: null,
});
const noOrg: PartyOrgFields = { built: false, notBuiltReason: '正在筹建' };

/** Every row of every table (sqlite_sequence aside), for comparing two databases. */
function dump(core: Core): Record<string, unknown[]> {
  const db = core.ctx.db;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
}

async function expectError(core: Core, channel: 'safety.restoreFile', input: Parameters<Core['invoke']>[1], code: string, text: RegExp) {
  const r = await core.invoke(channel, input);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(text);
  }
}
const fileInput = (file: string) => ({ name: path.basename(file), base64: fs.readFileSync(file).toString('base64') });

describe('backup and restore', () => {
  it('round-trips to an identical database: same rows, same audit', async () => {
    const { core, dir } = fresh();
    await must(core, 'demo.load', {});
    await must(core, 'orgs.save', { org: org('衡水恒泰机械有限公司', '91350100M000100Y43'), partyOrg: noOrg, acceptWarnings: true });
    const before = dump(core);
    const exported = await must(core, 'safety.exportBackup', {});
    const bk = path.join(dir, exported.fileName);
    fs.writeFileSync(bk, Buffer.from(exported.base64, 'base64'));

    await must(core, 'orgs.save', { org: org('之后新增的公司', '91350100M000200Y43'), partyOrg: noOrg, acceptWarnings: true });
    expect(dump(core)).not.toEqual(before);

    const r = await must(core, 'safety.restoreFile', { file: fileInput(bk) });
    expect(r.organizations).toBe(before.organizations.length);
    expect(r.auditRows).toBe(before.audit_log.length);
    expect(dump(core)).toEqual(before);
    // The database as it was before the restore is kept, and it holds the later organisation.
    expect(r.keptAs).toMatch(/_恢复前\.db$/);
    const kept = new Database(path.join(core.ctx.paths.backupsDir, r.keptAs!), { readonly: true });
    expect(kept.prepare(`SELECT COUNT(*) AS n FROM organizations WHERE name = '之后新增的公司'`).get()).toEqual({ n: 1 });
    kept.close();
    // The core keeps working on the restored file.
    expect((await must(core, 'orgs.list', { query: '之后新增' })).total).toBe(0);
  });

  it('a restore into a session that has only read shows the restored organisations (no stale list)', async () => {
    const source = fresh();
    await must(source.core, 'demo.load', {});
    const bk = await must(source.core, 'safety.exportBackup', {});
    const { core } = fresh();
    expect((await must(core, 'orgs.list', {})).total).toBe(0);
    const r = await must(core, 'safety.restoreFile', { file: { name: bk.fileName, base64: bk.base64 } });
    expect((await must(core, 'orgs.list', {})).total).toBe(r.organizations);
  });

  it('refuses a damaged, a foreign and a newer file, says why, and changes nothing', async () => {
    const { core, dir } = fresh();
    await must(core, 'demo.load', {});
    const before = dump(core);
    const backupsBefore = listBackups(core.ctx.paths.backupsDir, core.ctx.clock.timeZone()).length;

    const good = path.join(dir, 'good.db');
    snapshotTo(core.ctx.db, good);
    const damaged = path.join(dir, 'damaged.db');
    const bytes = fs.readFileSync(good);
    // Overwrite the middle pages (table b-trees) with noise, keeping the header.
    const pageSize = bytes.readUInt16BE(16);
    for (let i = 2 * pageSize; i < Math.min(bytes.length, 12 * pageSize); i++) bytes[i] = (i * 7919) & 0xff;
    fs.writeFileSync(damaged, bytes);
    await expectError(core, 'safety.restoreFile', { file: fileInput(damaged) }, 'DAMAGED', /已损坏.*当前数据未作任何改动/);

    const foreign = path.join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('${'x'.repeat(600)}');`);
    f.close();
    await expectError(core, 'safety.restoreFile', { file: fileInput(foreign) }, 'UNSUPPORTED_FILE', /不是两新档案的备份文件/);

    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, '这不是数据库'.repeat(100));
    await expectError(core, 'safety.restoreFile', { file: fileInput(text) }, 'LOCKED', /加密|不是两新档案/);

    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(good, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    await expectError(core, 'safety.restoreFile', { file: fileInput(newer) }, 'DB_VERSION', /较新版本/);

    expect(dump(core)).toEqual(before);
    expect(listBackups(core.ctx.paths.backupsDir, core.ctx.clock.timeZone()).length).toBe(backupsBefore);
  });

  it('takes a daily backup at start only when the last one is older than a day', async () => {
    const { core, dbPath } = fresh();
    const first = listBackups(core.ctx.paths.backupsDir, core.ctx.clock.timeZone());
    expect(first.map((b) => b.reason)).toEqual(['每日']);
    core.close();
    open(dbPath, undefined, '2026-11-22').close();
    expect(listBackups(path.dirname(dbPath) + '/test-backups', OFFICE)).toHaveLength(1);
    const next = open(dbPath, undefined, '2026-11-24');
    expect(listBackups(next.ctx.paths.backupsDir, OFFICE).map((b) => b.reason)).toEqual(['每日', '每日']);
  });

  it.skipIf(LATEST_VERSION < 2)('takes a backup before a schema upgrade, holding the old schema version', () => {
    const dir = tempDir('lx-safety-');
    dirs.push(dir);
    const dbPath = path.join(dir, 'old.db');
    const old = new Database(dbPath);
    migrations[0].up(old);
    old.pragma('user_version = 1');
    old.close();
    const core = open(dbPath);
    const upgrade = listBackups(core.ctx.paths.backupsDir, core.ctx.clock.timeZone()).find((b) => b.reason === '升级前');
    expect(upgrade).toBeDefined();
    const copy = new Database(path.join(core.ctx.paths.backupsDir, upgrade!.fileName), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    copy.close();
  });

  it('rotation deletes the files it does not keep, and leftovers of interrupted backups', () => {
    const { core } = fresh();
    const dir = path.join(core.ctx.paths.dataDir, 'rot');
    for (let d = 0; d < 40; d++) snapshot(core.ctx.db, dir, '每日', officeInstant(OFFICE, 2026, 11, 22 - d, 9));
    fs.writeFileSync(path.join(dir, '20261122-100000-000_每日.db.part'), 'half');
    fs.writeFileSync(path.join(dir, '20261122-100000-000_每日.db.part-journal'), 'journal of the half'); // SQLite's, beside it
    const removed = rotate(dir, OFFICE);
    const left = listBackups(dir, OFFICE);
    expect(removed).toContain('20261122-100000-000_每日.db.part');
    expect(removed).toContain('20261122-100000-000_每日.db.part-journal');
    expect(left.length + removed.length - 2).toBe(40);
    expect(left.slice(0, 7).map((b) => officeDate(new Date(b.at), OFFICE))).toEqual([22, 21, 20, 19, 18, 17, 16].map((d) => `2026-11-${d}`));
    expect(left.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(fs.readdirSync(dir).sort()).toEqual(left.map((b) => b.fileName).sort());
  });

  it('rotation keeps 7 daily, 4 weekly and 12 monthly backups and every manual one', () => {
    const entries = [];
    // One automatic backup a day for 400 days, plus two manual ones long ago.
    for (let d = 0; d < 400; d++) {
      const at = officeInstant(OFFICE, 2026, 11, 22 - d, 9);
      entries.push({ fileName: `auto-${d}.db`, reason: '每日', at: at.toISOString(), size: 1 });
    }
    entries.push({ fileName: 'manual.db', reason: '手动', at: officeInstant(OFFICE, 2025, 1, 1).toISOString(), size: 1 });
    const keep = backupsToKeep(entries, OFFICE);
    expect(keep.has('manual.db')).toBe(true);
    const kept = entries.filter((e) => keep.has(e.fileName) && e.reason === '每日').map((e) => new Date(e.at));
    // 7 days, then Mondays-weeks and months overlap the recent ones: between 12 and 7+4+12 distinct.
    expect(kept.length).toBeGreaterThanOrEqual(12);
    expect(kept.length).toBeLessThanOrEqual(23);
    for (let d = 0; d < 7; d++) expect(keep.has(`auto-${d}`+'.db')).toBe(true);
    const months = new Set(kept.map((d) => officeDate(d, OFFICE).slice(0, 7)));
    expect(months.size).toBe(12);
    expect(keep.has('auto-399.db')).toBe(false);
  });
});

describe('automatic backups around census imports', () => {
  it('backs up before a census commit and before its undo', async () => {
    const { core } = fresh();
    const csv = '\ufeff企业（社会组织）名称,统一社会信用代码,组织类别,所在街道（乡镇）,从业人员数,正式党员数,预备党员数,是否建立党组织,经营状态\n' +
      '衡水恒泰机械有限公司,91350100M000100Y43,非公企业,河东街道,40,3,0,否,在营\n';
    const preview = await must(core, 'census.preview', { file: { name: '摸排.csv', base64: Buffer.from(csv).toString('base64') }, year: 2026 });
    const reasons = () => listBackups(core.ctx.paths.backupsDir, core.ctx.clock.timeZone()).map((b) => b.reason);
    expect(reasons()).not.toContain('摸排导入前');
    const commit = await must(core, 'census.commit', { previewId: preview.previewId, acceptWarnings: true, exclude: [] });
    expect(reasons()).toContain('摸排导入前');
    // The backup holds the database as it was before the import: no organisation yet.
    const before = listBackups(core.ctx.paths.backupsDir, core.ctx.clock.timeZone()).find((b) => b.reason === '摸排导入前')!;
    const copy = new Database(path.join(core.ctx.paths.backupsDir, before.fileName), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM organizations').get()).toEqual({ n: 0 });
    copy.close();
    await must(core, 'census.undo', { batchId: commit.batch!.id });
    expect(reasons()).toContain('撤销导入前');
  });
});

describe('start-up check and recovery', () => {
  it('a database that fails quick_check opens in the damaged state and recovers from the newest good backup', async () => {
    const { core, dbPath } = fresh();
    await must(core, 'demo.load', {});
    await must(core, 'safety.backupNow', {});
    const good = dump(core);
    core.close();
    const bytes = fs.readFileSync(dbPath);
    const pageSize = bytes.readUInt16BE(16);
    for (let i = 3 * pageSize; i < bytes.length - pageSize; i += 97) bytes[i] ^= 0x5a;
    fs.writeFileSync(dbPath, bytes);
    fs.rmSync(dbPath + '-wal', { force: true });

    const again = open(dbPath);
    const status = await must(again, 'safety.status', {});
    expect(status.state).toBe('damaged');
    expect(status.message).toMatch(/损坏/);
    const list = await again.invoke('orgs.list', {});
    expect(list.ok).toBe(false);
    // A damaged backup newer than the good ones is passed over.
    fs.writeFileSync(path.join(again.ctx.paths.backupsDir, '20261122-235959-000_手动.db'), bytes);
    const { backups, newestGood } = await must(again, 'safety.backups', { verify: true });
    expect(backups[0].fileName).toBe('20261122-235959-000_手动.db');
    const manual = backups.find((b) => b.reason === '手动' && b !== backups[0])!;
    expect(newestGood).toBe(manual.fileName);
    const broken = await again.invoke('safety.restoreBackup', { fileName: backups[0].fileName });
    expect(broken.ok || broken.error.code).toBe('DAMAGED');
    const r = await must(again, 'safety.restoreBackup', { fileName: newestGood! });
    expect(r.organizations).toBe(good.organizations.length);
    expect((await must(again, 'safety.status', {})).state).toBe('open');
    expect(dump(again)).toEqual(good);
  });
});

describe('encryption at rest', () => {
  const NAME = '保密测试专用科技有限公司';

  it('with a passphrase set, neither the database file, its WAL nor any backup holds an organisation name in plain text', async () => {
    const { core, dbPath } = fresh();
    await must(core, 'orgs.save', { org: org(NAME, '91350100M000100Y43'), partyOrg: noOrg, acceptWarnings: true });
    await must(core, 'safety.setPassphrase', { current: null, next: '正确的口令123' });
    await must(core, 'orgs.save', { org: org(NAME + '二部', '91350100M000200Y43'), partyOrg: noOrg, acceptWarnings: true });
    await must(core, 'safety.backupNow', {});
    const needle = Buffer.from('保密测试专用', 'utf8');
    const files = [dbPath, dbPath + '-wal', ...listBackups(core.ctx.paths.backupsDir, core.ctx.clock.timeZone()).map((b) => path.join(core.ctx.paths.backupsDir, b.fileName))];
    const existing = files.filter((f) => fs.existsSync(f));
    expect(existing.length).toBeGreaterThanOrEqual(4);
    for (const f of existing) expect(fs.readFileSync(f).includes(needle), f).toBe(false);
    expect(looksEncrypted(dbPath)).toBe(true);
    // The exported backup is encrypted with the same key.
    const exported = Buffer.from((await must(core, 'safety.exportBackup', {})).base64, 'base64');
    expect(exported.includes(needle)).toBe(false);
    expect(exported.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    // Plain SQLite cannot read it.
    core.close();
    const raw = new Database(dbPath, { readonly: true });
    expect(() => raw.prepare('SELECT COUNT(*) FROM organizations').get()).toThrow(/not a database/);
    raw.close();
  });

  it('starts locked, refuses a wrong passphrase with a clear message, unlocks, changes and removes the passphrase', async () => {
    const { core, dbPath } = fresh('第一个口令AB');
    await must(core, 'orgs.save', { org: org(NAME, '91350100M000100Y43'), partyOrg: noOrg, acceptWarnings: true });
    core.close();

    const locked = open(dbPath);
    expect((await must(locked, 'safety.status', {})).state).toBe('locked');
    const denied = await locked.invoke('orgs.list', {});
    expect(denied.ok || denied.error.code).toBe('LOCKED');
    const wrong = await locked.invoke('safety.unlock', { passphrase: '不对的口令' });
    expect(wrong.ok || wrong.error.message).toMatch(/口令不正确/);
    await must(locked, 'safety.unlock', { passphrase: '第一个口令AB' });
    expect((await must(locked, 'orgs.list', {})).total).toBe(1);

    const bad = await locked.invoke('safety.setPassphrase', { current: '猜的口令', next: '第二个口令CD' });
    expect(bad.ok || bad.error.message).toMatch(/当前口令不正确/);
    await must(locked, 'safety.setPassphrase', { current: '第一个口令AB', next: '第二个口令CD' });
    await must(locked, 'safety.lock', {});
    expect((await locked.invoke('orgs.list', {})).ok).toBe(false);
    expect((await locked.invoke('safety.unlock', { passphrase: '第一个口令AB' })).ok).toBe(false);
    await must(locked, 'safety.unlock', { passphrase: '第二个口令CD' });
    // Backups follow the passphrase: every one opens with the new passphrase via a restore.
    const { backups } = await must(locked, 'safety.backups', {});
    const older = backups.find((b) => b.reason === '口令变更前')!;
    expect((await must(locked, 'safety.restoreBackup', { fileName: older.fileName })).organizations).toBe(1);

    await must(locked, 'safety.setPassphrase', { current: '第二个口令CD', next: null });
    expect(looksEncrypted(dbPath)).toBe(false);
    locked.close();
    const plain = open(dbPath);
    expect((await must(plain, 'orgs.list', {})).total).toBe(1);
  });

  it('setting, changing and removing the passphrase each write an audit row, never the passphrase', async () => {
    const { core } = fresh();
    await must(core, 'safety.setPassphrase', { current: null, next: '口令一号AB' });
    await must(core, 'safety.setPassphrase', { current: '口令一号AB', next: '口令二号CD' });
    await must(core, 'safety.setPassphrase', { current: '口令二号CD', next: null });
    const rows = core.ctx.db.prepare(`SELECT actor, action, entity, entity_label, old_value, new_value FROM audit_log WHERE entity = 'safety' ORDER BY id`).all();
    expect(rows).toEqual(
      ['passphrase_set', 'passphrase_change', 'passphrase_remove'].map((action) => ({ actor: '测试员', action, entity: 'safety', entity_label: '数据库口令', old_value: null, new_value: null })),
    );
    const { rows: listed } = await must(core, 'audit.list', { entity: 'safety' });
    expect(listed.map((r) => r.action)).toEqual(expect.arrayContaining(['passphrase_set', 'passphrase_change', 'passphrase_remove']));
    expect(JSON.stringify(core.ctx.db.prepare('SELECT * FROM audit_log').all())).not.toMatch(/口令[一二]号/);
  });
});

describe('CLI backup, restore, check', () => {
  const run = async (argv: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const code = await runCli(argv, { json: false, out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      process.env = saved;
    }
  };

  it('check on a missing file fails with a clear message and creates nothing', async () => {
    const dbPath = path.join(tempDir(), '没有这个库.db');
    const r = await run(['check', '--db', dbPath]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('不存在');
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  it('check exits 0 only when sound; backup and restore work on an encrypted database with LX_PASSPHRASE', async () => {
    const { core, dbPath, dir } = fresh('命令行口令');
    await must(core, 'demo.load', {});
    const count = (await must(core, 'orgs.list', {})).total;
    core.close();

    expect((await run(['check', '--db', dbPath])).code).toBe(1);
    const ok = await run(['check', '--db', dbPath, '--json'], { LX_PASSPHRASE: '命令行口令' });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, schemaVersion: LATEST_VERSION, encrypted: true, problems: [] });

    const out = path.join(dir, 'usb', '备份.db');
    fs.mkdirSync(path.dirname(out));
    const b = await run(['backup', '--out', out, '--db', dbPath], { LX_PASSPHRASE: '命令行口令' });
    expect(b.code, b.err).toBe(0);
    expect(looksEncrypted(out)).toBe(true);

    const other = path.join(dir, 'other.db');
    const r = await run(['restore', out, '--db', other, '--json'], { LX_PASSPHRASE: '命令行口令' });
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).organizations).toBe(count);

    fs.writeFileSync(path.join(dir, 'junk.db'), Buffer.alloc(8192, 7));
    const junk = await run(['restore', path.join(dir, 'junk.db'), '--db', other], { LX_PASSPHRASE: '命令行口令' });
    expect(junk.code).toBe(1);
    expect(junk.err).toMatch(/错误：/);
  });

  it('never takes the passphrase from the command line: --passphrase is refused with what to do; a terminal is asked instead', async () => {
    const { core, dbPath } = fresh('终端口令');
    core.close();
    const given = await run(['check', '--db', dbPath, '--passphrase', '终端口令']);
    expect(given.code).toBe(2);
    expect(given.err).toContain('--passphrase 已停用');
    expect(given.err).toContain('LX_PASSPHRASE=口令');
    expect((await run(['check', '--db', dbPath, '--passphrase=终端口令'])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.out).toContain('LX_PASSPHRASE');
    expect(help.out).toContain('不接受 --passphrase');
    // A terminal: the CLI asks (without echo, in main.ts) and opens with what was typed.
    const asked: string[] = [];
    const out: string[] = [];
    const prompt = async (q: string) => (asked.push(q), '终端口令');
    const code = await runCli(['check', '--db', dbPath, '--json'], { json: false, out: (t) => out.push(t), err: () => undefined, prompt });
    expect(asked).toEqual(['数据库已加密，请输入口令：']);
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ ok: true, encrypted: true });
  });
});

describe('audit log across the database', () => {
  it('filters by date, entity and field, masks ID numbers unless asked, and exports what it shows', async () => {
    const { core } = fresh();
    const { id } = await must(core, 'orgs.save', { org: org('衡水恒泰机械有限公司', '91350100M000100Y43'), partyOrg: noOrg, acceptWarnings: true });
    const detail = await must(core, 'orgs.get', { id });
    await must(core, 'orgs.save', { id, org: { ...detail.org, notes: '联系人身份证 110101199003077777', phone: '0318-1234567' }, partyOrg: detail.partyOrg, acceptWarnings: true });
    await must(core, 'orgs.saveMembers', { organizationId: id, counts: { year: 2026, full: 5, probationary: 1 } });

    const all = await must(core, 'audit.list', {});
    expect(all.total).toBeGreaterThan(3);
    const phone = await must(core, 'audit.list', { entity: 'organization', field: 'phone' });
    expect(phone.rows.map((r) => r.newValue)).toContain('0318-1234567');
    expect(phone.rows.every((r) => r.field === 'phone')).toBe(true);
    expect((await must(core, 'audit.list', { entity: 'member_count' })).total).toBeGreaterThan(0);
    expect((await must(core, 'audit.list', { from: '2026-11-22', to: '2026-11-22' })).total).toBe(all.total);
    expect((await must(core, 'audit.list', { from: '2026-11-23' })).total).toBe(0);
    expect((await must(core, 'audit.list', { to: '2026-11-21' })).total).toBe(0);

    const notes = await must(core, 'audit.list', { field: 'notes' });
    expect(notes.rows[0].newValue).toBe('联系人身份证 1101**********7777');
    expect((await must(core, 'audit.list', { field: 'notes', showIdNumbers: true })).rows[0].newValue).toContain('110101199003077777');

    const facets = await must(core, 'audit.facets', {});
    expect(facets.entities.find((e) => e.entity === 'organization')?.label).toBe('组织档案');
    const file = await must(core, 'audit.export', { field: 'notes' });
    const XLSX = await import('@e965/xlsx');
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(Buffer.from(file.base64, 'base64')).Sheets['审计日志']);
    expect(rows).toHaveLength(notes.total);
    expect(rows[0]['新值']).toBe('联系人身份证 1101**********7777');
  });
});
