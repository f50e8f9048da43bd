import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { Core } from '../../electron/core';
import { generateCensusFile } from '../../electron/core/census/generate';
import { CallGate } from '../../electron/core/gate';
import { commitChunkRowsFromEnvironment, DEFAULT_COMMIT_CHUNK_ROWS as COMMIT_CHUNK } from '../../electron/core/context';
import type { JobProgress } from '../../shared/contract';
import { FIXTURES, must } from '../helpers/core';
import { coresClosedAfterEach } from '../helpers/lifecycle';

const fixture = (f: string) => ({ name: f, base64: fs.readFileSync(path.join(FIXTURES, 'census', f)).toString('base64') });
/** A census file in the street offices' messy shape, big enough to be written in several chunks. */
const generated = (rows: number) => {
  const { bytes, fileName } = generateCensusFile({ rows, format: 'csv-utf8', seed: 11 });
  return { name: fileName, base64: Buffer.from(bytes).toString('base64') };
};
const open = coresClosedAfterEach();

/** Everything the import may touch, in a comparable form. */
const dump = (core: Core) =>
  ['organizations', 'party_orgs', 'member_counts', 'census_records', 'audit_log'].map((t) => core.ctx.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());

/** A small census sheet: title, header, rows. */
function sheet(rows: (string | number | null)[][]): { name: string; base64: string } {
  const aoa = [['2027年度摸排表'], ['企业名称', '统一社会信用代码', '所在街道', '从业人员数', '正式党员数', '是否建立党组织', '党组织类型'], ...rows];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '摸排表');
  return { name: 'small.xlsx', base64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })).toString('base64') };
}

