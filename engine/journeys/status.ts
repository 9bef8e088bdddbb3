import { lockJourneyEntries } from '../../activities/journey/enrollment';
import type { JourneyStatus, PrismaClient } from '../../prisma/generated/client';
import { journeyTriggersChanged } from '../dispatcher/invalidation';

/**
 * What a marketer can do to a journey's status after publishing it:
 * - pause: active → paused. No new entries (the dispatcher, manual enrollment and direct
 *   starts all refuse); runs already in the journey continue on their version.
 * - resume: paused → active. New entries again.
 * - archive: draft, active or paused → archived, for good (nothing resumes it). No new
 *   entries; runs already in the journey continue to their end, as on pause, so archiving
 *   never cuts a contact off mid-sequence (cancel single runs with the enrollment cancel route).
 * Asking for the status the journey already has changes nothing and is not an error.
 */
export type StatusChange = 'pause' | 'resume' | 'archive';

const transitions: Record<StatusChange, { to: JourneyStatus; from: readonly JourneyStatus[] }> = {
  pause: { to: 'paused', from: ['active'] },
  resume: { to: 'active', from: ['paused'] },
  archive: { to: 'archived', from: ['draft', 'active', 'paused'] },
};

export type StatusChangeResult =
  | { ok: true; status: JourneyStatus; changed: boolean; from: JourneyStatus }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; status: JourneyStatus };

export async function changeJourneyStatus(prisma: PrismaClient, workspaceId: string, journeyId: string, change: StatusChange): Promise<StatusChangeResult> {
  const { to, from } = transitions[change];
  const result = await prisma.$transaction(async (tx): Promise<StatusChangeResult> => {
    const journey = await tx.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { id: true } });
    if (!journey) return { ok: false, reason: 'not_found' };
    // The entries' lock: a run entering right now commits before the change or sees it.
    await lockJourneyEntries(tx, journeyId);
    const current = await tx.journey.findUniqueOrThrow({ where: { id: journeyId }, select: { status: true } });
    if (current.status === to) return { ok: true, status: to, changed: false, from: to };
    if (!from.includes(current.status)) return { ok: false, reason: 'conflict', status: current.status };
    await tx.journey.update({ where: { id: journeyId }, data: { status: to } });
    return { ok: true, status: to, changed: true, from: current.status };
  });
  // Entries start or stop with this: the dispatcher's cached triggers are stale.
  if (result.ok && result.changed) journeyTriggersChanged(workspaceId);
  return result;
}
