import { Prisma } from '../../../prisma/generated/client';
import { reusedPlan } from '../../db/reused-plan';
import { announceOutbox, laneOf } from '../changes/outbox';
import type { ContactScope, SqlClient } from '../sql';
import { scopeFilter } from '../sql';
import { compileCriteria, type CompileContext } from './compile';
import type { Criteria } from '../../journey/conditions/language';

const { sql, raw, join } = Prisma;

export interface MembershipDiff {
  readonly entered: string[];
  readonly exited: string[];
}

export interface EvaluateOptions {
  /** Recorded with each membership change: "evaluation", "sweep", "recompute", "criteria_changed". */
  readonly source: string;
}

/** A dynamic segment as evaluated: its id and (validated) criteria. */
export interface EvaluatedSegment {
  readonly id: string;
  readonly criteria: Criteria;
}

/** One segment's evaluation (see `evaluateSegments`). */
export async function evaluateSegment(client: SqlClient, context: CompileContext, segment: EvaluatedSegment, scope: ContactScope, options: EvaluateOptions): Promise<MembershipDiff> {
  return (await evaluateSegments(client, context, [segment], scope, options)).get(segment.id) ?? { entered: [], exited: [] };
}

/**
 * Brings dynamic segments' memberships in line with their criteria for the contacts in scope,
 * in ONE statement however many segments there are: one pass over the scoped contacts tests
 * every segment's compiled criteria, then the members to add and to remove, the membership
 * history rows and the `segment.entered` / `segment.exited` outbox entries (segment by segment
 * in the order given, exits before entries; in the live lane for a list of contacts, the bulk
 * lane for a range or the whole workspace). One statement is atomic and sees one snapshot, so
 * a segment built on another given here sees that one's membership from before the statement
 * (reactToChange's next wave re-checks it). The membership table's primary key is the arbiter
 * when two evaluations race (ON CONFLICT / DELETE … RETURNING report each change once).
 */
export async function evaluateSegments(
  client: SqlClient,
  context: CompileContext,
  segments: readonly EvaluatedSegment[],
  scope: ContactScope,
  options: EvaluateOptions,
): Promise<Map<string, MembershipDiff>> {
  const diffs = new Map<string, MembershipDiff>(segments.map((segment) => [segment.id, { entered: [], exited: [] }]));
  if (segments.length === 0) return diffs;
  const { workspaceId, now } = context;
  const ids = segments.map((segment) => segment.id);
  const tests = join(segments.map((segment, position) => sql`(${segment.id}::uuid, ${position}::int, ${compileCriteria(segment.criteria, context)})`));
  const statement = sql`
    WITH matching AS (
      SELECT t.segment_id, c.id FROM contact c
      CROSS JOIN LATERAL (VALUES ${tests}) AS t(segment_id, position, matches)
      WHERE c.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('c.id'))} AND t.matches),
    entered AS (
      INSERT INTO segment_membership (segment_id, contact_id, workspace_id, entered_at, source)
      SELECT matching.segment_id, matching.id, ${workspaceId}::uuid, ${now}::timestamptz, ${options.source}::text FROM matching
      ON CONFLICT (segment_id, contact_id) DO NOTHING
      RETURNING segment_id, contact_id),
    exited AS (
      DELETE FROM segment_membership m
      WHERE m.segment_id = ANY(${ids}::uuid[]) ${scopeFilter(scope, raw('m.contact_id'))}
        AND NOT EXISTS (SELECT 1 FROM matching WHERE matching.segment_id = m.segment_id AND matching.id = m.contact_id)
      RETURNING m.segment_id, m.contact_id),
    changes AS (
      SELECT segment_id, contact_id, 'entered' AS change FROM entered
      UNION ALL SELECT segment_id, contact_id, 'exited' AS change FROM exited),
    history AS (
      INSERT INTO segment_membership_change (id, workspace_id, segment_id, contact_id, change, source, occurred_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, segment_id, contact_id, change::membership_change_kind, ${options.source}::text, ${now}::timestamptz
      FROM changes),
    announced AS (
      INSERT INTO outbox_entry (workspace_id, topic, payload, lane)
      SELECT ${workspaceId}::uuid, 'segment.' || ch.change,
             jsonb_build_object('contactId', ch.contact_id, 'segmentId', ch.segment_id::text, 'source', ${options.source}::text),
             ${laneOf(scope)}::outbox_lane
      FROM changes ch JOIN unnest(${ids}::uuid[]) WITH ORDINALITY AS o(segment_id, position) ON o.segment_id = ch.segment_id
      ORDER BY o.position, ch.change DESC, ch.contact_id)
    SELECT segment_id::text AS segment_id, contact_id::text AS contact_id, change FROM changes`;
  // A change's check (a list of contacts) runs with the same segments again and again, so its
  // plan is kept; a sweep's or a new criteria's (every contact, a range) is planned for it.
  const perChange = scope.kind === 'ids';
  const rows = await client.$queryRaw<{ segment_id: string; contact_id: string; change: 'entered' | 'exited' }[]>(perChange ? reusedPlan(statement) : statement);
  const stamped = sql`UPDATE segment SET evaluated_at = ${now}::timestamptz WHERE id = ANY(${ids}::uuid[])`;
  await client.$executeRaw(perChange ? reusedPlan(stamped) : stamped);
  if (rows.length > 0) await announceOutbox(client, workspaceId, laneOf(scope));
  for (const row of rows) {
    const diff = diffs.get(row.segment_id);
    if (diff) (row.change === 'entered' ? diff.entered : diff.exited).push(row.contact_id);
  }
  return diffs;
}
