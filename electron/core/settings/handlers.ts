import type { DomainChannels } from '../../../shared/contract';
import type { HandlerMap } from '../handlers-types';
import { operatorInfo, operatorName, saveOperatorName } from './operator';
import { recordAudit } from '../audit/audit';
import { officeTimeZone, setOfficeTimeZone } from './officeZone';

export const settingsHandlers: HandlerMap<DomainChannels<'settings'>> = {
  'settings.operator': (_i, ctx) => operatorInfo(ctx.db, ctx.account),
  'settings.saveOperator': ({ name }, ctx) => {
    ctx.db.transaction(() => {
      const before = operatorName(ctx.db);
      if (before === name) return;
      saveOperatorName(ctx.db, name);
      // Recorded under the new name: from now on it is the one acting.
      recordAudit(ctx.db, {
        at: ctx.clock.now().toISOString(),
        actor: name,
        action: before ? 'update' : 'create',
        entity: 'operator',
        entityId: null,
        entityLabel: '操作人',
        changes: [{ field: 'name', label: '姓名', oldValue: before, newValue: name }],
      });
    })();
    return operatorInfo(ctx.db, ctx.account);
  },
  'settings.saveTimeZone': ({ timeZone }, ctx) => {
    const before = officeTimeZone(ctx.db);
    if (before !== timeZone) {
      ctx.db.transaction(() => {
        recordAudit(ctx.db, {
          at: ctx.clock.now().toISOString(),
          actor: ctx.actor,
          action: 'update',
          entity: 'settings',
          entityId: null,
          entityLabel: '办公地时区',
          changes: [{ field: 'office.timeZone', label: '办公地时区', oldValue: before, newValue: timeZone }],
        });
        setOfficeTimeZone(ctx.db, timeZone);
      })();
      // Today and every shown time may move: the renderer reloads app.info on this event.
      ctx.emit('data.changed', { entity: 'settings' });
    }
    return { timeZone: officeTimeZone(ctx.db), today: ctx.clock.today() };
  },
};
