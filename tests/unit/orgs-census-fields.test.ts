import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { must, tempDir, testCore } from '../helpers/core';

/**
 * What a census file says beyond the first sheet (登记证号, 出资人（负责人）是否党员, 党组织名称, 上级党组织,
 * 未建党组织原因) is part of the case file: `orgs show` and orgs.get return it, and the form can change it.
 */
const dir = tempDir();
const db = path.join(dir, 'test.db');
const file = path.join(dir, '民政登记2026.xlsx');
const built = '51131102MJ0000001X';
const unbuilt = '51131102AFG2TGAG5P';
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeFile() {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['社会组织名称', '统一社会信用代码', '所在街道', '登记证号', '是否建立党组织', '党组织名称', '上级党组织', '未建党组织原因', '负责人是否党员'],
      ['衡水市书法家协会', built, '河东街道', '衡民社证字第0012号', '是', '衡水市书法家协会党支部', '中共桃城区社会组织综合委员会', '', '是'],
      ['衡水市棋类协会', unbuilt, '河东街道', '衡民社证字第0013号', '否', '', '', '没有党员', '否'],
    ]),
    '摸排表',
  );
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

describe('census-only fields on the case file', () => {
  it('an imported file’s 登记证号, 出资人是否党员 and party-org facts come back from orgs show and orgs.get, and can be edited', async () => {
    writeFile();
    const imported = await cli('census', 'import', file, '--year', '2026', '--db', db, '--accept-warnings', '--json');
    expect(imported.code, imported.err + imported.out).toBe(0);
    expect(imported.json()).toMatchObject({ batch: { created: 2 } });

    const shown = await cli('orgs', 'show', built, '--db', db, '--json');
    expect(shown.code, shown.err).toBe(0);
    expect(shown.json()).toMatchObject({
      org: { registrationNo: '衡民社证字第0012号', investorIsMember: true },
      partyOrg: { built: true, name: '衡水市书法家协会党支部', superiorOrg: '中共桃城区社会组织综合委员会' },
    });
    const other = (await cli('orgs', 'show', unbuilt, '--db', db, '--json')).json();
    expect(other).toMatchObject({ org: { registrationNo: '衡民社证字第0013号', investorIsMember: false }, partyOrg: { built: false, notBuiltReason: '没有党员' } });

    const text = (await cli('orgs', 'show', built, '--db', db)).out;
    expect(text).toContain('登记证号：衡民社证字第0012号');
    expect(text).toContain('出资人（负责人）是否党员：是');
    expect(text).toContain('党组织名称：衡水市书法家协会党支部');
    expect(text).toContain('上级党组织：中共桃城区社会组织综合委员会');
    expect((await cli('orgs', 'show', unbuilt, '--db', db)).out).toContain('未建党组织原因：没有党员');

    const core = testCore({ dir });
    try {
      const d = await must(core, 'orgs.get', { uscc: built });
      expect(d.org).toMatchObject({ registrationNo: '衡民社证字第0012号', investorIsMember: true });
      expect(d.partyOrg).toMatchObject({ name: '衡水市书法家协会党支部', superiorOrg: '中共桃城区社会组织综合委员会' });
      const u = await must(core, 'orgs.get', { uscc: unbuilt });
      expect(u.org).toMatchObject({ registrationNo: '衡民社证字第0013号', investorIsMember: false });
      expect(u.partyOrg).toMatchObject({ built: false, notBuiltReason: '没有党员' });

      // A client that does not send the new fields leaves them as stored …
      const { registrationNo: _r, investorIsMember: _i, ...older } = u.org;
      await must(core, 'orgs.save', { id: u.id, org: { ...older, phone: '0318-1234567' }, partyOrg: u.partyOrg, acceptWarnings: true });
      expect((await must(core, 'orgs.get', { id: u.id })).org).toMatchObject({ phone: '0318-1234567', registrationNo: '衡民社证字第0013号', investorIsMember: false });

      // … the form changes them, within the one limit, and the change is in the history.
      await must(core, 'orgs.save', { id: u.id, org: { ...u.org, registrationNo: '衡民社证字第0099号', investorIsMember: true }, partyOrg: u.partyOrg, acceptWarnings: true });
      expect((await must(core, 'orgs.get', { id: u.id })).org).toMatchObject({ registrationNo: '衡民社证字第0099号', investorIsMember: true });
      const history = await must(core, 'orgs.history', { id: u.id });
      expect(history.map((h) => h.fieldLabel)).toEqual(expect.arrayContaining(['登记证号', '出资人（负责人）是否党员']));
      const tooLong = await core.invoke('orgs.save', { id: u.id, org: { ...u.org, registrationNo: '号'.repeat(51) }, partyOrg: u.partyOrg, acceptWarnings: true });
      expect(tooLong.ok).toBe(false);
    } finally {
      core.close();
    }
  });
});
