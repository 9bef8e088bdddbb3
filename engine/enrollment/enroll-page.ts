import type { PrismaClient } from '../../prisma/generated/client';
import type { BulkTotals, EnrollPageInput, EnrollPageResult, JourneyEnroller } from '../../activities/enrollment/types';
import { inParallel } from '../dispatcher/in-parallel';
import { latestPublishedVersion } from '../journeys/published';
import { audienceContacts } from './audience';

/** Starts in flight at once: enough to hide the round trips, few enough not to flood the frontend. */
const PARALLEL_STARTS = 64;

interface Member {
  contactId: string;
  entryKey: string | null;
  /** Entered since this bulk run began: this run's own work, found again on a redone page. */
  entered: boolean;
  /** In the journey already (a running enrollment): left alone. */
  running: boolean;
  /** Entered this journey before, ever: left alone when it never lets anyone in twice. */
  ever: boolean;
}

/**
 * One page of a bulk enrollment: the next `limit` contacts of the audience after the cursor
 * (contact id order), each not already in the journey entered into its latest published
 * version, then the progress row moved on. The row only moves if its cursor is still where
 * this page began, so a page redone after a lost reply or a worker crash is counted once;
 * the runs it starts again are harmless (no entry event: an existing run is kept).
 */
export async function enrollPage(prisma: PrismaClient, enroller: JourneyEnroller, input: EnrollPageInput): Promise<EnrollPageResult> {
  const journey = await prisma.journey.findFirst({ where: { id: input.journeyId, workspaceId: input.workspaceId }, select: { status: true } });
  const version = journey?.status === 'active' ? await latestPublishedVersion(prisma, input.workspaceId, input.journeyId) : undefined;
  if (!version) return { count: 0, cursor: input.after, ...(await totals(prisma, input.runId)), stopped: `journey ${input.journeyId} is not active` };

  const members = await pageOf(prisma, input);
  const counts: BulkTotals = { enrolled: 0, skipped: 0, failed: 0 };
  const toStart: Member[] = [];
  // The run's own entry rules would turn these away; not starting them saves a workflow each.
  const once = version.plan.settings.reentry.mode === 'never';
  for (const member of members) {
    if (member.entered) counts.enrolled += 1;
    else if (member.running || (once && member.ever)) counts.skipped += 1;
    else toStart.push(member);
  }
  await inParallel(toStart, PARALLEL_STARTS, async ({ contactId, entryKey }) => {
    const outcome = await enroller.enter({
      workspaceId: input.workspaceId,
      journeyId: input.journeyId,
      journeyVersionId: version.journeyVersionId,
      version: version.version,
      plan: version.plan,
      contactId,
      ...(entryKey !== null && { entryKey }),
    });
    counts[outcome === 'started' ? 'enrolled' : 'failed'] += 1;
  });
  const cursor = members.at(-1)?.contactId ?? input.after;
  const updated = await prisma.$queryRaw<BulkTotals[]>`
    UPDATE bulk_enrollment_run
       SET cursor = ${cursor}::uuid, enrolled = enrolled + ${counts.enrolled}::int, skipped = skipped + ${counts.skipped}::int, failed = failed + ${counts.failed}::int
     WHERE id = ${input.runId}::uuid AND cursor IS NOT DISTINCT FROM ${input.after}::uuid
    RETURNING enrolled, skipped, failed`;
  return { count: members.length, cursor, ...(updated[0] ?? (await totals(prisma, input.runId))) };
}

async function pageOf(prisma: PrismaClient, input: EnrollPageInput): Promise<Member[]> {
  const runKey = input.entryKey ?? null;
  // A journey without entry keys allows one running enrollment per contact; a keyed one, one per key.
  return prisma.$queryRaw<Member[]>`
    SELECT a.contact_id::text AS "contactId", a.entry_key AS "entryKey",
           EXISTS (SELECT 1 FROM journey_enrollment e WHERE e.journey_id = ${input.journeyId}::uuid AND e.contact_id = a.contact_id
                     AND e.entry_key IS NOT DISTINCT FROM a.entry_key AND e.started_at >= ${new Date(input.startedAt)}) AS entered,
           EXISTS (SELECT 1 FROM journey_enrollment e WHERE e.journey_id = ${input.journeyId}::uuid AND e.contact_id = a.contact_id
                     AND e.status = 'running' AND (a.entry_key IS NULL OR e.entry_key = a.entry_key)) AS running,
           EXISTS (SELECT 1 FROM journey_enrollment e WHERE e.journey_id = ${input.journeyId}::uuid AND e.contact_id = a.contact_id) AS ever
      FROM (SELECT contact_id, COALESCE(entry_key, ${runKey}::text) AS entry_key FROM (${audienceContacts(input.workspaceId, input.journeyId, input.audience)}) AS audience) AS a
     WHERE ${input.after}::uuid IS NULL OR a.contact_id > ${input.after}::uuid
     ORDER BY a.contact_id
     LIMIT ${input.limit}::int`;
}

async function totals(prisma: PrismaClient, runId: string): Promise<BulkTotals> {
  const run = await prisma.bulkEnrollmentRun.findUnique({ where: { id: runId }, select: { enrolled: true, skipped: true, failed: true } });
  return run ?? { enrolled: 0, skipped: 0, failed: 0 };
}
