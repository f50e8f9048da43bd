import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPreview, previewSummary } from '../../electron/cli/commands/census';
import { FIXTURES, testCore } from '../helpers/core';

interface ExpectedRow {
  row: number;
  uscc: string;
  name: string;
  outcome: 'accept' | 'warn' | 'reject';
  employees: number;
  members: number;
  hasOrg: boolean;
  street: string;
}
interface Expected {
  file: string;
  dataRows: number;
  accept: number;
  warn: number;
  reject: number;
  acceptWithPartyOrg: number;
  acceptPartyMembers: number;
  rows: ExpectedRow[];
}

const dir = path.join(FIXTURES, 'census');
const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.expected.json'));
const core = testCore();
afterAll(() => {
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
});

describe('census fixtures preview exactly as their .expected.json says', () => {
  it('finds every fixture', () => expect(fixtures.length).toBeGreaterThanOrEqual(4));

  for (const name of fixtures) {
    it(name.replace('.expected.json', ''), async () => {
      const exp = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Expected;
      const year = Number(/(\d{4})/.exec(exp.file)![1]);
      const preview = await cliPreview(core, path.join(dir, exp.file), year);
      const summary = previewSummary(preview);

      expect(summary.dataRows).toBe(exp.dataRows);
      expect(summary.accepted).toBe(exp.accept);
      expect(summary.warnedRows).toBe(exp.warn);
      expect(summary.rejectedRows).toBe(exp.reject);
      const rowsOf = (o: string) => exp.rows.filter((r) => r.outcome === o).map((r) => r.row);
      expect([...new Set(summary.rejected.map((i) => i.row))]).toEqual(rowsOf('reject'));
      expect([...new Set(summary.warnings.map((i) => i.row))]).toEqual(rowsOf('warn'));
      for (const i of [...summary.rejected, ...summary.warnings]) {
        expect(i.reason.length).toBeGreaterThan(4);
        expect(i.column).not.toBe('');
      }

      const got = preview.rows.map((r) => ({
        row: r.row,
        uscc: r.values.uscc,
        name: r.values.name ?? '',
        outcome: r.outcome,
        employees: r.values.employees,
        members: r.values.fullMembers,
        hasOrg: r.values.partyOrgBuilt,
        street: r.values.street,
      }));
      const want = exp.rows.map(({ row, uscc, name, outcome, employees, members, hasOrg, street }) => ({ row, uscc, name, outcome, employees, members, hasOrg, street }));
      expect(got).toEqual(want);

      const accepted = preview.rows.filter((r) => r.outcome === 'accept');
      expect(accepted.filter((r) => r.values.partyOrgBuilt).length).toBe(exp.acceptWithPartyOrg);
      expect(accepted.reduce((n, r) => n + (r.values.fullMembers ?? 0), 0)).toBe(exp.acceptPartyMembers);
    });
  }
});