describe('census commit and undo', () => {
  it('commits accepted rows as one batch and undo returns the database exactly to before', async () => {
    const core = open();
    await must(core, 'orgs.save', {
      org: { category: 'enterprise', name: '衡水中科物流有限公司', uscc: '91131102YK306XJR0K', street: '邓庄镇', employees: 2, operatingStatus: '在营' },
      partyOrg: { built: false },
    });
    const before = dump(core);
    const p = await must(core, 'census.preview', { file: fixture('taocheng-2026-moupai.xlsx'), year: 2026 });
    expect(p.counts).toMatchObject({ dataRows: 60, accept: 56, warn: 2, reject: 2, new: 57, changed: 1 });
    const changed = p.rows.find((r) => r.diff === 'changed')!;
    expect(changed.row).toBe(12);
    // A name change under the same code is shown as a change to confirm, field by field.
    expect(changed.changes).toContainEqual({ field: 'name', label: '名称', oldValue: '衡水中科物流有限公司', newValue: '衡水中科物流股份有限公司' });
    expect(changed.changes).toContainEqual({ field: 'employees', label: '从业人员数', oldValue: '2', newValue: '3' });

    const r = await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: false, exclude: [5] });
    expect(r.noop).toBe(false);
    expect(r.batch).toMatchObject({ imported: 55, created: 54, updated: 1, year: 2026, fileName: 'taocheng-2026-moupai.xlsx', status: 'committed' });
    const org = await must(core, 'orgs.get', { uscc: '91131102YK306XJR0K' });
    expect(org.org.name).toBe('衡水中科物流股份有限公司');
    expect(org.partyOrg).toMatchObject({ built: true, type: '党支部', formation: '单独组建', secretaryName: '段志强' });
    expect(org.members).toEqual([{ year: 2026, full: 3, probationary: 2 }]);
    // Excluded row 5 and the unaccepted warning rows 18 and 54 are not in the database.
    const db = core.ctx.db;
    for (const code of ['91131102GEGJQQCE8U', '911311027MW5LF3E30', '91131102HLPPM40L1G']) {
      expect(db.prepare('SELECT 1 FROM organizations WHERE uscc = ?').get(code)).toBeUndefined();
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM census_records WHERE year = 2026').get()).toEqual({ n: 55 });
    expect((db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import'").get() as { n: number }).n).toBeGreaterThan(55);

    const u = await must(core, 'census.undo', { batchId: r.batch!.id });
    expect(u.message).toContain('恢复到导入前');
    expect(dump(core)).toEqual(before);
    const [b] = await must(core, 'census.batches', {});
    expect(b.status).toBe('undone');
    const again = await core.invoke('census.undo', { batchId: r.batch!.id });
    expect(again.ok).toBe(false);
  });

  it('importing the identical file again changes nothing and says so', async () => {
    const core = open();
    const p1 = await must(core, 'census.preview', { file: fixture('hexi-2026-utf8bom.csv'), year: 2026 });
    await must(core, 'census.commit', { previewId: p1.previewId, acceptWarnings: false, exclude: [] });
    const before = dump(core);
    const p2 = await must(core, 'census.preview', { file: fixture('hexi-2026-utf8bom.csv'), year: 2026 });
    expect(p2.alreadyImported?.batchId).toBe(1);
    expect(p2.counts).toMatchObject({ new: 0, changed: 0, unchanged: 30 });
    const r = await must(core, 'census.commit', { previewId: p2.previewId, acceptWarnings: false, exclude: [] });
    expect(r).toMatchObject({ noop: true, batch: null });
    expect(r.message).toContain('没有任何改动');
    expect(dump(core)).toEqual(before);
    expect(await must(core, 'census.batches', {})).toHaveLength(1);
  });

  it('warning rows are imported only when warnings are accepted', async () => {
    const core = open();
    const p = await must(core, 'census.preview', { file: fixture('lubei-2026-gbk.csv'), year: 2026 });
    const r = await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    expect(r.batch).toMatchObject({ imported: 43, created: 43 });
    const o = await must(core, 'orgs.get', { uscc: '911311029KP9JRQH40' });
    expect(o.org.name).toBe('衡水绿源医药有限责任公司');
  });

  it('refuses to undo a batch whose rows were edited afterwards, and undoes batches newest first', async () => {
    const core = open();
    const a = await must(core, 'census.preview', { file: sheet([['甲公司', '91131102YK306XJR0K', '河东街道', 10, 3, '是', '党支部']]), year: 2026 });
    const b1 = (await must(core, 'census.commit', { previewId: a.previewId, acceptWarnings: false, exclude: [] })).batch!;
    const b = await must(core, 'census.preview', { file: sheet([['甲公司', '91131102YK306XJR0K', '河东街道', 12, 5, '是', '党支部']]), year: 2027 });
    expect(b.rows[0].changes.map((c) => c.field)).toEqual(['employees', 'fullMembers']);
    const b2 = (await must(core, 'census.commit', { previewId: b.previewId, acceptWarnings: false, exclude: [] })).batch!;
    const refused = await core.invoke('census.undo', { batchId: b1.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('甲公司');
    await must(core, 'census.undo', { batchId: b2.id });
    // Same facts in a later year: only a new snapshot, yet undoing the first batch would delete it too.
    const c = await must(core, 'census.preview', { file: sheet([['甲公司', '91131102YK306XJR0K', '河东街道', 10, 3, '是', '党支部']]), year: 2028 });
    const b3 = (await must(core, 'census.commit', { previewId: c.previewId, acceptWarnings: false, exclude: [] })).batch!;
    expect((await core.invoke('census.undo', { batchId: b1.id })).ok).toBe(false);
    await must(core, 'census.undo', { batchId: b3.id });
    await must(core, 'census.undo', { batchId: b1.id });
    expect(core.ctx.db.prepare('SELECT COUNT(*) AS n FROM organizations').get()).toEqual({ n: 0 });
  });

  it('keeps one snapshot per year, shows the history and a year-over-year comparison', async () => {
    const core = open();
    const y1 = sheet([
      ['甲公司', '91131102YK306XJR0K', '河东街道', 10, 3, '否', null],
      ['乙公司', '91131102MMD8GA3B54', '河西街道', 20, 8, '是', '党支部'],
      ['丙协会', '51131102AFG2TGAG5P', '河西街道', 20, 2, '否', null],
    ]);
    const y2 = sheet([
      ['甲公司', '91131102YK306XJR0K', '河东街道', 10, 4, '是', '党支部'],
      ['乙公司', '91131102MMD8GA3B54', '河西街道', 20, 6, '否', null],
      ['丁公司', '91131102HLPPM40L1G', '河西街道', 5, 0, '否', null],
    ]);
    for (const [file, year] of [[y1, 2025], [y2, 2026]] as const) {
      const p = await must(core, 'census.preview', { file, year });
      await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    }
    expect(await must(core, 'census.years', {})).toEqual([2026, 2025]);
    const jia = await must(core, 'orgs.get', { uscc: '91131102YK306XJR0K' });
    const h = await must(core, 'census.orgHistory', { organizationId: jia.id });
    expect(h.map((r) => [r.year, r.fullMembers, r.partyOrgBuilt])).toEqual([
      [2026, 4, true],
      [2025, 3, false],
    ]);
    const { changes } = await must(core, 'census.compare', { fromYear: 2025, toYear: 2026 });
    const kinds = changes.map((c) => `${c.kind}:${c.name}`).sort();
    expect(kinds).toEqual(['built:甲公司', 'dissolved:乙公司', 'gone:丙协会', 'membersDown:乙公司', 'membersUp:甲公司', 'new:丁公司']);
    // 丙协会 is missing from the 2026 file: flagged, never deleted.
    expect((await must(core, 'orgs.get', { uscc: '51131102AFG2TGAG5P' })).org.name).toBe('丙协会');
  });

  it('remembers a confirmed mapping for the same header layout', async () => {
    const core = open();
    const file = sheet([['甲公司', '91131102YK306XJR0K', '河东街道', 10, 3, '否', null]]);
    const p = await must(core, 'census.preview', { file, year: 2026 });
    expect(p.mappingSource).toBe('auto');
    // The user says column 4 (正式党员数) is not members but employees… and drops the members column.
    const mapping = Object.fromEntries(p.columns.filter((c) => c.field).map((c) => [c.field!, c.index]));
    delete mapping.fullMembers;
    const p2 = await must(core, 'census.preview', { file, year: 2026, mapping });
    expect(p2.mappingSource).toBe('user');
    expect(p2.rows[0].values.fullMembers).toBe(0);
    await must(core, 'census.commit', { previewId: p2.previewId, acceptWarnings: false, exclude: [] });
    const p3 = await must(core, 'census.preview', { file, year: 2027 });
    expect(p3.mappingSource).toBe('saved');
    expect(p3.columns.find((c) => c.index === 4)!.field).toBeNull();
  });

  it('exports problem rows and a template that reads back with the same data', async () => {
    const core = open();
    const p = await must(core, 'census.preview', { file: fixture('taocheng-2026-moupai.xlsx'), year: 2026 });
    const problems = await must(core, 'census.problems', { previewId: p.previewId });
    const wb = XLSX.read(Buffer.from(problems.base64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]]);
    expect(rows.map((r) => r['原表行号'])).toEqual([18, 44, 54, 64]);
    await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });

    const blank = await must(core, 'census.template', { withData: false, year: 2027 });
    const bp = await must(core, 'census.preview', { file: { name: blank.fileName, base64: blank.base64 }, year: 2027 });
    expect(bp.counts.dataRows).toBe(0);
    expect(bp.missingRequired).toEqual([]);
    const full = await must(core, 'census.template', { withData: true, year: 2027 });
    const back = await must(core, 'census.preview', { file: { name: full.fileName, base64: full.base64 }, year: 2026 });
    expect(back.counts).toMatchObject({ dataRows: 58, new: 0, changed: 0, unchanged: 58, reject: 0 });
  });
});

