import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { maxLengths, ORG_TEXT_LIMITS } from '../../shared/contract/limits';
import { MemberUnit, RectificationFields } from '../../shared/contract/debriefing';
import { DocumentSettings } from '../../shared/contract/export';
import { InstructorFields, VisitFields } from '../../shared/contract/instructors';
import type { OrgFields, PartyOrgFields } from '../../shared/contract/orgs';
import { Database } from '../../electron/core/db/driver';
import { cli } from '../helpers/cli';
import { FIXTURES, must } from '../helpers/core';
import { coresClosedAfterEach } from '../helpers/lifecycle';

const core = coresClosedAfterEach();

const org = (over: Partial<OrgFields> = {}): OrgFields => ({
  category: 'enterprise', name: '限长测试有限公司', uscc: '91350100M000100Y43', industry: '制造业', street: '河东街道', park: null, address: null,
  legalRep: '王建国', phone: '13800000000', employees: 40, operatingStatus: '在营', notes: null, ...over,
});
const noOrg: PartyOrgFields = { built: false, notBuiltReason: '正在筹建' };

/** Writes a value past every door's checks, as an older census import or a crafted backup did. */
function writeRaw(dbPath: string, sql: string, ...params: unknown[]) {
  const raw = new Database(dbPath);
  raw.prepare(sql).run(...params);
  raw.close();
}

const HEXI = path.join(FIXTURES, 'census', 'hexi-2026-utf8bom.csv');

describe('one limit per field, at every door', () => {
  it('census import: a too-long cell is an error of its row naming the row and the column; the row is not written', async () => {
    const c = core();
    const longName = '衡'.repeat(ORG_TEXT_LIMITS.name + 1);
    const longAddress = '路'.repeat(1_000_000);
    const text = fs
      .readFileSync(HEXI, 'utf8')
      .replace('衡水盛世企业管理咨询有限公司', longName)
      .replace('衡水市桃城区人民东路121号', longAddress);
    const p = await must(c, 'census.preview', { file: { name: 'long.csv', base64: Buffer.from(text).toString('base64') }, year: 2026 });
    const first = p.rows.find((r) => r.row === 5)!;
    const second = p.rows.find((r) => r.row === 6)!;
    expect(first.outcome).toBe('reject');
    expect(first.errors).toContainEqual({ row: 5, column: expect.stringContaining('企业（社会组织）名称'), reason: `内容过长（${ORG_TEXT_LIMITS.name + 1} 字，最多 ${ORG_TEXT_LIMITS.name} 字），请删减后重新导入` });
    expect(second.errors).toContainEqual({ row: 6, column: expect.stringContaining('详细地址'), reason: `内容过长（1000000 字，最多 ${ORG_TEXT_LIMITS.address} 字），请删减后重新导入` });
    // What the preview carries of a refused value is cut to the limit.
    expect(second.values.address!.length).toBe(ORG_TEXT_LIMITS.address + 1);
    await must(c, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    const longest = c.ctx.db.prepare('SELECT MAX(length(name)), MAX(length(address)) FROM organizations').raw().get() as number[];
    expect(longest[0]).toBeLessThanOrEqual(ORG_TEXT_LIMITS.name);
    expect(longest[1]).toBeLessThanOrEqual(ORG_TEXT_LIMITS.address);
  });

  it('the form door (contract) refuses an over-long value and says how long it is', async () => {
    const c = core();
    const r = await c.invoke('orgs.save', { org: org({ address: '路'.repeat(ORG_TEXT_LIMITS.address + 5) }), partyOrg: noOrg, acceptWarnings: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues?.find((i) => i.field === 'org.address')?.message).toBe(`不能超过 ${ORG_TEXT_LIMITS.address} 个字（现有 ${ORG_TEXT_LIMITS.address + 5} 字，请删减）`);
  });

  it('an already over-long record can be fixed: saving it unchanged names the field and its length, shortened it saves', async () => {
    const c = core();
    const { id } = await must(c, 'orgs.save', { org: org(), partyOrg: noOrg, acceptWarnings: true });
    writeRaw(c.dbPath, 'UPDATE organizations SET address = ? WHERE id = ?', '路'.repeat(50_000), id);
    const detail = await must(c, 'orgs.get', { id });
    const unchanged = await c.invoke('orgs.save', { id, org: detail.org, partyOrg: detail.partyOrg, acceptWarnings: true });
    expect(unchanged.ok).toBe(false);
    if (!unchanged.ok) expect(unchanged.error.issues?.[0]).toMatchObject({ field: 'org.address', message: expect.stringContaining('现有 50000 字') });
    await must(c, 'orgs.save', { id, org: { ...detail.org, address: detail.org.address!.slice(0, 30) }, partyOrg: detail.partyOrg, acceptWarnings: true });
    expect((await must(c, 'orgs.get', { id })).org.address).toHaveLength(30);
  });

  it('restore: over-limit values in a restored database are reported by field and organisation; check reports them too', async () => {
    const source = core();
    const { id } = await must(source, 'orgs.save', { org: org(), partyOrg: noOrg, acceptWarnings: true });
    source.close();
    writeRaw(source.dbPath, 'UPDATE organizations SET name = ?, employees = ? WHERE id = ?', '名'.repeat(5000), 99_000_000, id);
    const target = core();
    const r = await must(target, 'safety.restoreFile', { file: { name: 'old.db', base64: fs.readFileSync(source.dbPath).toString('base64') } });
    expect(r.overLimit).toEqual([
      `组织档案 #${id}“${'名'.repeat(30)}…”的名称有 5000 字，超过上限 ${ORG_TEXT_LIMITS.name} 字，请在档案中删减`,
      `组织档案 #${id}“${'名'.repeat(30)}…”的从业人员数 99000000 超过上限 10000000`,
    ]);
    target.close();
    const check = await cli('check', '--db', target.dbPath);
    expect(check.code).toBe(1);
    expect(check.err).toContain('的名称有 5000 字');
  });

  it('the audit export and the census template with data do not fail for the whole database on one long value, and escape formulas', async () => {
    const c = core();
    const { id } = await must(c, 'orgs.save', { org: org(), partyOrg: noOrg, acceptWarnings: true });
    await must(c, 'orgs.save', { id, org: org({ phone: '=HYPERLINK("http://x","点我")' }), partyOrg: noOrg, acceptWarnings: true });
    writeRaw(c.dbPath, 'UPDATE organizations SET address = ? WHERE id = ?', '址'.repeat(40_000), id);
    writeRaw(c.dbPath, `UPDATE audit_log SET new_value = ? WHERE id = (SELECT MIN(id) FROM audit_log WHERE entity = 'organization')`, '值'.repeat(40_000));
    const cells = (f: { base64: string }) => {
      const wb = XLSX.read(Buffer.from(f.base64, 'base64'), { type: 'buffer' });
      return XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 }).flat().filter((v): v is string => typeof v === 'string');
    };
    const audit = cells(await must(c, 'audit.export', {}));
    const cut = audit.find((v) => v.startsWith('值值值'))!;
    expect(cut.length).toBe(32767);
    expect(cut).toMatch(/…（超长，共 40000 字，表格单元格只能放下前面部分）$/);
    expect(audit).toContain(`'=HYPERLINK("http://x","点我")`);
    expect(audit).not.toContain('=HYPERLINK("http://x","点我")');
    const template = cells(await must(c, 'census.template', { withData: true, year: 2026 }));
    expect(template.find((v) => v.startsWith('址址址'))!.length).toBe(32767);
  });
});

