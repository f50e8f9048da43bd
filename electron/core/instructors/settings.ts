import { InstructorSettings } from '../../../shared/contract/instructors';
import type { VisitDutySettings } from '../../../shared/domain/visitDuty';
import { DEFAULT_VISIT_DUTY } from '../../../shared/domain/visitDuty';
import { diffFields, recordAudit } from '../audit/audit';
import type { CoreContext } from '../context';
import type { Db } from '../db/database';
import { getSetting, setSetting } from '../settings/settings';

const KEY = 'instructors';

export const DEFAULT_INSTRUCTOR_SETTINGS: InstructorSettings = {
  visitIntervalMonths: DEFAULT_VISIT_DUTY.intervalMonths,
};

export const instructorSettings = (db: Db): InstructorSettings => getSetting(db, KEY, InstructorSettings, DEFAULT_INSTRUCTOR_SETTINGS);
/** Saves the setting with an audit row in the same transaction. */
export function saveInstructorSettings(ctx: CoreContext, next: InstructorSettings): void {
  ctx.db.transaction(() => {
    const changes = diffFields(instructorSettings(ctx.db), next, { visitIntervalMonths: '走访周期（月）' });
    if (!changes.length) return;
    setSetting(ctx.db, KEY, next);
    recordAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.actor, action: 'update', entity: 'instructor_settings', entityId: null, entityLabel: '党建指导员走访要求', changes });
  })();
  ctx.emit('data.changed', { entity: 'settings' });
}
export const visitDuty = (db: Db): VisitDutySettings => ({ intervalMonths: instructorSettings(db).visitIntervalMonths });