/** Every row of every table (and the schema version), order-independent: the database's whole content. */
function dumpAll(core: Core): Record<string, unknown> {
  const db = core.ctx.db;
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const out: Record<string, unknown> = { user_version: db.pragma('user_version', { simple: true }) };
  for (const t of tables) out[t] = (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
  return out;
}

/** The writing progress of one job, each event with the number of event-loop turns seen so far. */
function watch(core: Core, jobId: string, onWriting?: (e: JobProgress) => void) {
  const events: (JobProgress & { turn: number })[] = [];
  let turn = 0;
  let running = true;
  const tick = () => {
    turn++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const off = core.onEvent((name, payload) => {
    const e = payload as JobProgress;
    if (name !== 'job.progress' || e.jobId !== jobId || e.phase !== 'writing') return;
    events.push({ ...e, turn });
    onWriting?.(e);
  });
  return {
    events,
    stop() {
      running = false;
      off();
    },
  };
}

describe('census commit: progress, cancel, other calls meanwhile', () => {
  it('reports writing progress live: rows written of the total, chunk by chunk, between turns of the event loop', async () => {
    const core = open();
    const p = await must(core, 'census.preview', { file: fixture('taocheng-2026-moupai.xlsx'), year: 2026 });
    const small = watch(core, 'job-small');
    await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [], jobId: 'job-small' });
    small.stop();
    expect(small.events[0]).toMatchObject({ phase: 'writing', done: 0, total: 58 });
    expect(small.events.at(-1)).toMatchObject({ label: '写入数据库', done: 58, total: 58 });

    const big = await must(core, 'census.preview', { file: generated(3000), year: 2026 });
    const total = big.counts.accept + big.counts.warn;
    const w = watch(core, 'job-big');
    const r = await must(core, 'census.commit', { previewId: big.previewId, acceptWarnings: true, exclude: [], jobId: 'job-big' });
    w.stop();
    expect(r.batch).toMatchObject({ imported: total, created: total });
    const steps = w.events.filter((e) => e.label === '写入数据库');
    expect(steps.map((e) => e.done)).toEqual([0, ...Array.from({ length: Math.ceil(total / COMMIT_CHUNK) }, (_, i) => Math.min((i + 1) * COMMIT_CHUNK, total))]);
    expect(steps.every((e) => e.total === total)).toBe(true);
    // Live: the event loop turned between the chunks, so each step could reach the screen (and a cancel the core).
    const turns = steps.map((e) => e.turn);
    for (let i = 2; i < turns.length; i++) expect(turns[i]).toBeGreaterThan(turns[i - 1]);
  });

  it('writes as many rows per chunk as the core is told (CoreOptions.commitChunkRows, LX_COMMIT_CHUNK_ROWS), the batch the same', async () => {
    const core = open({ commitChunkRows: 7 });
    const p = await must(core, 'census.preview', { file: fixture('taocheng-2026-moupai.xlsx'), year: 2026 });
    const w = watch(core, 'job-7');
    const r = await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [], jobId: 'job-7' });
    w.stop();
    expect(r.batch).toMatchObject({ imported: 58 });
    expect(w.events.filter((e) => e.label === '写入数据库').map((e) => e.done)).toEqual([0, 7, 14, 21, 28, 35, 42, 49, 56, 58]);
    expect(commitChunkRowsFromEnvironment({})).toBe(COMMIT_CHUNK);
    expect(commitChunkRowsFromEnvironment({ LX_COMMIT_CHUNK_ROWS: '1' })).toBe(1);
    for (const bad of ['0', '2.5', '十', '100001']) expect(() => commitChunkRowsFromEnvironment({ LX_COMMIT_CHUNK_ROWS: bad })).toThrow(/1 到 100000 的整数/);
  });

  it('a cancel midway rolls everything back: every table exactly as before, and the same preview imports afterwards', async () => {
    const core = open();
    // Already on file: half of the organisations from last year's census, a hand edit, a remembered mapping, audit rows.
    const file = generated(3000);
    const last = await must(core, 'census.preview', { file, year: 2025 });
    const secondHalf = last.rows.filter((r) => r.row > 1500 + 4).map((r) => r.row);
    await must(core, 'census.commit', { previewId: last.previewId, acceptWarnings: true, exclude: secondHalf });
    const edited = last.rows.find((r) => r.outcome === 'accept' && r.row < 100)!;
    const org = await must(core, 'orgs.get', { uscc: edited.values.uscc! });
    await must(core, 'orgs.save', { id: org.id, org: { ...org.org, employees: 9999 }, partyOrg: org.partyOrg, acceptWarnings: true });
    const before = dumpAll(core);

    const p = await must(core, 'census.preview', { file, year: 2026 });
    expect(p.counts.changed).toBeGreaterThan(0); // updates as well as new organisations are under way when the cancel comes
    let sent = false;
    const w = watch(core, 'job-cancel', (e) => {
      if (e.done >= 1000 && !sent) {
        sent = true;
        // As from the screen: a separate call, in a later turn of the event loop.
        setTimeout(() => void core.invoke('jobs.cancel', { jobId: 'job-cancel' }), 0);
      }
    });
    const r = await core.invoke('census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [], jobId: 'job-cancel' });
    w.stop();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CANCELLED');
      expect(r.error.message).toContain('已取消导入，数据未改动');
    }
    const total = p.counts.accept + p.counts.warn;
    expect(Math.max(...w.events.map((e) => e.done))).toBeLessThan(total); // stopped midway, not after the end
    expect(dumpAll(core)).toEqual(before);
    expect(core.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.ctx.db.inTransaction).toBe(false);

    // Nothing is left over: the preview is still there and imports in full, and its undo returns to the same state.
    const done = await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    expect(done.batch).toMatchObject({ imported: total, created: p.counts.new });
    await must(core, 'census.undo', { batchId: done.batch!.id });
    const afterUndo = dumpAll(core);
    // Only the batch bookkeeping differs: its row says 'undone', and the mapping was remembered by the commit.
    for (const t of ['organizations', 'party_orgs', 'member_counts', 'census_records', 'audit_log']) expect(afterUndo[t]).toEqual(before[t]);
  });

  it('other calls wait for the commit and see it whole (the read-only status does not); a write during a cancelled commit is kept, not rolled back with it', async () => {
    const core = open();
    const p = await must(core, 'census.preview', { file: generated(2000), year: 2026 });
    const total = p.counts.accept + p.counts.warn;
    let calls: ReturnType<Core['invoke']>[] = [];
    let written = 0;
    let writtenWhenStatusCame = -1;
    const w = watch(core, 'job-1', (e) => {
      written = e.done;
      // Asked while the first chunk is written (with the transaction open on the same connection).
      if (e.done === COMMIT_CHUNK) {
        // Every navigation asks for it: it reads only, so it is answered at once, not after the commit.
        void core.invoke('safety.status', {}).then((st) => {
          expect(st.ok && (st.data as { state: string }).state).toBe('open');
          writtenWhenStatusCame = written;
        });
        calls = [
          core.invoke('orgs.list', { offset: 0, limit: 1 }),
          core.invoke('census.batches', {}),
          core.invoke('census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] }),
        ];
      }
    });
    const r = await core.invoke('census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [], jobId: 'job-1' });
    w.stop();
    expect(calls).toHaveLength(3);
    expect(writtenWhenStatusCame).toBeGreaterThan(0);
    expect(writtenWhenStatusCame).toBeLessThan(total);
    const [list, batches, second] = await Promise.all(calls);
    expect(r.ok).toBe(true);
    // The reads waited for the commit: they see all of it, never a half-written batch.
    expect(list.ok && (list.data as { total: number }).total).toBe(total);
    expect(batches.ok && (batches.data as unknown[]).length).toBe(1);
    // The same preview again: it was imported, so it is gone, not written twice.
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('NOT_FOUND');

    // Now a cancelled commit with a hand edit arriving midway: the edit waits, then stands on its own.
    const q = await must(core, 'census.preview', { file: fixture('taocheng-2026-moupai.xlsx'), year: 2026 });
    const before = dumpAll(core);
    let save: Promise<Awaited<ReturnType<Core['invoke']>>> | null = null;
    const w2 = watch(core, 'job-2', (e) => {
      if (e.label === '写入数据库' && e.done === 0 && !save) {
        void core.invoke('jobs.cancel', { jobId: 'job-2' });
        save = core.invoke('orgs.save', {
          org: { category: 'enterprise', name: '导入期间新建有限公司', uscc: '91131102MMD8GA3B54', street: '河东街道', employees: 5, operatingStatus: '在营' },
          partyOrg: { built: false },
        });
      }
    });
    const c = await core.invoke('census.commit', { previewId: q.previewId, acceptWarnings: true, exclude: [], jobId: 'job-2' });
    w2.stop();
    expect(c.ok || c.error.code).toBe('CANCELLED');
    const saved = await save!;
    expect(saved.ok).toBe(true);
    const after = dumpAll(core);
    for (const t of ['census_batches', 'census_batch_changes', 'census_records', 'member_counts', 'census_mappings']) expect(after[t]).toEqual(before[t]);
    expect((after.organizations as string[]).length).toBe((before.organizations as string[]).length + 1);
    expect((await must(core, 'orgs.get', { uscc: '91131102MMD8GA3B54' })).org.name).toBe('导入期间新建有限公司');
  });
});

describe('CallGate', () => {
  const turn = () => new Promise<void>((r) => setImmediate(r));

  it('lets calls under way finish before an alone section, holds new calls until it ends, and refuses a second one', async () => {
    const gate = new CallGate();
    const log: string[] = [];
    let finishA!: () => void;
    const a = gate.call(() => new Promise<void>((r) => (finishA = r)).then(() => log.push('a')));
    await turn();
    const alone = gate.call(() =>
      gate.alone('忙', async () => {
        log.push('alone start');
        await turn();
        await turn();
        log.push('alone end');
      }),
    );
    await turn();
    const b = gate.call(() => log.push('b'));
    await expect(gate.alone('正在导入另一份摸排表', async () => {})).rejects.toMatchObject({ code: 'CONFLICT', message: '正在导入另一份摸排表' });
    await turn();
    expect(log).toEqual([]); // the alone section waits for `a`; `b` waits for the alone section
    finishA();
    await Promise.all([a, alone, b]);
    expect(log).toEqual(['a', 'alone start', 'alone end', 'b']);
  });
});
