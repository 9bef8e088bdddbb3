import type { PrismaClient } from '../../prisma/generated/client';

export interface BulkEnrollmentProgress {
  runId: string;
  journeyId: string;
  segmentId: string | null;
  trigger: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  ratePerSecond: number;
  totalContacts: number;
  enrolled: number;
  skipped: number;
  failed: number;
  /** 0..100: contacts done (entered, skipped or failed) of the audience at the start. */
  percent: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** A bulk enrollment's progress as the API shows it; undefined for another workspace's or journey's run. */
export async function bulkEnrollmentProgress(prisma: Pick<PrismaClient, 'bulkEnrollmentRun'>, workspaceId: string, journeyId: string, runId: string): Promise<BulkEnrollmentProgress | undefined> {
  const run = await prisma.bulkEnrollmentRun.findFirst({ where: { id: runId, workspaceId, journeyId } });
  if (!run) return undefined;
  const done = run.enrolled + run.skipped + run.failed;
  return {
    runId: run.id,
    journeyId: run.journeyId,
    segmentId: run.segmentId,
    trigger: run.trigger,
    status: run.status,
    ratePerSecond: run.ratePerSecond,
    totalContacts: run.totalContacts,
    enrolled: run.enrolled,
    skipped: run.skipped,
    failed: run.failed,
    percent: run.status === 'completed' ? 100 : run.totalContacts === 0 ? 0 : Math.min(100, Math.round((done / run.totalContacts) * 1_000) / 10),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
  };
}
