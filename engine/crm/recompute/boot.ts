import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../../prisma/generated/client';
import { ensureCrmSchedules, startRecompute } from './schedules';

/**
 * At start-up: every workspace gets its nightly recompute and hourly sweep schedules, and a
 * workspace that was never scored (a fresh demo, a new install) is scored now rather than at
 * 03:00, so segments, branches and the canvas have scores from the first minute.
 */
export async function bootCrm(client: Client, prisma: Pick<PrismaClient, 'workspace' | 'scoreRecomputeRun'>, taskQueue: string, now: Date): Promise<{ schedules: string[]; started: string[] }> {
  const schedules = await ensureCrmSchedules(client, prisma, taskQueue);
  const neverScored = await prisma.workspace.findMany({ where: { scoreRecomputeRuns: { none: {} } }, select: { id: true } });
  const started: string[] = [];
  for (const workspace of neverScored) started.push((await startRecompute(client, prisma, taskQueue, workspace.id, now)).runId);
  return { schedules, started };
}
