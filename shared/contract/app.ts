import { z } from 'zod';
import { channel, Empty } from './common';
import { CATEGORIES } from '../domain/vocab';

const Ratio = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });
export const CoverageFigures = z.object({
  total: z.number(),
  inOperation: z.number(),
  orgCoverage: Ratio,
  ownOrgRate: Ratio,
  buildRate: Ratio,
  workCoverage: Ratio,
});

export const OverviewResult = z.object({
  today: z.string(),
  total: z.number(),
  byCategory: z.array(z.object({ category: z.enum(CATEGORIES), count: z.number() })),
  byStreet: z.array(z.object({ street: z.string(), count: z.number(), coverage: CoverageFigures })),
  coverage: CoverageFigures,
  flagCounts: z.record(z.string(), z.number()),
  formulas: z.record(z.string(), z.string()),
});
export type OverviewResult = z.infer<typeof OverviewResult>;

export const appChannels = {
  'app.info': channel(
    '应用信息',
    Empty,
    z.object({
      version: z.string(),
      dbPath: z.string(),
      schemaVersion: z.number(),
      today: z.string(),
      /** The office's time zone: dates and times are shown on its clock (shared/domain/officeTime). */
      timeZone: z.string(),
      sampleCount: z.number(),
      shell: z.enum(['electron', 'web', 'cli']),
    }),
  ),
  'stats.overview': channel('概览统计', Empty, OverviewResult),
  'demo.load': channel('载入示例数据', Empty, z.object({ organizations: z.number() })),
  'demo.clear': channel('清除示例数据', Empty, z.object({ removed: z.number() })),
  'jobs.cancel': channel('取消任务', z.object({ jobId: z.string().min(1).max(100) }), z.object({ cancelled: z.boolean() })),
};
