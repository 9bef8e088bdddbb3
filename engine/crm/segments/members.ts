import { Prisma, type PrismaClient } from '../../../prisma/generated/client';
import { pageSize, type Page } from './list';
import { SegmentNotFoundError } from './static-members';

export interface SegmentMember {
  readonly contactId: string;
  readonly email: string | null;
  /** When the contact entered (this time). */
  readonly since: Date;
  /** "evaluation", "import", "api", "journey:<id>:<node>", ... */
  readonly source: string;
}

/** A page of a segment's members in contact id order, and whether more follow. */
export async function listSegmentMembers(prisma: Pick<PrismaClient, 'segment' | '$queryRaw'>, workspaceId: string, segmentId: string, page: Page): Promise<{ members: SegmentMember[]; more: boolean }> {
  if (!(await prisma.segment.findFirst({ where: { id: segmentId, workspaceId }, select: { id: true } }))) throw new SegmentNotFoundError(`segment ${segmentId} does not exist in this workspace`);
  const limit = pageSize(page.limit);
  const after = page.afterId === undefined ? Prisma.empty : Prisma.sql`AND m.contact_id > ${page.afterId}::uuid`;
  const rows = await prisma.$queryRaw<{ contact_id: string; email: string | null; entered_at: Date; source: string }[]>`
    SELECT m.contact_id::text AS contact_id, c.email, m.entered_at, m.source
    FROM segment_membership m JOIN contact c ON c.id = m.contact_id
    WHERE m.segment_id = ${segmentId}::uuid AND m.workspace_id = ${workspaceId}::uuid ${after}
    ORDER BY m.contact_id
    LIMIT ${limit + 1}::int`;
  const members = rows.slice(0, limit).map((row) => ({ contactId: row.contact_id, email: row.email, since: row.entered_at, source: row.source }));
  return { members, more: rows.length > limit };
}
