import { testContactConditions } from '../../engine/crm/segments/contact-conditions';
import { Prisma, type PrismaClient } from '../../prisma/generated/client';
import { finishWithVisits } from './node-records';
import type { BeginEnrollmentInput, BeginEnrollmentResult, EntryRefusal, FinishEnrollmentInput, NodeRecord } from './types';
import { reusedPlan } from '../../engine/db/reused-plan';

/**
 * Applies the journey's entry rules and creates the enrollment, in one transaction under the
 * entry locks (see lockEntry), so concurrent entries cannot both pass the entry limit or the
 * one-run-per-contact rule. Idempotent: a retry finds the row of its own run. Four round trips
 * without an entry filter (the locks, one read of everything the rules need, the insert, the
 * commit): this runs once per journey run, on the path of every entry.
 */
export async function beginEnrollment(prisma: PrismaClient, input: BeginEnrollmentInput): Promise<BeginEnrollmentResult> {
  return prisma.$transaction(async (tx) => {
    await lockEntry(tx, input);
    const facts = await entryFacts(tx, input);
    if (facts.ownEnrollmentId !== null) return { entered: true, enrollmentId: facts.ownEnrollmentId };

    const refusal = await entryRefusal(tx, input, facts);
    if (refusal) return { entered: false, reason: refusal };

    const [created] = await tx.$queryRaw<{ id: string }[]>(reusedPlan(Prisma.sql`
      INSERT INTO journey_enrollment (id, workspace_id, journey_id, journey_version_id, contact_id, workflow_id, run_id, entry_key, started_at)
      VALUES (gen_random_uuid(), ${input.workspaceId}::uuid, ${input.journeyId}::uuid, ${input.journeyVersionId}::uuid, ${input.contactId}::uuid,
              ${input.workflowId}, ${input.runId}, ${input.entryKey ?? null}::text, ${new Date(input.now)}::timestamptz)
      RETURNING id::text AS id`));
    if (!created) throw new Error('the enrollment insert returned no row');
    return { entered: true, enrollmentId: created.id };
  });
}

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * The per-journey entry lock, exclusive (transaction-scoped): status changes take it
 * (engine/journeys/status.ts), and so do entries into a journey with an entry limit, which must
 * count the entries before them. An entry sees either the old status or the new one, never
 * commits after a pause it did not see.
 */
export async function lockJourneyEntries(tx: Pick<Transaction, '$executeRaw'>, journeyId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${journeyId}))`;
}

/**
 * What one entry locks, always in this order (journey, then contact), so entries cannot deadlock:
 * - the journey lock: shared when the journey has no entry limit, so entries of different
 *   contacts run side by side and still wait for (and see) a status change; exclusive with a
 *   limit, which needs the count of all entries before this one;
 * - the contact's lock within the journey, exclusive: one-run-per-contact, re-entry and cooldown
 *   read the contact's earlier enrollments, which a concurrent entry of the same contact could add.
 * One statement takes both (its select list is evaluated in order); the reads come in the next
 * statement, whose snapshot is taken after the locks are held.
 */
async function lockEntry(tx: Pick<Transaction, '$executeRaw'>, input: BeginEnrollmentInput): Promise<void> {
  const contactKey = `journey-entry:${input.journeyId}:${input.contactId}`;
  if (input.settings.entryLimit === undefined) {
    await tx.$executeRaw(reusedPlan(Prisma.sql`SELECT pg_advisory_xact_lock_shared(hashtext(${input.journeyId})), pg_advisory_xact_lock(hashtextextended(${contactKey}, 0))`));
  } else {
    await tx.$executeRaw(reusedPlan(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${input.journeyId})), pg_advisory_xact_lock(hashtextextended(${contactKey}, 0))`));
  }
}

/** Everything the entry rules read, in one statement. */
interface EntryFacts {
  /** This run's own enrollment, when a retry finds it already made. */
  readonly ownEnrollmentId: string | null;
  readonly journeyStatus: string | null;
  readonly contactExists: boolean;
  readonly runningEnrollments: number;
  readonly latestStartedAt: Date | null;
  readonly journeyEntries: number;
}

