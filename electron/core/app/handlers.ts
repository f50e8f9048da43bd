import type { DomainChannels } from '../../../shared/contract';
import { schemaVersion } from '../db/database';
import { clearDemo, loadDemo } from '../demo/demo';
import type { HandlerMap } from '../handlers-types';
import { overview } from '../stats/overview';
import { chartData } from '../stats/charts';
import { officeTimeZone } from '../settings/officeZone';

export const appHandlers: HandlerMap<DomainChannels<'app' | 'stats' | 'demo' | 'jobs'>> = {
  'app.info': (_i, ctx) => ({
    version: ctx.appVersion,
    dbPath: ctx.paths.dbPath,
    schemaVersion: schemaVersion(ctx.db),
    today: ctx.clock.today(),
    timeZone: officeTimeZone(ctx.db),
    sampleCount: (ctx.db.prepare('SELECT COUNT(*) AS n FROM organizations WHERE is_sample = 1').get() as { n: number }).n,
    shell: ctx.shell,
  }),
  'stats.overview': (_i, ctx) => overview(ctx),
  'stats.charts': (_i, ctx) => chartData(ctx),
  'demo.load': (_i, ctx) => loadDemo(ctx),
  'demo.clear': (_i, ctx) => clearDemo(ctx),
  'jobs.cancel': ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
};
