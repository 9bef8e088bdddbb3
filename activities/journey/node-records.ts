import { Prisma, type PrismaClient } from '../../prisma/generated/client';
import type { NodeVisit } from './types';
import { reusedPlan } from '../../engine/db/reused-plan';

type Db = Pick<PrismaClient, '$executeRaw'>;

/**
 * The visits as one JSON parameter: a run's batch is a handful of rows, and one parameter keeps
 * the statement the same whatever their number. Times travel as epoch milliseconds.
 */
const visitsJson = (visits: readonly NodeVisit[]): string =>
  JSON.stringify(
    latestPerVisit(visits).map((visit) => ({
      node_id: visit.nodeId,
      visit: visit.visit,
      step: visit.step,
      status: visit.status,
      outcome: visit.outcome ?? null,
      error: visit.error ?? null,
      entered_at: visit.enteredAt,
      completed_at: visit.completedAt ?? null,
    })),
  );

/**
 * Upserts a run's node visits and moves the enrollment's current node to the last one, in one
 * statement (so one round trip, and atomic without an explicit transaction). A retry writes the
 * same rows again: the upsert is keyed by (enrollment, node, visit).
 */
export async function recordNodes(prisma: Db, input: { workspaceId: string; enrollmentId: string; journeyVersionId: string; visits: readonly NodeVisit[] }): Promise<void> {
  const last = input.visits.at(-1);
  if (!last) return;
  await prisma.$executeRaw(reusedPlan(Prisma.sql`
    WITH written AS (${upsertVisits(input)}),
    moved AS (UPDATE journey_enrollment SET current_node_id = ${last.nodeId} WHERE id = ${input.enrollmentId}::uuid AND workspace_id = ${input.workspaceId}::uuid RETURNING 1)
    SELECT (SELECT count(*) FROM written) + (SELECT count(*) FROM moved)`));
}

/** The end of a run: its last visits and the enrollment's final status, in one statement. */
export async function finishWithVisits(
  prisma: Db,
  input: { workspaceId: string; enrollmentId: string; journeyVersionId: string; visits: readonly NodeVisit[]; status: string; exitReason: string | null; endedAt: number },
): Promise<void> {
  await prisma.$executeRaw(reusedPlan(Prisma.sql`
    WITH written AS (${upsertVisits(input)}),
    ended AS (
      UPDATE journey_enrollment SET status = ${input.status}::enrollment_status, exit_reason = ${input.exitReason}, ended_at = to_timestamp(${input.endedAt}::float8 / 1000), current_node_id = NULL
      WHERE id = ${input.enrollmentId}::uuid AND workspace_id = ${input.workspaceId}::uuid RETURNING 1)
    SELECT (SELECT count(*) FROM written) + (SELECT count(*) FROM ended)`));
}

/**
 * A batch can hold a visit twice (entered, then completed before the batch was written); one
 * statement may not upsert a row twice, and the later record is the whole truth (it carries
 * the time the node was entered).
 */
function latestPerVisit(visits: readonly NodeVisit[]): NodeVisit[] {
  const byVisit = new Map<string, NodeVisit>();
  for (const visit of visits) byVisit.set(`${visit.visit}:${visit.nodeId}`, visit);
  return [...byVisit.values()];
}

function upsertVisits(input: { workspaceId: string; enrollmentId: string; journeyVersionId: string; visits: readonly NodeVisit[] }) {
  return Prisma.sql`
    INSERT INTO node_execution (id, workspace_id, enrollment_id, journey_version_id, node_id, visit, step, status, outcome, error, entered_at, completed_at)
    SELECT gen_random_uuid(), ${input.workspaceId}::uuid, ${input.enrollmentId}::uuid, ${input.journeyVersionId}::uuid, v.node_id, v.visit, v.step,
      v.status::node_execution_status, v.outcome, v.error, to_timestamp(v.entered_at / 1000), to_timestamp(v.completed_at / 1000)
    FROM jsonb_to_recordset(${visitsJson(input.visits)}::jsonb)
      AS v(node_id text, visit int, step int, status text, outcome text, error text, entered_at float8, completed_at float8)
    -- Only into an enrollment of this workspace (the foreign key alone would take any workspace's).
    WHERE EXISTS (SELECT 1 FROM journey_enrollment WHERE id = ${input.enrollmentId}::uuid AND workspace_id = ${input.workspaceId}::uuid)
    ON CONFLICT (enrollment_id, node_id, visit) DO UPDATE
      SET status = excluded.status, outcome = excluded.outcome, error = excluded.error, completed_at = excluded.completed_at
    RETURNING 1`;
}