async function entryFacts(tx: Pick<Transaction, '$queryRaw'>, input: BeginEnrollmentInput): Promise<EntryFacts> {
  const { workspaceId, journeyId, contactId, runId } = input;
  // The journey's status is read under its lock (shared or exclusive), which pause/resume/archive take exclusively:
  // once a pause has committed, no run that starts later can enter (runs already in the journey go on).
  const [row] = await tx.$queryRaw<{ own: string | null; status: string | null; contact: boolean; running: number; latest: Date | null; entries: number }[]>(reusedPlan(Prisma.sql`
    SELECT
      (SELECT id::text FROM journey_enrollment WHERE run_id = ${runId} AND workspace_id = ${workspaceId}::uuid) AS own,
      (SELECT status::text FROM journey WHERE id = ${journeyId}::uuid AND workspace_id = ${workspaceId}::uuid) AS status,
      EXISTS (SELECT 1 FROM contact WHERE id = ${contactId}::uuid AND workspace_id = ${workspaceId}::uuid) AS contact,
      (SELECT count(*)::int FROM journey_enrollment WHERE workspace_id = ${workspaceId}::uuid AND journey_id = ${journeyId}::uuid AND contact_id = ${contactId}::uuid AND status = 'running') AS running,
      (SELECT max(started_at) FROM journey_enrollment WHERE workspace_id = ${workspaceId}::uuid AND journey_id = ${journeyId}::uuid AND contact_id = ${contactId}::uuid) AS latest,
      ${input.settings.entryLimit === undefined ? Prisma.sql`0` : Prisma.sql`(SELECT count(*)::int FROM journey_enrollment WHERE workspace_id = ${workspaceId}::uuid AND journey_id = ${journeyId}::uuid)`} AS entries`));
  if (!row) throw new Error('the entry facts query returned no row');
  return {
    ownEnrollmentId: row.own,
    journeyStatus: row.status,
    contactExists: row.contact,
    runningEnrollments: Number(row.running),
    latestStartedAt: row.latest === null ? null : new Date(row.latest),
    journeyEntries: Number(row.entries),
  };
}

async function entryRefusal(tx: Transaction, input: BeginEnrollmentInput, facts: EntryFacts): Promise<EntryRefusal | undefined> {
  const { workspaceId, contactId, settings } = input;
  if (facts.journeyStatus !== 'active') return 'journey_not_active';
  // Keyed journeys allow one run per key at a time (the workflow id enforces it); others, one per contact.
  if (input.entryKey === undefined && facts.runningEnrollments > 0) return 'already_active';
  if (facts.latestStartedAt !== null) {
    if (settings.reentry.mode === 'never') return 'already_entered';
    if (settings.reentry.mode === 'after_cooldown' && input.now - facts.latestStartedAt.getTime() < settings.reentry.cooldownMs) return 'cooldown';
  }
  if (settings.entryLimit !== undefined && facts.journeyEntries >= settings.entryLimit) return 'entry_limit';
  if (!facts.contactExists) return 'contact_not_found';
  if (!settings.entryFilter) return undefined;
  const results = await testContactConditions(tx, {
    workspaceId,
    contactId,
    conditions: [settings.entryFilter],
    ...(input.entryEvent && { event: input.entryEvent.properties }),
    now: new Date(input.now),
  });
  if (!results) return 'contact_not_found';
  if (results[0] === false) return 'entry_filter';
  return undefined;
}

/** Upserts one visit of one node and moves the enrollment's cursor there. */
export async function recordNode(prisma: PrismaClient, record: NodeRecord): Promise<void> {
  const data = {
    status: record.status,
    outcome: record.outcome ?? null,
    error: record.error ?? null,
    completedAt: record.completedAt === undefined ? null : new Date(record.completedAt),
  };
  await prisma.$transaction([
    prisma.nodeExecution.upsert({
      where: { enrollmentId_nodeId_visit: { enrollmentId: record.enrollmentId, nodeId: record.nodeId, visit: record.visit } },
      create: {
        workspaceId: record.workspaceId,
        enrollmentId: record.enrollmentId,
        journeyVersionId: record.journeyVersionId,
        nodeId: record.nodeId,
        visit: record.visit,
        step: record.step,
        enteredAt: new Date(record.enteredAt),
        ...data,
      },
      update: data,
    }),
    prisma.journeyEnrollment.updateMany({
      where: { id: record.enrollmentId, workspaceId: record.workspaceId },
      data: { currentNodeId: record.nodeId },
    }),
  ]);
}

export async function finishEnrollment(prisma: PrismaClient, input: FinishEnrollmentInput): Promise<void> {
  if (input.visits && input.visits.length > 0 && input.journeyVersionId !== undefined) {
    const { visits, journeyVersionId } = input;
    await finishWithVisits(prisma, { ...input, visits, journeyVersionId, exitReason: input.exitReason ?? null });
    return;
  }
  await prisma.journeyEnrollment.updateMany({
    where: { id: input.enrollmentId, workspaceId: input.workspaceId },
    data: { status: input.status, exitReason: input.exitReason ?? null, endedAt: new Date(input.endedAt), currentNodeId: null },
  });
}
