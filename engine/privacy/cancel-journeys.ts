import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { CANCEL_TIMEOUT_MS, cancelRun, markCancelled } from '../journeys/cancel-runs';
import { JourneysNotCancelledError } from './errors';

export { CANCEL_TIMEOUT_MS };

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
  const running = await prisma.journeyEnrollment.findMany({ where: { workspaceId, contactId, status: 'running' }, select: { id: true, workflowId: true, runId: true }, orderBy: { startedAt: 'asc' } });
  for (const enrollment of running) {
    try {
      await cancelRun(client, enrollment, timeoutMs);
    } catch (error) {
      throw new JourneysNotCancelledError(enrollment.workflowId, { cause: error });
    }
  }
  await markCancelled(prisma, running.map((enrollment) => enrollment.id), now);
  return running.length;
}
