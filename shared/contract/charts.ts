import { z } from 'zod';
import { channel, Empty } from './common';
import { TIERS } from './debriefing';
import { GRADES } from '../domain/grading';

const Ratio = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });

/** The figures behind the overview's charts that the overview statistics do not already give. */
export const ChartData = z.object({
  /** 组织覆盖率 and 工作覆盖率 of each census year, from that year's snapshots (oldest first). */
  coverageByYear: z.array(z.object({ year: z.number(), orgCoverage: Ratio, workCoverage: Ratio })),
  /** Organisations in operation by party-org type (未建立 for none). */
  partyOrgTypes: z.array(z.object({ type: z.string(), count: z.number() })),
  /** This year's quarters so far: organisations under an assignment in the quarter, how many had a visit, and the visits. */
  visitsByQuarter: z.object({
    year: z.number(),
    quarters: z.array(z.object({ quarter: z.number(), due: z.number(), visited: z.number(), rate: z.number().nullable(), visits: z.number() })),
  }),
  /** Debriefing grades per tier of the latest two cycles, 已评定 ones only (as the 述职评议 page counts). */
  grades: z.array(z.object({ year: z.number(), tier: z.enum(TIERS), grade: z.enum(GRADES), count: z.number() })),
});
export type ChartData = z.infer<typeof ChartData>;

export const chartsChannels = {
  'stats.charts': channel('统计图数据', Empty, ChartData),
};
