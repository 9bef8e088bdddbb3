import { Prisma } from '../../../prisma/generated/client';
import type { SqlClient } from '../sql';

export interface SegmentSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly kind: 'static' | 'dynamic';
  readonly members: number;
  readonly evaluatedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface Page {
  readonly limit: number;
  /** The last id of the previous page (callers decode their own opaque cursor). */
  readonly afterId?: string;
}

export const MAX_PAGE_SIZE = 200;
export const pageSize = (limit: number): number => Math.min(Math.max(Math.trunc(limit), 1), MAX_PAGE_SIZE);

/** A page of the workspace's segments in id order, each with its member count, and whether more follow. */
export async function listSegments(client: SqlClient, workspaceId: string, page: Page): Promise<{ segments: SegmentSummary[]; more: boolean }> {
  const limit = pageSize(page.limit);
  const after = page.afterId === undefined ? Prisma.empty : Prisma.sql`AND s.id > ${page.afterId}::uuid`;
  // One count per listed segment through the membership primary key (segment_id, contact_id).
  const rows = await client.$queryRaw<{ id: string; name: string; description: string | null; kind: 'static' | 'dynamic'; members: number; evaluated_at: Date | null; created_at: Date; updated_at: Date }[]>`
    SELECT s.id::text AS id, s.name, s.description, s.kind::text AS kind, s.evaluated_at, s.created_at, s.updated_at,
           (SELECT count(*)::int FROM segment_membership m WHERE m.segment_id = s.id) AS members
    FROM segment s
    WHERE s.workspace_id = ${workspaceId}::uuid ${after}
    ORDER BY s.id
    LIMIT ${limit + 1}::int`;
  const segments = rows.slice(0, limit).map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    members: row.members,
    evaluatedAt: row.evaluated_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
  return { segments, more: rows.length > limit };
}
