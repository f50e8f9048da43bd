import type { DomainChannels } from '../../../shared/contract';
import type { HandlerMap } from '../handlers-types';
import { operatorInfo, operatorName, saveOperatorName } from './operator';
import { recordAudit } from '../audit/audit';

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
};
