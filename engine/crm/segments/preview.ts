import { Prisma } from '../../../prisma/generated/client';
import type { SqlClient } from '../sql';
import { matchingContactsQuery, type CompileContext } from './compile';
import type { Criteria } from '../../journey/conditions/language';

export interface SegmentPreview {
  readonly count: number;
  readonly sample: { id: string; email: string | null; name: string | null }[];
}

/** How many contacts criteria match right now, and a few of them: what a marketer sees before saving. */
export async function previewSegment(client: SqlClient, context: CompileContext, criteria: Criteria, sampleSize = 10): Promise<SegmentPreview> {
  const matching = matchingContactsQuery(criteria, context);
  const [counted] = await client.$queryRaw<{ count: number }[]>(Prisma.sql`SELECT count(*)::int AS count FROM (${matching}) matching`);
  const sample = await client.$queryRaw<{ id: string; email: string | null; name: string | null }[]>(Prisma.sql`
    SELECT c.id::text AS id, c.email, NULLIF(concat_ws(' ', c.first_name, c.last_name), '') AS name
    FROM contact c JOIN (${matching}) matching ON matching.id = c.id ORDER BY c.created_at DESC, c.id LIMIT ${sampleSize}::int`);
  return { count: counted?.count ?? 0, sample };
}
