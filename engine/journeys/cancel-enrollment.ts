import type { Client } from '@temporalio/client';
import type { EnrollmentStatus, PrismaClient } from '../../prisma/generated/client';
import { cancelRun, markCancelled } from './cancel-runs';

export type CancelEnrollmentResult =
  | { ok: true; status: EnrollmentStatus }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'ended'; status: EnrollmentStatus };

/**
 * Takes one contact out of a journey: the run's workflow is cancelled (the run records it and
 * sends nothing more) and the enrollment marked cancelled. An enrollment that has already
 * ended is refused; one that ends while this runs keeps the ending it reached.
 * Temporal errors (unreachable) are thrown, and the enrollment stays running.
 */
export async function cancelEnrollment(
  prisma: Pick<PrismaClient, 'journeyEnrollment'>,
  client: Pick<Client, 'workflow'>,
  scope: { workspaceId: string; journeyId: string; enrollmentId: string },
  now: Date,
): Promise<CancelEnrollmentResult> {
  const enrollment = await prisma.journeyEnrollment.findFirst({
    where: { id: scope.enrollmentId, journeyId: scope.journeyId, workspaceId: scope.workspaceId },
    select: { id: true, workflowId: true, runId: true, status: true },
  });
  if (!enrollment) return { ok: false, reason: 'not_found' };
  if (enrollment.status !== 'running') return { ok: false, reason: 'ended', status: enrollment.status };
  await cancelRun(client, enrollment);
  if ((await markCancelled(prisma, [enrollment.id], now)) === 1) return { ok: true, status: 'cancelled' };
  const ended = await prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: enrollment.id }, select: { status: true } });
  return { ok: true, status: ended.status };
}
