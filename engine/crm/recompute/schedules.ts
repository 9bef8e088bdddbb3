import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../../prisma/generated/client';

/** Nightly at 03:00 in the workspace's zone: quiet hours for the database, fresh scores by morning. */
export const RECOMPUTE_CRON = '0 3 * * *';
/** Time-based segments ("no order in 90 days") between recomputes. */
export const SWEEP_INTERVAL = '1 hour';

export const recomputeScheduleId = (workspaceId: string): string => `crm-recompute:${workspaceId}`;
export const sweepScheduleId = (workspaceId: string): string => `crm-sweep:${workspaceId}`;
export const recomputeWorkflowId = (workspaceId: string, runId: string): string => `crm-recompute:${workspaceId}:${runId}`;

/**
 * One recompute schedule and one sweep schedule per workspace, created when missing (at boot,
 * and when a workspace is created). A run still going when the next is due is not doubled.
 */
export async function ensureCrmSchedules(client: Client, prisma: Pick<PrismaClient, 'workspace'>, taskQueue: string): Promise<string[]> {
  const workspaces = await prisma.workspace.findMany({ select: { id: true, timezone: true } });
  const created: string[] = [];
  for (const workspace of workspaces) {
    const schedules = [
      {
        scheduleId: recomputeScheduleId(workspace.id),
        spec: { cronExpressions: [RECOMPUTE_CRON], timezone: workspace.timezone },
        action: { type: 'startWorkflow' as const, workflowType: 'recomputeScores', args: [{ workspaceId: workspace.id, trigger: 'schedule' }], taskQueue, workflowId: recomputeScheduleId(workspace.id) },
      },
      {
        scheduleId: sweepScheduleId(workspace.id),
        spec: { intervals: [{ every: SWEEP_INTERVAL }] },
        action: { type: 'startWorkflow' as const, workflowType: 'sweepSegments', args: [{ workspaceId: workspace.id }], taskQueue, workflowId: sweepScheduleId(workspace.id) },
      },
    ];
    for (const schedule of schedules) {
      try {
        await client.schedule.create({ ...schedule, policies: { overlap: ScheduleOverlapPolicy.SKIP } });
        created.push(schedule.scheduleId);
      } catch (error) {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      }
    }
  }
  return created;
}

/**
 * Starts a recompute now (the API's "recompute on demand"): the run row is created first, so
 * the caller has an id to follow progress with before the workflow has done anything.
 */
export async function startRecompute(client: Client, prisma: Pick<PrismaClient, 'scoreRecomputeRun'>, taskQueue: string, workspaceId: string, now: Date): Promise<{ runId: string; workflowId: string }> {
  const run = await prisma.scoreRecomputeRun.create({ data: { workspaceId, trigger: 'manual', startedAt: now }, select: { id: true } });
  const workflowId = recomputeWorkflowId(workspaceId, run.id);
  await client.workflow.start('recomputeScores', { taskQueue, workflowId, args: [{ workspaceId, trigger: 'manual', runId: run.id }] });
  return { runId: run.id, workflowId };
}
