import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliFillSettings } from '../helpers/cli';
import { tempDir } from '../helpers/core';

const dir = tempDir();
const db = path.join(dir, 'x.db');
// The sample data every test reads: loaded once, before any of them (they run in any order).
beforeAll(async () => {
  expect((await cli('demo', '--db', db)).code).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const docText = (file: string) => strFromU8(unzipSync(fs.readFileSync(file))['word/document.xml']).replace(/<[^>]+>/g, '');

describe('command line: instructors and coverage', () => {
  it('lists the roster as JSON with masked ID numbers', async () => {
    const r = await cli('instructors', 'list', '--db', db, '--json');
    expect(r.code).toBe(0);
    const { total, rows } = r.json();
    expect(total).toBe(rows.length);
    expect(total).toBeGreaterThan(5);
    for (const i of rows) expect(i.idCardMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(rows.some((i: { activeOrgs: number }) => i.activeOrgs > 0)).toBe(true);
    const liaisons = (await cli('instructors', 'list', '--db', db, '--role', '联络员', '--json')).json();
    expect(liaisons.rows.every((i: { role: string }) => i.role === '联络员')).toBe(true);
    expect((await cli('instructors', 'list', '--db', db, '--role', '书记')).code).not.toBe(0);
  });

  it('prints organisation and work coverage with numerators and denominators, by street', async () => {
    const r = (await cli('stats', 'coverage', '--by', 'street', '--db', db, '--json')).json();
    const { orgCoverage, workCoverage, inOperation } = r.figures;
    expect(orgCoverage.denominator).toBe(inOperation);
    expect(workCoverage.denominator).toBe(inOperation);
    expect(workCoverage.numerator).toBeGreaterThan(orgCoverage.numerator);
    const sum = (k: 'orgCoverage' | 'workCoverage') => r.byStreet.reduce((n: number, s: { figures: Record<string, { numerator: number }> }) => n + s.figures[k].numerator, 0);
    expect(sum('workCoverage')).toBe(workCoverage.numerator);
    expect(sum('orgCoverage')).toBe(orgCoverage.numerator);
    expect(r.formulas.workCoverage).toContain('工作覆盖率');
    const past = (await cli('stats', 'coverage', '--year', '2025', '--db', db, '--json')).json();
    expect(past.asOf).toBe('2025-12-31');
    expect(past.byStreet).toEqual([]);
  });

  it('exports the notice and the roster as .docx files', async () => {
    await cliFillSettings(db);
    const notice = path.join(dir, '选派通知.docx');
    const r = await cli('export', 'instructor-notice', '--out', notice, '--db', db, '--json');
    expect(r.code).toBe(0);
    expect(r.json().fileName).toMatch(/〔\d{4}〕1号/);
    expect(docText(notice)).toContain('选派名单');
    const roster = path.join(dir, '花名册.docx');
    expect((await cli('export', 'instructor-roster', '--out', roster, '--db', db)).code).toBe(0);
    expect(docText(roster)).toContain('花名册');
    expect((await cli('export', 'instructor-roster', '--db', db)).code).not.toBe(0);
  });
});
