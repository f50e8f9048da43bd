import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnbuilt } from '../../shared/domain/rules';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/core';

const dir = tempDir();
const db = path.join(dir, 'x.db');
// The sample data every test reads: loaded once, before any of them (they run in any order).
beforeAll(async () => {
  expect((await cli('demo', '--db', db)).code).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('command line: demo and orgs', () => {
  it('fills a database and lists exactly the 应建未建 organisations as JSON', async () => {
    const unbuilt = await cli('orgs', 'list', '--db', db, '--unbuilt', '--json');
    expect(unbuilt.code).toBe(0);
    const { total, rows } = unbuilt.json();
    expect(total).toBe(rows.length);
    expect(total).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.flags).toContain('应建未建');
      expect(
        isUnbuilt({ operatingStatus: r.operatingStatus, dissolved: false, fullMembers: r.fullMembers, probationaryMembers: r.probationaryMembers, partyOrgBuilt: r.partyOrgBuilt, partyOrgType: r.partyOrgType, formation: r.formation, termEnd: r.termEnd }),
      ).toBe(true);
    }
    // …and none is missing: every listed org with the flag appears.
    const all = (await cli('orgs', 'list', '--db', db, '--json')).json();
    expect(all.rows.filter((r: { flags: string[] }) => r.flags.includes('应建未建')).length).toBe(total);
  });

  it('shows one organisation by credit code, filters by street and query', async () => {
    const all = (await cli('orgs', 'list', '--db', db, '--json')).json();
    const first = all.rows[0];
    const show = await cli('orgs', 'show', first.uscc.toLowerCase(), '--db', db, '--json');
    expect(show.code).toBe(0);
    expect(show.json().org.name).toBe(first.name);
    const street = (await cli('orgs', 'list', '--db', db, '--street', first.street, '--json')).json();
    expect(street.rows.every((r: { street: string }) => r.street === first.street)).toBe(true);
    expect(street.total).toBeLessThan(all.total);
  });

  it('fails with a Chinese message and a non-zero code for an unknown code or missing argument', async () => {
    const missing = await cli('orgs', 'show', '91350100M000100Y43', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('不存在');
    const noArg = await cli('orgs', 'show', '--db', db);
    expect(noArg.code).toBe(2);
    expect((await cli('nonsense')).code).toBe(2);
    // An option whose value is missing (an empty shell variable) is an error, not the next option taken as its value.
    const emptyValue = await cli('export', 'org-card', '--uscc', '--db', db, '--out', path.join(dir, 'card.docx'));
    expect(emptyValue.code).toBe(2);
    expect(emptyValue.err).toContain('选项 --uscc 缺少取值');
    expect(fs.existsSync(path.join(dir, 'card.docx'))).toBe(false);
  });
});
