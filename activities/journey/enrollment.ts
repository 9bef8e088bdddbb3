import { testContactConditions } from '../../engine/crm/segments/contact-conditions';
import type { PrismaClient } from '../../prisma/generated/client';
import { finishWithVisits } from './node-records';
import type { BeginEnrollmentInput, BeginEnrollmentResult, EntryRefusal, FinishEnrollmentInput, NodeRecord } from './types';

/**
 * Applies the journey's entry rules and creates the enrollment, in one transaction under the
 * entry locks (see lockEntry), so concurrent entries cannot both pass the entry limit or the
 * one-run-per-contact rule. Idempotent: a retry finds the row of its own run.
 */
export async function beginEnrollment(prisma: PrismaClient, input: BeginEnrollmentInput): Promise<BeginEnrollmentResult> {
  return prisma.$transaction(async (tx) => {
    await lockEntry(tx, input);
    const own = await tx.journeyEnrollment.findUnique({ where: { runId: input.runId }, select: { id: true, workspaceId: true } });
    if (own && own.workspaceId === input.workspaceId) return { entered: true, enrollmentId: own.id };

    const refusal = await entryRefusal(tx, input);
    if (refusal) return { entered: false, reason: refusal };

    const created = await tx.journeyEnrollment.create({
      data: {
        workspaceId: input.workspaceId,
        journeyId: input.journeyId,
        journeyVersionId: input.journeyVersionId,
        contactId: input.contactId,
        workflowId: input.workflowId,
        runId: input.runId,
        entryKey: input.entryKey ?? null,
        startedAt: new Date(input.now),
      },
      select: { id: true },
    });
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
 */
async function lockEntry(tx: Pick<Transaction, '$executeRaw'>, input: BeginEnrollmentInput): Promise<void> {
  if (input.settings.entryLimit === undefined) await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${input.journeyId}))`;
  else await lockJourneyEntries(tx, input.journeyId);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`journey-entry:${input.journeyId}:${input.contactId}`}, 0))`;
}

async function entryRefusal(tx: Transaction, input: BeginEnrollmentInput): Promise<EntryRefusal | undefined> {
  const { workspaceId, journeyId, contactId, settings } = input;
  // Read under the journey's lock (shared or exclusive), which pause/resume/archive take exclusively: once a pause has
  // committed, no run that starts later can enter (runs already in the journey go on).
  const journey = await tx.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { status: true } });
  if (journey?.status !== 'active') return 'journey_not_active';
  const previous = await tx.journeyEnrollment.findMany({
    where: { workspaceId, journeyId, contactId },
    orderBy: { startedAt: 'desc' },
    select: { status: true, startedAt: true, entryKey: true },
  });
  // Keyed journeys allow one run per key at a time (the workflow id enforces it); others, one per contact.
  if (input.entryKey === undefined && previous.some((enrollment) => enrollment.status === 'running')) return 'already_active';
  const latest = previous[0];
  if (latest) {
    if (settings.reentry.mode === 'never') return 'already_entered';
    if (settings.reentry.mode === 'after_cooldown' && input.now - latest.startedAt.getTime() < settings.reentry.cooldownMs) return 'cooldown';
  }
  if (settings.entryLimit !== undefined) {
    const entries = await tx.journeyEnrollment.count({ where: { workspaceId, journeyId } });
    if (entries >= settings.entryLimit) return 'entry_limit';
  }
  const results = await testContactConditions(tx, {
    workspaceId,
    contactId,
    conditions: settings.entryFilter ? [settings.entryFilter] : [],
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
