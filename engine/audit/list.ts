import type { Prisma, PrismaClient } from '../../prisma/generated/client';

export interface AuditFilter {
  readonly actor?: { readonly type: string; readonly id?: string };
  readonly action?: string;
  readonly target?: { readonly type: string; readonly id?: string };
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
  /** The last id of the previous page: rows older than it (ids grow with time). */
  readonly beforeId?: bigint;
  readonly limit: number;
}

export interface AuditEntryView {
  readonly id: string;
  readonly actor: { readonly type: string; readonly id: string | null };
  readonly action: string;
  readonly target: { readonly type: string | null; readonly id: string | null };
  readonly summary: Prisma.JsonValue;
  readonly requestId: string | null;
  readonly clientAddress: string | null;
  readonly occurredAt: string;
}

/**
 * A workspace's audit rows, newest first, one page (and whether more follow). Newest first is by
 * id, not time: ids are assigned at insert, so two rows with the same millisecond still page
 * without a gap or a repeat.
 */
export async function listAuditEntries(prisma: Pick<PrismaClient, 'auditEntry'>, workspaceId: string, filter: AuditFilter): Promise<{ entries: AuditEntryView[]; more: boolean }> {
  const rows = await prisma.auditEntry.findMany({
    where: {
      workspaceId,
      ...(filter.actor && { actorType: filter.actor.type, ...(filter.actor.id !== undefined && { actorId: filter.actor.id }) }),
      ...(filter.action !== undefined && { action: filter.action }),
      ...(filter.target && { targetType: filter.target.type, ...(filter.target.id !== undefined && { targetId: filter.target.id }) }),
      ...((filter.from ?? filter.to) && { occurredAt: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lt: filter.to }) } }),
      ...(filter.beforeId !== undefined && { id: { lt: filter.beforeId } }),
    },
    orderBy: { id: 'desc' },
    take: filter.limit + 1,
  });
  return {
    more: rows.length > filter.limit,
    entries: rows.slice(0, filter.limit).map((row) => ({
      id: row.id.toString(),
      actor: { type: row.actorType, id: row.actorId },
      action: row.action,
      target: { type: row.targetType, id: row.targetId },
      summary: row.summary,
      requestId: row.requestId,
      clientAddress: row.clientAddress,
      occurredAt: row.occurredAt.toISOString(),
    })),
  };
}

// The cursor is opaque to callers, like the other list routes' (routes/page-cursor.ts); here it
// carries a row id, a bigint, not a uuid.
export const encodeAuditCursor = (lastId: string): string => Buffer.from(JSON.stringify({ before: lastId }), 'utf8').toString('base64url');

/** The id a cursor names, or undefined when it is not one this API handed out. */
export function decodeAuditCursor(cursor: string): bigint | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof decoded === 'object' && decoded !== null && 'before' in decoded && typeof decoded.before === 'string' && /^[1-9][0-9]{0,18}$/.test(decoded.before)) return BigInt(decoded.before);
  } catch {
    // not JSON: reported by the caller
  }
  return undefined;
}
