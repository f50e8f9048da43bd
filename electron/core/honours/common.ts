import type { AuditAction, AuditEntity } from '../../../shared/contract/safety';
import { recordAudit } from '../audit/audit';
import type { CoreContext } from '../context';

/** Shared by the honours services: the change event and the audit line. */
export const changed = (ctx: CoreContext) => ctx.emit('data.changed', { entity: 'honours' });

export const audit = (
  ctx: CoreContext,
  entity: AuditEntity,
  entityId: number | null,
  entityLabel: string,
  action: AuditAction,
  changes?: Parameters<typeof recordAudit>[1]['changes'],
) => recordAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.actor, action, entity, entityId, entityLabel, changes });

/** The organisation's name and street, for rows and messages. */
export interface OrgLabel {
  id: number;
  name: string;
  street: string;
  category: 'enterprise' | 'social';
  party_org_name: string | null;
  secretary_name: string | null;
}

export const ORG_LABEL_SELECT = `SELECT o.id, o.name, o.street, o.category, p.name AS party_org_name, p.secretary_name
  FROM organizations o LEFT JOIN party_orgs p ON p.organization_id = o.id`;

/** The note of a result imported from a spreadsheet (rating.importResults): it has stars but no item scores. */
export const IMPORTED_NOTE = '导入';
