import type { DomainChannels } from '../../../shared/contract';
import type { HandlerMap } from '../handlers-types';
import { exportHonours } from './export';
import { importRatings } from './import';
import { decide, modelList, recommend, removeModel, saveChecks } from './models';
import {
  acceptanceSettingsView,
  projectDetail,
  projectList,
  removeProject,
  saveAcceptance,
  saveAcceptanceSettings,
  saveProject,
  setProjectStatus,
} from './projects';
import { closeRound, deleteRound, listRounds, orgHonours, ratingSettingsView, ratingSummary, roundView, saveRatingSettings, saveRound, saveScores } from './rating';
import { honoursReminders } from './reminders';
import { closeWeak, confirmWeak, removeWeak, saveWeak, weakCandidates, weakList } from './weak';

const ok = { ok: true as const };

type HonoursChannels = DomainChannels<'rating'> | DomainChannels<'weak'> | DomainChannels<'models'> | DomainChannels<'projects'>;

export const honoursHandlers: HandlerMap<HonoursChannels> = {
  'rating.rounds': (_i, ctx) => listRounds(ctx),
  'rating.saveRound': (input, ctx) => saveRound(ctx, input),
  'rating.deleteRound': ({ id }, ctx) => (deleteRound(ctx, id), ok),
  'rating.round': ({ id }, ctx) => roundView(ctx, id),
  'rating.saveScores': ({ roundId, entries }, ctx) => saveScores(ctx, roundId, entries),
  'rating.close': ({ id, closed }, ctx) => (closeRound(ctx, id, closed), ok),
  'rating.summary': ({ year }, ctx) => ratingSummary(ctx, year),
  'rating.settings': (_i, ctx) => ratingSettingsView(ctx),
  'rating.saveSettings': ({ settings }, ctx) => (saveRatingSettings(ctx, settings), ok),
  'rating.orgHonours': ({ organizationId }, ctx) => orgHonours(ctx, organizationId),
  'rating.reminders': (_i, ctx) => honoursReminders(ctx),
  'rating.importResults': ({ year, file }, ctx) => importRatings(ctx, year, file),
  'rating.export': (input, ctx) => exportHonours(ctx, input),
  'weak.candidates': ({ year }, ctx) => weakCandidates(ctx, year),
  'weak.confirm': (input, ctx) => confirmWeak(ctx, input),
  'weak.list': ({ year }, ctx) => weakList(ctx, year),
  'weak.save': ({ id, ...input }, ctx) => (saveWeak(ctx, id, input), ok),
  'weak.close': ({ id, status, date }, ctx) => (closeWeak(ctx, id, status, date), ok),
  'weak.remove': ({ id }, ctx) => (removeWeak(ctx, id), ok),
  'models.list': ({ year }, ctx) => modelList(ctx, year),
  'models.recommend': (input, ctx) => recommend(ctx, input),
  'models.saveChecks': ({ id, checks }, ctx) => (saveChecks(ctx, id, checks), ok),
  'models.decide': ({ id, decision, note }, ctx) => (decide(ctx, id, decision, note), ok),
  'models.remove': ({ id }, ctx) => (removeModel(ctx, id), ok),
  'projects.list': ({ year }, ctx) => projectList(ctx, year),
  'projects.get': ({ id }, ctx) => projectDetail(ctx, id),
  'projects.save': (input, ctx) => saveProject(ctx, input),
  'projects.setStatus': ({ id, status }, ctx) => (setProjectStatus(ctx, id, status), ok),
  'projects.saveAcceptance': ({ id, ...sc }, ctx) => (saveAcceptance(ctx, id, sc), ok),
  'projects.remove': ({ id }, ctx) => (removeProject(ctx, id), ok),
  'projects.settings': (_i, ctx) => acceptanceSettingsView(ctx),
  'projects.saveSettings': ({ settings }, ctx) => (saveAcceptanceSettings(ctx, settings), ok),
};
