import { Prisma } from '../../../prisma/generated/client';
import { announceOutbox } from '../changes/outbox';
import type { ContactScope, SqlClient } from '../sql';
import { scopeFilter } from '../sql';
import { matchingContactsQuery, type CompileContext } from './compile';
import type { Criteria } from '../../journey/conditions/language';

const { sql, raw } = Prisma;

export interface MembershipDiff {
  readonly entered: string[];
  readonly exited: string[];
}

export interface EvaluateOptions {
  /** Recorded with each membership change: "evaluation", "sweep", "recompute", "criteria_changed". */
  readonly source: string;
}

/**
 * Brings a dynamic segment's membership in line with its criteria for the contacts in scope,
 * in ONE statement: the matching contacts (the compiled criteria), the members to add and to
 * remove, the membership history rows and the `segment.entered` / `segment.exited` outbox
 * entries. One statement is atomic and sees one snapshot; the membership table's primary key
 * is the arbiter when two evaluations race (ON CONFLICT / DELETE … RETURNING report each
 * change once).
 */
export async function evaluateSegment(
  client: SqlClient,
  context: CompileContext,
  segment: { id: string; criteria: Criteria },
  scope: ContactScope,
  options: EvaluateOptions,
): Promise<MembershipDiff> {
  const { workspaceId, now } = context;
  const matching = matchingContactsQuery(segment.criteria, context, scopeFilter(scope, raw('c.id')));
  const rows = await client.$queryRaw<{ contact_id: string; change: 'entered' | 'exited' }[]>(sql`
    WITH matching AS (${matching}),
    entered AS (
      INSERT INTO segment_membership (segment_id, contact_id, workspace_id, entered_at, source)
      SELECT ${segment.id}::uuid, matching.id, ${workspaceId}::uuid, ${now}::timestamptz, ${options.source}::text FROM matching
      ON CONFLICT (segment_id, contact_id) DO NOTHING
      RETURNING contact_id),
    exited AS (
      DELETE FROM segment_membership m
      WHERE m.segment_id = ${segment.id}::uuid ${scopeFilter(scope, raw('m.contact_id'))}
        AND NOT EXISTS (SELECT 1 FROM matching WHERE matching.id = m.contact_id)
      RETURNING m.contact_id),
    changes AS (
      SELECT contact_id, 'entered' AS change FROM entered
      UNION ALL SELECT contact_id, 'exited' AS change FROM exited),
    history AS (
      INSERT INTO segment_membership_change (id, workspace_id, segment_id, contact_id, change, source, occurred_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, ${segment.id}::uuid, contact_id, change::membership_change_kind, ${options.source}::text, ${now}::timestamptz
      FROM changes),
    announced AS (
      INSERT INTO outbox_entry (workspace_id, topic, payload)
      SELECT ${workspaceId}::uuid, 'segment.' || change,
             jsonb_build_object('contactId', contact_id, 'segmentId', ${segment.id}::text, 'source', ${options.source}::text)
      FROM changes ORDER BY change DESC, contact_id)
    SELECT contact_id::text AS contact_id, change FROM changes`);
  await client.$executeRaw`UPDATE segment SET evaluated_at = ${now}::timestamptz WHERE id = ${segment.id}::uuid`;
  if (rows.length > 0) await announceOutbox(client, workspaceId);
  return {
    entered: rows.filter((row) => row.change === 'entered').map((row) => row.contact_id),
    exited: rows.filter((row) => row.change === 'exited').map((row) => row.contact_id),
  };
}
