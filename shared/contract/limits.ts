/**
 * Each stored field's limits, written once. The contract's schemas, the forms (maxlength), the census
 * import (a too-long cell is a row error) and the restore check (safety/limits.ts) all read them.
 */
export const ORG_TEXT_LIMITS = {
  name: 200,
  uscc: 40,
  industry: 100,
  street: 100,
  park: 100,
  address: 200,
  legalRep: 50,
  phone: 50,
  notes: 2000,
  registrationNo: 50,
} as const;

export const PARTY_ORG_TEXT_LIMITS = {
  notBuiltReason: 500,
  name: 200,
  secretaryName: 50,
  superiorOrg: 200,
} as const;

/** A person's name on the instructor roster (and a census file's 党建指导员 column). */
export const PERSON_NAME_LIMIT = 50;

/** Head counts (从业人员, 党员): whole numbers from 0 to this. */
export const COUNT_MAX = 10_000_000;
