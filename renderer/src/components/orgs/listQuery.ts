import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { OrgFilter, SORT_FIELDS } from '@shared/contract/orgs';
import type { ListSort } from '../../stores/orgs';

const text = (v: LocationQuery[string]) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * The list's filter lives in the address (/orgs?flag=应建未建&street=…) so the overview can link to a
 * filtered list and the filter survives going to a detail page and back. Unknown values are dropped.
 */
export function filterFromQuery(q: LocationQuery): { filter: OrgFilter; sort: ListSort } {
  const raw = {
    query: text(q.query),
    category: text(q.category),
    street: text(q.street),
    park: text(q.park),
    industry: text(q.industry),
    operatingStatus: text(q.operatingStatus),
    partyOrg: text(q.partyOrg),
    flag: text(q.flag),
    stars: text(q.stars) ? Number(text(q.stars)) : undefined,
    includeDissolved: q.includeDissolved === '1' ? true : undefined,
  };
  const filter: OrgFilter = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const one = OrgFilter.safeParse({ [key]: value });
    if (one.success) Object.assign(filter, one.data);
  }
  const sortKey = text(q.sort);
  const sort: ListSort = {};
  if (sortKey && (SORT_FIELDS as readonly string[]).includes(sortKey)) {
    sort.sort = sortKey as ListSort['sort'];
    sort.order = q.order === 'desc' ? 'desc' : 'asc';
  }
  return { filter, sort };
}

export function queryFromFilter(filter: OrgFilter, sort: ListSort): LocationQueryRaw {
  const q: LocationQueryRaw = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || value === false) continue;
    q[key] = value === true ? '1' : String(value);
  }
  if (sort.sort) {
    q.sort = sort.sort;
    q.order = sort.order ?? 'asc';
  }
  return q;
}
