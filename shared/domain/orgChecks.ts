import type { FieldIssue } from '../contract/common';
import type { OrgFields, PartyOrgFields } from '../contract/orgs';
import { checkUscc } from './codes';

/**
 * Field-level checks of a case file beyond the contract's limits: errors block, warnings need the user's consent.
 * The core refuses a save with them; the form shows them as the user types.
 */
export function validateOrg(org: OrgFields, po: PartyOrgFields): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const code = checkUscc(org.uscc);
  if (code.status === 'format') issues.push({ field: 'org.uscc', message: code.message });
  if (code.status === 'checksum') issues.push({ field: 'org.uscc', message: `${code.message}，请与营业执照（登记证书）核对`, warning: true });
  if (po.built) {
    if (!po.type) issues.push({ field: 'partyOrg.type', message: '已建立党组织时请选择党组织类型' });
    if (!po.formation) issues.push({ field: 'partyOrg.formation', message: '已建立党组织时请选择组建方式' });
    if (po.termStart && po.termEnd && po.termEnd <= po.termStart) issues.push({ field: 'partyOrg.termEnd', message: '任期届满日期应晚于任期开始日期' });
  }
  return issues;
}
