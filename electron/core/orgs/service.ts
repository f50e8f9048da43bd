import { z } from 'zod';
import type { MemberCount, OrgDetail, OrgFields, PartyOrgFields } from '../../../shared/contract/orgs';
import { checkUscc } from '../../../shared/domain/codes';
import { validateOrg } from '../../../shared/domain/orgChecks';
import { DEFAULT_TERM_SETTINGS, orgTypeMismatch, ruleFlags, termEndFrom, type TermSettings } from '../../../shared/domain/rules';
import { auditFor, diffFields, recordAudit } from '../audit/audit';
import type { CoreContext } from '../context';
import type { Db } from '../db/database';
import { AppError, notFound } from '../errors';
import { getSetting } from '../settings/settings';
import { nameInitials } from './initials';
import { ORG_FIELD_LABELS, ORG_OVERVIEW_SELECT, PARTY_ORG_FIELD_LABELS, toFacts, toOrgFields, toPartyOrgFields, type OrgOverviewRow } from './rows';

const TermSettingsSchema = z.object({ termYears: z.record(z.string(), z.number().int().min(1).max(10)), reminderDays: z.number().int().min(0).max(365) });
export const termSettings = (db: Db): TermSettings => getSetting(db, 'terms', TermSettingsSchema, DEFAULT_TERM_SETTINGS);

export const ORG_ENTITIES = ['organization', 'party_org', 'member_count'];

function loadRow(db: Db, ref: { id: number } | { uscc: string }): OrgOverviewRow | undefined {
  if ('id' in ref) return db.prepare(`${ORG_OVERVIEW_SELECT} WHERE o.id = ?`).get(ref.id) as OrgOverviewRow | undefined;
  const code = checkUscc(ref.uscc).code;
  return db.prepare(`${ORG_OVERVIEW_SELECT} WHERE o.uscc = ?`).get(code) as OrgOverviewRow | undefined;
}

