import type { Prisma, PrismaClient } from '../../prisma/generated/client';

/**
 * Who did it. Today every write comes with a workspace API key; people (`user`) sign in in a
 * later step and fit the same pair, so readers never parse an actor out of one string.
 */
export interface AuditActor {
  readonly type: 'api_key' | 'user' | 'system';
  readonly id: string | null;
}

/** A summary value: plain JSON, small by intent (before/after, a version, counts). */
export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };
export type AuditSummary = { readonly [key: string]: AuditValue };

export interface AuditEntryInput {
  readonly workspaceId: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string | null };
  readonly summary: AuditSummary;
  readonly requestId: string | null;
  readonly clientAddress: string | null;
  readonly occurredAt: Date;
}

// Handlers are told never to put secrets or a person's contact details in a summary; these
// checks mean one careless handler still cannot leak them into a table that outlives the data
// (audit rows survive erasure). Keys naming secrets are dropped with their value; a string that
// looks like an email address or a phone number is dropped wherever it is. (Channel names such
// as `email` are fine as keys: consent before/after is keyed by them.)
const SECRET_KEY = /password|secret|token|authorization|cookie|api_?key$|^key$/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const PHONE = /^\+?[0-9][0-9 ().-]{6,}$/;
const personal = (value: AuditValue): boolean => typeof value === 'string' && (EMAIL.test(value) || PHONE.test(value.trim()));

/** The summary without secret-named keys or address-like strings, at any depth. */
export function safeSummary(summary: AuditSummary): AuditSummary {
  return Object.fromEntries(Object.entries(summary).flatMap(([key, value]) => (SECRET_KEY.test(key) || personal(value) ? [] : [[key, safeValue(value)]])));
}

// Array.isArray does not narrow a readonly array out of a union.
const isList = (value: AuditValue): value is readonly AuditValue[] => Array.isArray(value);

function safeValue(value: AuditValue): AuditValue {
  if (isList(value)) return value.filter((item) => !personal(item)).map(safeValue);
  if (typeof value === 'object' && value !== null) return safeSummary(value);
  return value;
}

/** A stored JSON value (a settings block read from the database) as a summary value; anything else becomes null. */
export function auditValueOf(value: unknown): AuditValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => auditValueOf(item));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]: [string, unknown]) => [key, auditValueOf(inner)]));
  return null;
}

/** Prisma's JSON input type, built from the summary without a cast (null is a JSON value here). */
function jsonOf(value: AuditValue): Prisma.InputJsonValue | null {
  if (isList(value)) return value.map(jsonOf);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonOf(inner)]));
  return value;
}

/** The row an entry is stored as (its summary made safe). */
export function auditRow(entry: AuditEntryInput): Prisma.AuditEntryCreateManyInput {
  return {
    workspaceId: entry.workspaceId,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    summary: jsonOf(safeSummary(entry.summary)) ?? {},
    requestId: entry.requestId,
    clientAddress: entry.clientAddress,
    occurredAt: entry.occurredAt,
  };
}

/** Appends one row; the table is append-only (nothing updates a row except erasure's scrub). */
export async function appendAuditEntry(prisma: Pick<PrismaClient, 'auditEntry'>, entry: AuditEntryInput): Promise<void> {
  await prisma.auditEntry.create({ data: auditRow(entry) });
}
