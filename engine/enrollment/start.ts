import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import type { Audience } from '../../activities/enrollment/types';
import type { BulkEnrollInput, bulkEnroll } from '../../workflows/enrollment/bulk-enroll';
import { DEFAULT_RATE_PER_SECOND } from '../../workflows/enrollment/defaults';
import { toJsonColumn } from '../db';
import { latestPublishedVersion } from '../journeys/published';
import { segmentEnrollmentWorkflowId } from './ids';

export interface SegmentEnrollmentRequest {
  workspaceId: string;
  journeyId: string;
  segmentId: string;
  ratePerSecond?: number;
}

export type SegmentEnrollmentStart =
  | { ok: true; runId: string; workflowId: string; alreadyRunning: boolean }
  | { ok: false; reason: 'journey_not_found' | 'segment_not_found' | 'journey_not_active' };

/**
 * Starts enrolling a segment's current members into a journey, or finds the enrollment of
 * that segment already under way (one at a time: the workflow id is the pair). The progress
 * row is written before the workflow starts, so the caller can follow it at once.
 */
export async function startSegmentEnrollment(prisma: PrismaClient, client: Client, taskQueue: string, request: SegmentEnrollmentRequest): Promise<SegmentEnrollmentStart> {
  const { workspaceId, journeyId, segmentId } = request;
  const journey = await prisma.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { status: true } });
  if (!journey) return { ok: false, reason: 'journey_not_found' };
  const segment = await prisma.segment.findFirst({ where: { id: segmentId, workspaceId }, select: { id: true } });
  if (!segment) return { ok: false, reason: 'segment_not_found' };
  if (journey.status !== 'active' || !(await latestPublishedVersion(prisma, workspaceId, journeyId))) return { ok: false, reason: 'journey_not_active' };

  const workflowId = segmentEnrollmentWorkflowId(journeyId, segmentId);
  const audience: Audience = { kind: 'segment', segmentId };
  const ratePerSecond = request.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  const run = await prisma.bulkEnrollmentRun.create({
    data: { id: randomUUID(), workspaceId, journeyId, segmentId, trigger: 'api', audience: toJsonColumn(audience), workflowId, ratePerSecond },
    select: { id: true },
  });
  const input: BulkEnrollInput = { workspaceId, journeyId, audience, trigger: 'api', ratePerSecond, runId: run.id };
  try {
    await client.workflow.start<typeof bulkEnroll>('bulkEnroll', { taskQueue, workflowId, args: [input], workflowIdConflictPolicy: 'FAIL' });
    await closeOrphanedRuns(prisma, workflowId, run.id);
    return { ok: true, runId: run.id, workflowId, alreadyRunning: false };
  } catch (error) {
    await prisma.bulkEnrollmentRun.delete({ where: { id: run.id } });
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  // Someone else's start won: answer with that run (its row was written before its start).
  const running = await prisma.bulkEnrollmentRun.findFirst({ where: { workflowId, status: 'running' }, orderBy: { startedAt: 'desc' }, select: { id: true } });
  if (!running) throw new Error(`bulk enrollment ${workflowId} is running but has no progress row`);
  return { ok: true, runId: running.id, workflowId, alreadyRunning: true };
}

/**
 * Our start succeeded, so no other workflow of this id is running: any other row still marked
 * running was written by a start that never reached Temporal (the process stopped in between)
 * or by a concurrent loser about to delete its own. Closed as failed, so progress never shows a
 * run that nothing is doing.
 */
async function closeOrphanedRuns(prisma: Pick<PrismaClient, 'bulkEnrollmentRun'>, workflowId: string, ownRunId: string): Promise<void> {
  await prisma.bulkEnrollmentRun.updateMany({
    where: { workflowId, status: 'running', id: { not: ownRunId } },
    data: { status: 'failed', error: 'the engine stopped before this run started; a later request started another', finishedAt: new Date() },
  });
}
