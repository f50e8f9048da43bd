/**
 * Every table document of a demo office: the ledger, 应建未建, coverage, 花名册, 选派名单, 走访, the
 * debriefing lists and the honours ledgers, as the core builds them; and the forms people write on (FORMS:
 * the 民主测评表, a 档案卡, a 立项书), their rows taller than their lines.
 */
import type { CoreContext } from '../../electron/core/context';
import { coverageDocument } from '../../electron/core/export/documents/coverage';
import { ledgerDocument } from '../../electron/core/export/documents/ledger';
import { unbuiltDocument } from '../../electron/core/export/documents/unbuilt';
import { TICK_ROW, fieldRow } from '../../electron/core/export/gongwen';
import type { GongwenDocument } from '../../electron/core/export/model';
import { debriefingDocument } from '../../electron/core/debriefing/export';
import { charter, honoursDocument } from '../../electron/core/honours/export';
import { projectList } from '../../electron/core/honours/projects';
import { loadOrgCard } from '../../electron/core/export/documents/orgCard';
import { instructorNoticeDocument, instructorRosterDocument, visitSummaryDocument } from '../../electron/core/instructors/documents';

export function tableDocuments(ctx: CoreContext): Record<string, GongwenDocument> {
  const docs: Record<string, GongwenDocument> = {};
  docs.ledger = ledgerDocument(ctx, {}).doc;
  docs.unbuilt = unbuiltDocument(ctx).doc;
  docs.coverage = coverageDocument(ctx).doc;
  docs.roster = instructorRosterDocument(ctx, {});
  docs.instructorNotice = instructorNoticeDocument(ctx, {}).doc;
  const instructor = ctx.db.prepare('SELECT instructor_id FROM instructor_visits GROUP BY instructor_id ORDER BY COUNT(*) DESC, instructor_id LIMIT 1').pluck().get() as number;
  docs.visits = visitSummaryDocument(ctx, { instructorId: instructor, from: '2020-01-01', to: '2026-11-22' });
  for (const kind of ['plan', 'ballot-summary', 'debriefing-results', 'rectification-list'] as const) docs[kind] = debriefingDocument(ctx, { kind, year: 2025 }).doc;
  docs.starSummary = honoursDocument(ctx, 'star-summary', 2025);
  docs.weakLedger = honoursDocument(ctx, 'weak-ledger', 2026);
  docs.acceptance = honoursDocument(ctx, 'project-acceptance', 2026);
  docs.ballots = debriefingDocument(ctx, { kind: 'ballot-form', year: 2025 }).doc;
  const org = ctx.db.prepare('SELECT organization_id FROM party_orgs WHERE built = 1 ORDER BY organization_id LIMIT 1').pluck().get() as number;
  docs.orgCard = loadOrgCard(ctx, org).doc;
  docs.charter = charter(ctx, projectList(ctx, 2026)[0].id);
  return docs;
}

/** The forms among tableDocuments() and the least height of their rows (twips): 10 mm tick boxes, fields a line and 2.5 mm. */
export const FORMS: Record<string, number> = { ballots: TICK_ROW, orgCard: fieldRow(12), charter: fieldRow(14) };
