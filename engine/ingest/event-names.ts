import { Prisma, type PrismaClient } from '../../prisma/generated/client';

const { sql } = Prisma;

/** The builder's event picker lists at most this many names, the most frequent first. */
export const EVENT_NAMES_LIMIT = 500;
/** Property keys are read from this many of the newest events of each name: bounded work per name. */
export const PROPERTY_SAMPLE_SIZE = 100;
/** And at most this many keys are listed per name (alphabetically first). */
export const PROPERTIES_PER_NAME = 100;

export interface EventNameSummary {
  name: string;
  /** Events of this name the workspace has received. */
  count: number;
  lastSeenAt: Date;
  /** Top-level keys of `properties` seen in the newest events of the name, sorted. */
  properties: string[];
}

type Db = Pick<PrismaClient, '$queryRaw' | 'event'>;

/**
 * Every event name the workspace has received (the linter's `unknown_event` check). A SQL
 * GROUP BY on the (workspace, name, occurred_at) index; findMany's `distinct` would load every
 * event row.
 */
export async function receivedEventNames(prisma: Db, workspaceId: string): Promise<ReadonlySet<string>> {
  const groups = await prisma.event.groupBy({ by: ['name'], where: { workspaceId } });
  return new Set(groups.map((group) => group.name));
}

/**
 * The event picker: the workspace's event names by frequency (up to EVENT_NAMES_LIMIT) with
 * their counts, last time seen and property keys. One query: the names are grouped on the
 * (workspace, name, occurred_at) index; each name's keys come from its newest
 * PROPERTY_SAMPLE_SIZE events (a backward scan of the same index), so the cost of the keys
 * does not grow with the event history.
 */
export async function eventNameSummaries(prisma: Db, workspaceId: string): Promise<EventNameSummary[]> {
  return prisma.$queryRaw<EventNameSummary[]>(sql`
    WITH names AS (
      SELECT e.name, count(*)::int AS count, max(e.occurred_at) AS "lastSeenAt"
      FROM event e
      WHERE e.workspace_id = ${workspaceId}::uuid
      GROUP BY e.name
      ORDER BY count(*) DESC, e.name
      LIMIT ${EVENT_NAMES_LIMIT}::int
    )
    SELECT n.name, n.count, n."lastSeenAt",
           COALESCE((
             SELECT array_agg(keys.key ORDER BY keys.key)
             FROM (
               SELECT DISTINCT jsonb_object_keys(CASE WHEN jsonb_typeof(recent.properties) = 'object' THEN recent.properties ELSE '{}'::jsonb END) AS key
               FROM (
                 SELECT s.properties FROM event s
                 WHERE s.workspace_id = ${workspaceId}::uuid AND s.name = n.name
                 ORDER BY s.occurred_at DESC
                 LIMIT ${PROPERTY_SAMPLE_SIZE}::int
               ) recent
               ORDER BY 1
               LIMIT ${PROPERTIES_PER_NAME}::int
             ) keys
           ), ARRAY[]::text[]) AS properties
    FROM names n
    ORDER BY n.count DESC, n.name`);
}
