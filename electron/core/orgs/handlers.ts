import type { DomainChannels } from '../../../shared/contract';
import type { HandlerMap } from '../handlers-types';
import { listOrgs } from './query';
import { getOrg, orgFacets, orgHistory, saveMembers, saveOrg, setDissolved, termSettings } from './service';

export const orgsHandlers: HandlerMap<DomainChannels<'orgs'>> = {
  'orgs.list': (input, ctx) => listOrgs(ctx.db, input, ctx.clock.today(), termSettings(ctx.db)),
  'orgs.facets': (_input, ctx) => orgFacets(ctx.db),
  'orgs.get': (ref, ctx) => getOrg(ctx, ref),
  'orgs.save': (input, ctx) => saveOrg(ctx, input),
  'orgs.saveMembers': ({ organizationId, counts }, ctx) => {
    saveMembers(ctx, organizationId, counts);
    return { ok: true as const };
  },
  'orgs.history': ({ id }, ctx) => orgHistory(ctx, id),
  'orgs.dissolve': ({ id, kind, reason, date }, ctx) => {
    setDissolved(ctx, id, { kind, reason, date });
    return { ok: true as const };
  },
  'orgs.restore': ({ id }, ctx) => {
    setDissolved(ctx, id, null);
    return { ok: true as const };
  },
};
