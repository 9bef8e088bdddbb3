import type { PrismaClient } from '../../prisma/generated/client';
import type { FinishBulkInput, PrepareBulkInput, PreparedBulk } from '../../activities/enrollment/types';
import { toJsonColumn } from '../db';
import { audienceContacts } from './audience';

type Db = Pick<PrismaClient, '$queryRaw' | 'bulkEnrollmentRun'>;

/**
 * The run's progress row, created here unless the API created it first (so it had an id to
 * answer with), and the audience counted once: the total is the audience at the start.
 * Idempotent: a retry finds the row and counts again, before any page has moved it on.
 */
export async function prepareBulkEnrollment(prisma: Db, input: PrepareBulkInput): Promise<PreparedBulk> {
  const [counted] = await prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM (${audienceContacts(input.workspaceId, input.journeyId, input.audience)}) AS audience`;
  const totalContacts = counted?.total ?? 0;
  const data = {
    workspaceId: input.workspaceId,
    journeyId: input.journeyId,
    segmentId: input.audience.kind === 'segment' ? input.audience.segmentId : null,
    trigger: input.trigger,
    audience: toJsonColumn(input.audience),
    entryKey: input.entryKey ?? null,
    workflowId: input.workflowId,
    ratePerSecond: input.ratePerSecond,
    totalContacts,
  };
  const run = input.runId
    ? await prisma.bulkEnrollmentRun.upsert({ where: { id: input.runId }, create: { id: input.runId, ...data }, update: { totalContacts }, select: { id: true, startedAt: true } })
    : await prisma.bulkEnrollmentRun.create({ data, select: { id: true, startedAt: true } });
  return { runId: run.id, totalContacts, startedAt: run.startedAt.toISOString() };
}

export async function finishBulkEnrollment(prisma: Pick<PrismaClient, 'bulkEnrollmentRun'>, input: FinishBulkInput): Promise<void> {
  await prisma.bulkEnrollmentRun.update({
    where: { id: input.runId },
    data: { status: input.status, error: input.error?.slice(0, 1_000) ?? null, finishedAt: new Date(input.now) },
  });
}
