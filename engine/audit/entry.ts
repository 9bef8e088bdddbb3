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

// Keys that name secrets or a person's contact details. Handlers are told never to put them in a
// summary; dropping them here as well means one careless handler cannot leak them into a table
// that outlives the data (audit rows survive erasure).
const FORBIDDEN_KEY = /email|phone|password|secret|token|first_?name|last_?name|address|authorization|cookie/i;

/** The summary with every forbidden key removed, at any depth. */
export function safeSummary(summary: AuditSummary): AuditSummary {
  return Object.fromEntries(Object.entries(summary).flatMap(([key, value]) => (FORBIDDEN_KEY.test(key) ? [] : [[key, safeValue(value)]])));
}

// Array.isArray does not narrow a readonly array out of a union.
const isList = (value: AuditValue): value is readonly AuditValue[] => Array.isArray(value);

function safeValue(value: AuditValue): AuditValue {
  if (isList(value)) return value.map(safeValue);
  if (typeof value === 'object' && value !== null) return safeSummary(value);
  return value;
}

/** Prisma's JSON input type, built from the summary without a cast (null is a JSON value here). */
function jsonOf(value: AuditValue): Prisma.InputJsonValue | null {
  if (isList(value)) return value.map(jsonOf);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonOf(inner)]));
  return value;
}

/** Appends one row; the table is append-only (nothing updates a row except erasure's scrub). */
export async function appendAuditEntry(prisma: Pick<PrismaClient, 'auditEntry'>, entry: AuditEntryInput): Promise<void> {
  const summary = jsonOf(safeSummary(entry.summary));
  await prisma.auditEntry.create({
    data: {
      workspaceId: entry.workspaceId,
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      summary: summary ?? {},
      requestId: entry.requestId,
      clientAddress: entry.clientAddress,
      occurredAt: entry.occurredAt,
    },
  });
}
