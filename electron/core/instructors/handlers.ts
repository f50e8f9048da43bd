import type { DomainChannels } from '../../../shared/contract';
import type { HandlerMap } from '../handlers-types';
import { assign, assignmentRows, endAssignment } from './assignments';
import { censusInstructorNames } from './census';
import { coverageSummary, overdueAssignments, uncoveredOrgs } from './coverage';
import { exportInstructorNotice, exportInstructorRoster, exportVisitSummary } from './documents';
import { deleteInstructor, getInstructor, listInstructors, saveInstructor } from './roster';
import { instructorSettings, saveInstructorSettings } from './settings';
import { deleteVisit, pageVisits, readAttachment, saveVisit } from './visits';

const ok = { ok: true as const };

export const instructorsHandlers: HandlerMap<DomainChannels<'instructors' | 'visits' | 'coverage'>> = {
  'instructors.list': (f, ctx) => ({ rows: listInstructors(ctx, f) }),
  'instructors.get': ({ id }, ctx) => getInstructor(ctx, id),
  'instructors.save': (input, ctx) => saveInstructor(ctx, input),
  'instructors.delete': ({ id }, ctx) => (deleteInstructor(ctx, id), ok),
  'instructors.assign': (input, ctx) => assign(ctx, input),
  'instructors.endAssignment': (input, ctx) => (endAssignment(ctx, input), ok),
  'instructors.assignments': (f, ctx) => assignmentRows(ctx, f),
  'instructors.settings': (_i, ctx) => instructorSettings(ctx.db),
  'instructors.saveSettings': (s, ctx) => (saveInstructorSettings(ctx, s), ok),
  'instructors.censusNames': (_i, ctx) => censusInstructorNames(ctx.db, ctx.clock.today()),
  'instructors.exportNotice': (input, ctx) => exportInstructorNotice(ctx, input),
  'instructors.exportRoster': (input, ctx) => exportInstructorRoster(ctx, input),
  'instructors.exportVisits': (input, ctx) => exportVisitSummary(ctx, input),
  'visits.list': (f, ctx) => pageVisits(ctx.db, f),
  'visits.save': (input, ctx) => saveVisit(ctx, input),
  'visits.delete': ({ id }, ctx) => (deleteVisit(ctx, id), ok),
  'visits.attachment': ({ id }, ctx) => readAttachment(ctx, id),
  'coverage.summary': (input, ctx) => coverageSummary(ctx, input),
  'coverage.uncovered': ({ street }, ctx) => ({ rows: uncoveredOrgs(ctx, street) }),
  'coverage.overdue': (_i, ctx) => ({ intervalMonths: instructorSettings(ctx.db).visitIntervalMonths, rows: overdueAssignments(ctx) }),
};