describe('the forms take their maxlength from the contract', () => {
  const RENDERER = path.join(__dirname, '..', '..', 'renderer', 'src');
  const vueFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? vueFiles(p) : e.name.endsWith('.vue') ? [p] : [];
    });

  it('no form writes its own number as a maxlength', () => {
    const files = vueFiles(RENDERER);
    expect(files.length).toBeGreaterThan(20);
    const literals = files.flatMap((f) =>
      fs.readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (/\bmaxlength="\d/i.test(line) ? [`${path.relative(RENDERER, f)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(literals).toEqual([]);
  });

  // Each form's `max.<field>` must name a field its contract schema limits, and that limit is what the contract enforces.
  it.each([
    ['components/instructors/InstructorFormDialog.vue', InstructorFields],
    ['components/instructors/VisitDialog.vue', VisitFields],
    ['components/debriefing/RectificationList.vue', RectificationFields],
    ['components/debriefing/MemberUnits.vue', MemberUnit],
    ['components/export/DocumentSettingsForm.vue', DocumentSettings],
  ] as [string, z.ZodObject][])('%s: each maxlength is its contract field’s limit', (file, schema) => {
    const source = fs.readFileSync(path.join(RENDERER, file), 'utf8');
    const used = [...source.matchAll(/:maxlength="max\.(\w+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(2);
    const max = maxLengths(schema);
    for (const field of used) {
      const n = max[field];
      expect(n, `${file}: ${field}`).toBeGreaterThan(0);
      const shape = schema.shape[field] as z.ZodType;
      expect(shape.safeParse('字'.repeat(n!)).success, `${field} at its limit`).toBe(true);
      expect(shape.safeParse('字'.repeat(n! + 1)).success, `${field} past its limit`).toBe(false);
    }
  });
});
