import { z } from 'zod';

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

/** The largest file any door accepts (a census table, a backup to restore): the CLI checks it before reading. */
export const MAX_FILE_BYTES = 150 * 1024 * 1024;

/** 签发人 of an 上行文: at most this many names, each at most SIGNER_NAME_LIMIT characters. */
export const SIGNERS_MAX = 6;
export const SIGNER_NAME_LIMIT = 10;

// zod is only for the helpers below: a bundle that uses none of them (the census parse worker) leaves it out.
const unwrapOptional = (s: z.ZodType): z.ZodType =>
  s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault ? unwrapOptional(s.unwrap() as z.ZodType) : s;

/** The `.max(n)` of a contract string field (optional/nullable/default looked through), for a form's maxlength. */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  const s = unwrapOptional(schema);
  return s instanceof z.ZodString ? (s.maxLength ?? undefined) : undefined;
}

/** Every string field's `.max(n)` of a contract object, so a form's maxlength reads the contract and never its own number. */
export function maxLengths<S extends z.ZodRawShape>(schema: z.ZodObject<S>): Record<keyof S, number | undefined> {
  return Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, maxLengthOf(v as z.ZodType)])) as Record<keyof S, number | undefined>;
}
