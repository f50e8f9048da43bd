import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { must, type testCore } from '../helpers/core';
import { coreForEachTest } from '../helpers/lifecycle';

const README = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

let core: ReturnType<typeof testCore>;
coreForEachTest((c) => (core = c));

describe('README examples', () => {
  it('the pinyin-initials search example finds what it promises in the sample data', async () => {
    const m = /拼音首字母（`([a-z]+)` → ([^…，]+)…/.exec(README);
    expect(m, 'README 中的拼音示例').not.toBeNull();
    const [, query, prefix] = m!;
    await must(core, 'demo.load', {});
    const names = (await must(core, 'orgs.list', { query })).rows.map((r) => r.name);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.startsWith(prefix), n).toBe(true);
  });
});
