import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_SETTINGS } from '../../shared/domain/grading';
import { DEFAULT_ACCEPTANCE_SETTINGS } from '../../shared/domain/honours/secretaryProjects';
import { DEFAULT_RATING_SETTINGS } from '../../shared/domain/honours/starRating';
import { must, testCore } from '../helpers/core';

// The three 标准 (评星, 书记项目验收, 述职评议评定) are stored the same way: saved, they replace the built-in
// default; reset (null), the default applies again and the view says so. Each save is audited.
const cores: ReturnType<typeof testCore>[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) {
    c.close();
    fs.rmSync(c.dir, { recursive: true, force: true });
  }
});

const STANDARDS = [
  {
    view: 'rating.settings',
    save: 'rating.saveSettings',
    label: '评星标准',
    defaults: DEFAULT_RATING_SETTINGS,
    changed: { ...DEFAULT_RATING_SETTINGS, thresholds: { five: 95, four: 85, three: 75, two: 65 } },
  },
  {
    view: 'projects.settings',
    save: 'projects.saveSettings',
    label: '书记项目验收标准',
    defaults: DEFAULT_ACCEPTANCE_SETTINGS,
    changed: { ...DEFAULT_ACCEPTANCE_SETTINGS, thresholds: { excellent: 95, good: 85, fair: 65 } },
  },
  {
    view: 'debriefing.settings',
    save: 'debriefing.saveSettings',
    label: '评定标准',
    defaults: DEFAULT_GRADING_SETTINGS,
    changed: { ...DEFAULT_GRADING_SETTINGS, good: { minScore: 95, minFavourableShare: 80 } },
  },
] as const;

describe('标准 settings: saved, then reset to the default', () => {
  for (const s of STANDARDS) {
    it(s.label, async () => {
      const core = testCore();
      cores.push(core);
      // The channels are typed one by one; the loop only needs their common shape.
      const view = async () => (await must(core, s.view as 'rating.settings', {})) as { settings: unknown; isDefault: boolean };
      const save = (settings: unknown) => must(core, s.save as 'rating.saveSettings', { settings: settings as typeof DEFAULT_RATING_SETTINGS | null });

      expect(await view()).toMatchObject({ settings: s.defaults, isDefault: true });
      await save(s.changed);
      expect(await view()).toMatchObject({ settings: s.changed, isDefault: false });
      await save(null);
      expect(await view()).toMatchObject({ settings: s.defaults, isDefault: true });
      // Resetting when nothing is stored is harmless: still the default.
      await save(null);
      expect((await view()).isDefault).toBe(true);

      const { rows } = await must(core, 'audit.list', { entity: 'settings' });
      expect(rows.filter((r) => r.entityLabel === s.label).map((r) => r.action).sort()).toEqual(['reset', 'reset', 'update']);
    });
  }
});
