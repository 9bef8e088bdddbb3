import { Prisma, type Contact, type LifecycleStage, type PrismaClient } from '../../prisma/generated/client';
import { SegmentNotFoundError } from '../crm/segments/static-members';
import type { AttributeFilter } from './attribute-filter';
import { decodeCursor, encodeCursor } from './cursor';

const { sql, join } = Prisma;

export const MAX_PAGE_SIZE = 200;

export interface ContactSearch {
  /** Case-insensitive prefix of the email, first name, last name or company. */
  readonly q?: string;
  readonly segmentId?: string;
  readonly lifecycleStage?: LifecycleStage;
  readonly tag?: string;
  readonly attributes?: AttributeFilter;
  readonly limit: number;
  readonly cursor?: string;
}

export interface ContactPage {
  readonly contacts: Contact[];
  /** Pass it back for the next page; null on the last one. */
  readonly nextCursor: string | null;
}

type Db = Pick<PrismaClient, '$queryRaw' | 'contact' | 'segment'>;

/**
 * A page of the workspace's contacts matching every given filter, in id order (stable while
 * contacts are added). The filters are one SQL query for the ids, then the rows by id.
 */
export async function searchContacts(prisma: Db, workspaceId: string, search: ContactSearch): Promise<ContactPage> {
  const limit = Math.min(Math.max(Math.trunc(search.limit), 1), MAX_PAGE_SIZE);
  if (search.segmentId && !(await prisma.segment.findFirst({ where: { id: search.segmentId, workspaceId }, select: { id: true } }))) {
    throw new SegmentNotFoundError(`segment ${search.segmentId}`);
  }
  const filters = [sql`c.workspace_id = ${workspaceId}::uuid`];
  if (search.cursor !== undefined) filters.push(sql`c.id > ${decodeCursor(search.cursor)}::uuid`);
  if (search.q) {
    // starts_with, not LIKE: a "%" or "_" in the query is a character, never a wildcard.
    const q = search.q.trim();
    filters.push(sql`(${join(['c.email', 'c.first_name', 'c.last_name', 'c.company'].map((column) => sql`starts_with(lower(${Prisma.raw(column)}), lower(${q}::text))`), ' OR ')})`);
  }
  if (search.segmentId) filters.push(sql`EXISTS (SELECT 1 FROM segment_membership m WHERE m.contact_id = c.id AND m.segment_id = ${search.segmentId}::uuid)`);
  if (search.lifecycleStage) filters.push(sql`c.lifecycle_stage = ${search.lifecycleStage}::lifecycle_stage`);
  if (search.tag) filters.push(sql`c.tags @> ARRAY[${search.tag}::text]`);
  if (search.attributes && Object.keys(search.attributes).length > 0) filters.push(sql`c.attributes @> ${JSON.stringify(search.attributes)}::jsonb`);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT c.id::text AS id FROM contact c WHERE ${join(filters, ' AND ')} ORDER BY c.id LIMIT ${limit + 1}::int`;
  const ids = rows.slice(0, limit).map((row) => row.id);
  const contacts = ids.length === 0 ? [] : await prisma.contact.findMany({ where: { workspaceId, id: { in: ids } }, orderBy: { id: 'asc' } });
  const last = contacts.at(-1);
  return { contacts, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
