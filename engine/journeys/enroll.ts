import type { Client } from '@temporalio/client';
import type { JourneyStatus, PrismaClient } from '../../prisma/generated/client';
import { TemporalCallError } from './errors';
import { latestPublishedVersion } from './published';
import { startJourneyRun } from './start-run';

export const MAX_MANUAL_ENROLLMENT = 1_000;

/** Runs started at once: enough to keep Temporal busy, few enough not to flood it. */
const CONCURRENT_STARTS = 16;

/**
 * Per contact: `started` (a run was started; the run still applies the entry rules, so a
 * contact the re-entry rules or entry filter refuse ends as not entered), `already_running`
 * (the contact is in the journey now: nothing changes), `not_found` (no such contact in the
 * workspace).
 */
export type ManualEntry = 'started' | 'already_running' | 'not_found';

export type EnrollResult =
  | { ok: true; version: number; results: { contactId: string; result: ManualEntry }[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_active'; status: JourneyStatus };

/**
 * Enters contacts into the journey's latest published version by hand, the way the
 * dispatcher does (deterministic workflow id, so a repeated request starts nothing twice).
 * Only an active journey takes entries. Temporal failures throw TemporalCallError (some
 * contacts may have started by then); a retry is safe.
 */
export async function enrollContacts(prisma: PrismaClient, client: Client, taskQueue: string, workspaceId: string, journeyId: string, contactIds: readonly string[]): Promise<EnrollResult> {
  const journey = await prisma.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { status: true } });
  if (!journey) return { ok: false, reason: 'not_found' };
  const live = journey.status === 'active' ? await latestPublishedVersion(prisma, workspaceId, journeyId) : undefined;
  if (!live) return { ok: false, reason: 'not_active', status: journey.status };

  const unique = [...new Set(contactIds)];
  const [known, running] = await Promise.all([
    prisma.contact.findMany({ where: { workspaceId, id: { in: unique } }, select: { id: true } }),
    prisma.journeyEnrollment.findMany({ where: { workspaceId, journeyId, contactId: { in: unique }, status: 'running', entryKey: null }, select: { contactId: true } }),
  ]);
  const exists = new Set(known.map((contact) => contact.id));
  const inJourney = new Set(running.map((enrollment) => enrollment.contactId));
  const outcome = new Map<string, ManualEntry>(unique.map((id) => [id, !exists.has(id) ? 'not_found' : inJourney.has(id) ? 'already_running' : 'started']));

  const toStart = unique.filter((id) => outcome.get(id) === 'started');
  const startNext = async (): Promise<void> => {
    for (let contactId = toStart.shift(); contactId !== undefined; contactId = toStart.shift()) {
      try {
        await startJourneyRun(client, taskQueue, { workspaceId, journeyId, contactId, journeyVersionId: live.journeyVersionId, version: live.version, plan: live.plan });
      } catch (error) {
        throw new TemporalCallError(`starting journey ${journeyId} for contact ${contactId}`, { cause: error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_STARTS, toStart.length) }, startNext));
  return { ok: true, version: live.version, results: unique.map((contactId) => ({ contactId, result: outcome.get(contactId) ?? 'not_found' })) };
}
