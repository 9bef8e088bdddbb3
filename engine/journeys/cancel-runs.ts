import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { TemporalCallError } from './errors';

/** How long one cancellation may take: callers answer an HTTP request. */
export const CANCEL_TIMEOUT_MS = 10_000;

/** An enrollment's Temporal run: its workflow id and the first run id of its continue-as-new chain. */
export interface EnrollmentRun {
  id: string;
  workflowId: string;
  runId: string;
}

/**
 * Asks Temporal to cancel the enrollment's run. Addressed by the chain's first run id, so a
 * later run under the same workflow id (the contact re-entered) is never hit. A run Temporal
 * no longer knows has closed already: nothing to do. Anything else (Temporal unreachable,
 * the deadline passed) is thrown as TemporalCallError.
 */
export async function cancelRun(client: Pick<Client, 'workflow'>, run: EnrollmentRun, timeoutMs: number = CANCEL_TIMEOUT_MS): Promise<void> {
  try {
    const handle = client.workflow.getHandle(run.workflowId, undefined, { firstExecutionRunId: run.runId });
    await client.workflow.withDeadline(Date.now() + timeoutMs, () => handle.cancel());
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw new TemporalCallError(`cancelling ${run.workflowId}`, { cause: error });
  }
}

/**
 * Marks running enrollments cancelled. The run records its own cancellation too, but it may
 * be slow or its worker down: the enrollment must not look alive meanwhile. Returns how many
 * were still running (a run that finished first keeps its own ending).
 */
export async function markCancelled(prisma: Pick<PrismaClient, 'journeyEnrollment'>, enrollmentIds: string[], now: Date): Promise<number> {
  if (enrollmentIds.length === 0) return 0;
  const updated = await prisma.journeyEnrollment.updateMany({
    where: { id: { in: enrollmentIds }, status: 'running' },
    data: { status: 'cancelled', exitReason: 'cancelled', endedAt: now, currentNodeId: null },
  });
  return updated.count;
}