export function getOrg(ctx: CoreContext, ref: { id: number } | { uscc: string }): OrgDetail {
  const r = loadRow(ctx.db, ref);
  if (!r) throw notFound('该组织档案');
  const members = ctx.db
    .prepare('SELECT year, full_members AS full, probationary_members AS probationary FROM member_counts WHERE organization_id = ? ORDER BY year DESC')
    .all(r.id) as MemberCount[];
  const terms = termSettings(ctx.db);
  return {
    id: r.id,
    org: toOrgFields(r),
    partyOrg: toPartyOrgFields(r),
    members,
    flags: ruleFlags(toFacts(r), ctx.clock.today(), terms),
    warnings: orgWarnings(toOrgFields(r), toPartyOrgFields(r), r.full_members, r.probationary_members),
    dissolvedAt: r.dissolved_at,
    dissolveKind: r.dissolve_kind,
    dissolveReason: r.dissolve_reason,
    isSample: r.is_sample === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Things worth a second look that do not block saving. */
export function orgWarnings(org: OrgFields, po: PartyOrgFields, full: number | null, probationary: number | null): string[] {
  const w: string[] = [];
  const code = checkUscc(org.uscc);
  if (code.status === 'checksum') w.push(code.message);
  const members = (full ?? 0) + (probationary ?? 0);
  if (org.employees !== null && members > org.employees) w.push(`党员人数（${members}）多于从业人员数（${org.employees}），请核实`);
  const mismatch = orgTypeMismatch({
    operatingStatus: org.operatingStatus,
    dissolved: false,
    fullMembers: full,
    probationaryMembers: probationary,
    partyOrgBuilt: po.built,
    partyOrgType: po.type ?? null,
    formation: po.formation ?? null,
    termEnd: po.termEnd ?? null,
  });
  if (mismatch) w.push(`党组织类型与正式党员人数（${full ?? 0}）不符，按规定应为${mismatch.expected}`);
  return w;
}


export function saveOrg(
  ctx: CoreContext,
  input: { id?: number; org: OrgFields; partyOrg: PartyOrgFields; acceptWarnings?: boolean },
): { id: number; warnings: string[] } {
  const { db } = ctx;
  const org: OrgFields = { ...input.org, uscc: checkUscc(input.org.uscc).code };
  const po: PartyOrgFields = input.partyOrg.built
    ? { ...input.partyOrg, notBuiltReason: null }
    : { built: false, notBuiltReason: input.partyOrg.notBuiltReason ?? null };
  if (po.built && po.termStart && !po.termEnd) po.termEnd = termEndFrom(po.termStart, po.type ?? null, termSettings(db));

  const issues = validateOrg(org, po);
  const errors = issues.filter((i) => !i.warning);
  if (errors.length) throw new AppError('VALIDATION', errors.map((i) => i.message).join('；'), issues);
  if (issues.length && !input.acceptWarnings) throw new AppError('VALIDATION', issues.map((i) => i.message).join('；'), issues);

  const clash = db.prepare('SELECT id, name FROM organizations WHERE uscc = ? AND id IS NOT ?').get(org.uscc, input.id ?? null) as
    | { id: number; name: string }
    | undefined;
  if (clash) {
    throw new AppError('CONFLICT', `统一社会信用代码 ${org.uscc} 已属于“${clash.name}”，同一代码不能登记两个组织`, [
      { field: 'org.uscc', message: `已被“${clash.name}”使用` },
    ]);
  }

  const now = ctx.clock.now().toISOString();
  const before = input.id ? loadRow(db, { id: input.id }) : undefined;
  if (input.id && !before) throw notFound('该组织档案');
  // A door that does not send 登记证号 / 出资人是否党员 (an older client) leaves them as stored.
  if (before) {
    const stored = toOrgFields(before);
    if (org.registrationNo === undefined) org.registrationNo = stored.registrationNo;
    if (org.investorIsMember === undefined) org.investorIsMember = stored.investorIsMember;
  }

  const id = db.transaction(() => {
    const params = {
      ...org,
      industry: org.industry ?? null,
      park: org.park ?? null,
      address: org.address ?? null,
      legalRep: org.legalRep ?? null,
      phone: org.phone ?? null,
      notes: org.notes ?? null,
      registrationNo: org.registrationNo ?? null,
      investorIsMember: org.investorIsMember === null || org.investorIsMember === undefined ? null : org.investorIsMember ? 1 : 0,
      initials: nameInitials(org.name),
      now,
    };
    let orgId: number;
    if (before) {
      db.prepare(
        `UPDATE organizations SET category=@category, name=@name, uscc=@uscc, industry=@industry, street=@street, park=@park,
           address=@address, legal_rep=@legalRep, phone=@phone, employees=@employees, operating_status=@operatingStatus,
           notes=@notes, registration_no=@registrationNo, investor_is_member=@investorIsMember, name_initials=@initials, updated_at=@now WHERE id=@id`,
      ).run({ ...params, id: before.id });
      orgId = before.id;
    } else {
      orgId = Number(
        db
          .prepare(
            `INSERT INTO organizations (category, name, uscc, industry, street, park, address, legal_rep, phone, employees,
               operating_status, notes, registration_no, investor_is_member, name_initials, created_at, updated_at)
             VALUES (@category, @name, @uscc, @industry, @street, @park, @address, @legalRep, @phone, @employees,
               @operatingStatus, @notes, @registrationNo, @investorIsMember, @initials, @now, @now)`,
          )
          .run(params).lastInsertRowid,
      );
    }
    writePartyOrg(db, orgId, po);
    const audit = { at: now, actor: ctx.actor, entityId: orgId, entityLabel: org.name };
    if (!before) {
      recordAudit(db, { ...audit, action: 'create', entity: 'organization' });
    } else {
      recordAudit(db, { ...audit, action: 'update', entity: 'organization', changes: diffFields(toOrgFields(before), org, ORG_FIELD_LABELS) });
      const poChanges = diffFields(toPartyOrgFields(before), po, PARTY_ORG_FIELD_LABELS);
      if (poChanges.length) recordAudit(db, { ...audit, action: 'update', entity: 'party_org', changes: poChanges });
    }
    return orgId;
  })();
  const after = loadRow(db, { id })!;
  ctx.emit('data.changed', { entity: 'organization' });
  return { id, warnings: orgWarnings(org, po, after.full_members, after.probationary_members) };
}

/** The upsert below, compiled once per connection: a census commit writes thousands of party orgs. */
const partyOrgUpserts = new WeakMap<Db, ReturnType<Db['prepare']>>();
const partyOrgUpsert = (db: Db, sql: string) => partyOrgUpserts.get(db) ?? partyOrgUpserts.set(db, db.prepare(sql)).get(db)!;

export function writePartyOrg(db: Db, orgId: number, po: PartyOrgFields): void {
  partyOrgUpsert(
    db,
    `INSERT INTO party_orgs (organization_id, built, not_built_reason, type, formation, name, founded_on, secretary_name,
       secretary_source, term_start, term_end, superior_org)
     VALUES (@orgId, @built, @notBuiltReason, @type, @formation, @name, @foundedOn, @secretaryName, @secretarySource,
       @termStart, @termEnd, @superiorOrg)
     ON CONFLICT(organization_id) DO UPDATE SET built=excluded.built, not_built_reason=excluded.not_built_reason,
       type=excluded.type, formation=excluded.formation, name=excluded.name, founded_on=excluded.founded_on,
       secretary_name=excluded.secretary_name, secretary_source=excluded.secretary_source, term_start=excluded.term_start,
       term_end=excluded.term_end, superior_org=excluded.superior_org`,
  ).run({
    orgId,
    built: po.built ? 1 : 0,
    notBuiltReason: po.notBuiltReason ?? null,
    type: po.type ?? null,
    formation: po.formation ?? null,
    name: po.name ?? null,
    foundedOn: po.foundedOn ?? null,
    secretaryName: po.secretaryName ?? null,
    secretarySource: po.secretarySource ?? null,
    termStart: po.termStart ?? null,
    termEnd: po.termEnd ?? null,
    superiorOrg: po.superiorOrg ?? null,
  });
}

export function saveMembers(ctx: CoreContext, organizationId: number, c: MemberCount): void {
  const { db } = ctx;
  const org = db.prepare('SELECT name FROM organizations WHERE id = ?').get(organizationId) as { name: string } | undefined;
  if (!org) throw notFound('该组织档案');
  const before = db
    .prepare('SELECT full_members AS full, probationary_members AS probationary FROM member_counts WHERE organization_id = ? AND year = ?')
    .get(organizationId, c.year) as { full: number; probationary: number } | undefined;
  const now = ctx.clock.now().toISOString();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO member_counts (organization_id, year, full_members, probationary_members) VALUES (?, ?, ?, ?)
       ON CONFLICT(organization_id, year) DO UPDATE SET full_members = excluded.full_members, probationary_members = excluded.probationary_members`,
    ).run(organizationId, c.year, c.full, c.probationary);
    const changes = diffFields(before ?? null, { full: c.full, probationary: c.probationary }, {
      full: `${c.year}年正式党员`,
      probationary: `${c.year}年预备党员`,
    });
    if (changes.length) {
      recordAudit(db, { at: now, actor: ctx.actor, action: before ? 'update' : 'create', entity: 'member_count', entityId: organizationId, entityLabel: org.name, changes });
    }
    db.prepare('UPDATE organizations SET updated_at = ? WHERE id = ?').run(now, organizationId);
  })();
  ctx.emit('data.changed', { entity: 'organization' });
}

export function setDissolved(ctx: CoreContext, id: number, d: { kind: string; reason: string; date: string } | null): void {
  const { db } = ctx;
  const row = db.prepare('SELECT name, dissolved_at, dissolve_kind, dissolve_reason FROM organizations WHERE id = ?').get(id) as
    | { name: string; dissolved_at: string | null; dissolve_kind: string | null; dissolve_reason: string | null }
    | undefined;
  if (!row) throw notFound('该组织档案');
  if (d && row.dissolved_at) throw new AppError('CONFLICT', `“${row.name}”已于 ${row.dissolved_at} ${row.dissolve_kind}，无需重复操作`);
  if (!d && !row.dissolved_at) throw new AppError('CONFLICT', `“${row.name}”未被撤销或注销，无需恢复`);
  const now = ctx.clock.now().toISOString();
  db.transaction(() => {
    db.prepare('UPDATE organizations SET dissolved_at = ?, dissolve_kind = ?, dissolve_reason = ?, updated_at = ? WHERE id = ?').run(
      d?.date ?? null,
      d?.kind ?? null,
      d?.reason ?? null,
      now,
      id,
    );
    recordAudit(db, {
      at: now,
      actor: ctx.actor,
      action: d ? 'dissolve' : 'restore',
      entity: 'organization',
      entityId: id,
      entityLabel: row.name,
      changes: [
        { field: 'dissolved', label: '档案状态', oldValue: row.dissolved_at ? `已${row.dissolve_kind}` : '正常', newValue: d ? `已${d.kind}` : '正常' },
        { field: 'dissolveReason', label: '撤销原因', oldValue: row.dissolve_reason, newValue: d?.reason ?? null },
      ].filter((c) => (c.oldValue ?? null) !== (c.newValue ?? null)),
    });
  })();
  ctx.emit('data.changed', { entity: 'organization' });
}

export const orgHistory = (ctx: CoreContext, id: number) => auditFor(ctx.db, ORG_ENTITIES, id);

export function orgFacets(db: Db) {
  const distinct = (col: 'street' | 'park' | 'industry') =>
    (db.prepare(`SELECT DISTINCT ${col} AS v FROM organizations WHERE ${col} IS NOT NULL AND ${col} <> '' ORDER BY ${col}`).all() as { v: string }[]).map(
      (r) => r.v,
    );
  return { streets: distinct('street'), parks: distinct('park'), industries: distinct('industry') };
}
