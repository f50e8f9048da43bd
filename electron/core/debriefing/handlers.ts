import type { DomainChannels } from '../../../shared/contract';
import type { HandlerMap } from '../handlers-types';
import { exportDebriefing } from './export';
import {
  addCommittee,
  addOrgs,
  addUnits,
  cycleView,
  debrieferDetail,
  deleteCycle,
  deleteRectification,
  listCycles,
  overrideGrade,
  reminders,
  removeDebriefer,
  reportFile,
  saveBallots,
  saveChecklist,
  saveCycle,
  saveRectification,
  saveReport,
  saveSettings,
  setStatus,
  settingsView,
  summaryForYear,
} from './service';
import { deleteUnit, listUnits, saveUnit } from './units';

const ok = { ok: true as const };

export const debriefingHandlers: HandlerMap<DomainChannels<'debriefing'>> = {
  'debriefing.cycles': (_i, ctx) => listCycles(ctx),
  'debriefing.saveCycle': (input, ctx) => saveCycle(ctx, input),
  'debriefing.deleteCycle': ({ id }, ctx) => (deleteCycle(ctx, id), ok),
  'debriefing.cycle': ({ id }, ctx) => cycleView(ctx, id),
  'debriefing.addOrgs': ({ cycleId, filter, organizationIds }, ctx) => addOrgs(ctx, cycleId, filter, organizationIds),
  'debriefing.addUnits': ({ cycleId, unitIds }, ctx) => addUnits(ctx, cycleId, unitIds),
  'debriefing.addCommittee': ({ cycleId, name, person }, ctx) => addCommittee(ctx, cycleId, name, person),
  'debriefing.removeDebriefer': ({ id }, ctx) => (removeDebriefer(ctx, id), ok),
  'debriefing.debriefer': ({ id }, ctx) => debrieferDetail(ctx, id),
  'debriefing.saveReport': ({ id, ...input }, ctx) => (saveReport(ctx, id, input), ok),
  'debriefing.reportFile': ({ id }, ctx) => reportFile(ctx, id),
  'debriefing.saveBallots': ({ id, tallies }, ctx) => (saveBallots(ctx, id, tallies), ok),
  'debriefing.saveChecklist': ({ id, items }, ctx) => (saveChecklist(ctx, id, items), ok),
  'debriefing.setStatus': ({ id, status, date }, ctx) => (setStatus(ctx, id, status, date), ok),
  'debriefing.override': ({ id, grade, reason }, ctx) => (overrideGrade(ctx, id, grade, reason), ok),
  'debriefing.saveRectification': (input, ctx) => saveRectification(ctx, input),
  'debriefing.deleteRectification': ({ id }, ctx) => (deleteRectification(ctx, id), ok),
  'debriefing.reminders': (_i, ctx) => reminders(ctx),
  'debriefing.summary': ({ year }, ctx) => summaryForYear(ctx, year),
  'debriefing.units': (_i, ctx) => listUnits(ctx),
  'debriefing.saveUnit': (input, ctx) => saveUnit(ctx, input),
  'debriefing.deleteUnit': ({ id }, ctx) => (deleteUnit(ctx, id), ok),
  'debriefing.settings': (_i, ctx) => settingsView(ctx),
  'debriefing.saveSettings': ({ settings }, ctx) => (saveSettings(ctx, settings), ok),
  'debriefing.export': (input, ctx) => exportDebriefing(ctx, input),
};
