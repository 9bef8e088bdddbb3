import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { JourneysNotCancelledError } from './errors';

/** How long one cancellation may take before the erasure gives up (it answers an HTTP request). */
export const CANCEL_TIMEOUT_MS = 10_000;

/**
 * Stops every journey the contact is running before their data goes: each run's Temporal
 * workflow is cancelled (a run that already closed is "not found", which is fine) and its
 * enrollment marked cancelled. Runs first and outside the erasure's transaction, because a
 * run left waiting would wake up later and act on (or send to) someone who asked to be
 * forgotten; if Temporal cannot be reached this throws JourneysNotCancelledError and nothing
 * is erased.
 * Returns how many runs were cancelled.
 */
export async function cancelRunningJourneys(
  prisma: Pick<PrismaClient, 'journeyEnrollment'>,
  client: Pick<Client, 'workflow'>,
  workspaceId: string,
  contactId: string,
  now: Date,
  timeoutMs: number = CANCEL_TIMEOUT_MS,
): Promise<number> {
  const running = await prisma.journeyEnrollment.findMany({ where: { workspaceId, contactId, status: 'running' }, select: { id: true, workflowId: true }, orderBy: { startedAt: 'asc' } });
  for (const enrollment of running) {
    try {
      const handle = client.workflow.getHandle(enrollment.workflowId);
      await client.workflow.withDeadline(Date.now() + timeoutMs, () => handle.cancel());
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw new JourneysNotCancelledError(enrollment.workflowId, { cause: error });
    }
  }
  if (running.length === 0) return 0;
  // The run records its own cancellation too, but it may be slow or its worker down: the
  // enrollment must not look alive meanwhile.
  await prisma.journeyEnrollment.updateMany({
    where: { id: { in: running.map((enrollment) => enrollment.id) }, status: 'running' },
    data: { status: 'cancelled', exitReason: 'cancelled', endedAt: now, currentNodeId: null },
  });
  return running.length;
}
