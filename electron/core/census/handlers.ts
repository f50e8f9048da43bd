import type { DomainChannels } from '../../../shared/contract';
import type { HandlerMap } from '../handlers-types';
import { censusTemplate, problemRows } from './export';
import { censusYears, compareYears, orgCensusHistory } from './history';
import { warmParseWorker } from './worker-host';
import { commitCensus } from './commit';
import { heldPreview, listBatches, previewCensus, undoBatch, undoPlan } from './service';

export const censusHandlers: HandlerMap<DomainChannels<'census'>> = {
  'census.preview': (input, ctx) => previewCensus(ctx, input),
  'census.warm': () => {
    warmParseWorker();
    return { ok: true as const };
  },
  'census.commit': (input, ctx) => commitCensus(ctx, input),
  'census.undoPlan': ({ batchId }, ctx) => undoPlan(ctx, batchId),
  'census.undo': (input, ctx) => undoBatch(ctx, input),
  'census.batches': (_input, ctx) => listBatches(ctx.db),
  'census.problems': ({ previewId }) => problemRows(heldPreview(previewId).preview),
  'census.orgHistory': ({ organizationId }, ctx) => orgCensusHistory(ctx.db, organizationId),
  'census.years': (_input, ctx) => censusYears(ctx.db),
  'census.compare': ({ fromYear, toYear }, ctx) => ({ changes: compareYears(ctx.db, fromYear, toYear) }),
  'census.template': ({ withData, year }, ctx) => censusTemplate(ctx.db, year ?? Number(ctx.clock.today().slice(0, 4)), withData),
};
