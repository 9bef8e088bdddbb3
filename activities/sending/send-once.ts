import { lockContactSends } from '../../engine/consent/lock';
import type { PrismaClient } from '../../prisma/generated/client';
import { PermanentActionError } from '../actions/errors';
import { ineligibilityReason } from './eligibility';
import { policyVerdict } from './policy';
import { PermanentDeliveryError, TransientDeliveryError } from './errors';
import { claimSend, markProviderCall, releaseProviderCall, settle, type SendRequest } from './ledger';

export type SendOutcome =
  | { outcome: 'sent'; communicationId: string; providerMessageId?: string; unconfirmed?: true }
  | { outcome: 'skipped'; communicationId: string; reason: string }
  /** Quiet hours: nothing was sent; the same key may be sent from `until` on. */
  | { outcome: 'deferred'; communicationId: string; until: Date; reason: string };

export interface Delivery {
  /** Name of the provider or transport, e.g. `smtp`, `twilio`, `outbox`. */
  provider: string;
  deliver(): Promise<{ providerMessageId?: string }>;
}

/**
 * One message, at most once per idempotency key and exactly once whenever the worker lives to
 * record the provider's answer:
 * 1. claim the key in the ledger (a retry finds the row, and a settled row is never redone);
 * 2. under the contact's send lock, check eligibility (consent, topic, do-not-contact,
 *    suppression) and the workspace's policy (frequency caps skip, quiet hours defer), and
 *    mark the provider call as begun in the same transaction; a skip records its reason;
 * 3. call the provider, record the answer.
 * A certain non-delivery releases the key and rethrows for Temporal to retry; a permanent
 * refusal settles as failed; anything ambiguous leaves the key in doubt, never resent.
 */
export interface SendOptions {
  /** Consent and suppression apply to messages for the contact; not to, say, a webhook to the shop. */
  checkEligibility?: boolean;
  now?: () => Date;
}

export async function sendOnce(prisma: PrismaClient, request: SendRequest, delivery: Delivery, options: SendOptions = {}): Promise<SendOutcome> {
  const now = options.now ?? ((): Date => new Date());
  const claim = await claimSend(prisma, request);
  const { communicationId } = claim;
  if (claim.kind === 'in_doubt') return unconfirmed(prisma, communicationId, now());
  if (claim.kind === 'settled') {
    if (claim.status === 'suppressed') return { outcome: 'skipped', communicationId, reason: claim.error ?? 'skipped' };
    if (claim.status === 'failed') throw new PermanentActionError(claim.error ?? 'the message failed');
    return { outcome: 'sent', communicationId };
  }

  // Eligibility, the policy and the provider-call marker are decided together under the
  // contact's send lock, which consent changes take too (engine/consent/apply.ts): a
  // withdrawal either commits before the check reads consent, or waits until the marker is
  // committed; and two journeys sending to one contact at once cannot both pass a frequency cap.
  const gate = await prisma.$transaction(async (tx) => {
    await lockContactSends(tx, request.contactId);
    if (options.checkEligibility !== false) {
      const reason = await ineligibilityReason(tx, { ...request, address: request.toAddress });
      if (reason) return { kind: 'skip', reason } as const;
      const verdict = await policyVerdict(tx, { ...request, communicationId }, now());
      if (verdict.kind !== 'send') return verdict;
    }
    return (await markProviderCall(tx, communicationId, delivery.provider)) ? ({ kind: 'send' } as const) : ({ kind: 'taken' } as const);
  });
  if (gate.kind === 'skip') {
    await settle(prisma, communicationId, { status: 'suppressed', error: gate.reason, at: now() });
    return { outcome: 'skipped', communicationId, reason: gate.reason };
  }
  // Deferred: the row stays queued and unclaimed, and the deferred retry of this step claims it again.
  if (gate.kind === 'defer') return { outcome: 'deferred', communicationId, until: gate.until, reason: gate.reason };
  if (gate.kind === 'taken') return unconfirmed(prisma, communicationId, now());
  let accepted: { providerMessageId?: string };
  try {
    accepted = await delivery.deliver();
  } catch (error) {
    if (error instanceof TransientDeliveryError) {
      await releaseProviderCall(prisma, communicationId);
      throw error;
    }
    if (error instanceof PermanentDeliveryError) {
      await settle(prisma, communicationId, { status: 'failed', error: error.message, at: now() });
      if (error.suppressAddress && request.toAddress) {
        // An address the provider calls invalid is never tried again, by any journey.
        await prisma.suppression.createMany({ data: [{ workspaceId: request.workspaceId, channel: request.channel, address: request.toAddress, reason: 'hard_bounce' }], skipDuplicates: true });
      }
      throw new PermanentActionError(error.message);
    }
    throw error; // ambiguous: the key stays in doubt
  }
  await settle(prisma, communicationId, { status: 'sent', at: now(), ...(accepted.providerMessageId !== undefined && { providerMessageId: accepted.providerMessageId }) });
  return { outcome: 'sent', communicationId, ...(accepted.providerMessageId !== undefined && { providerMessageId: accepted.providerMessageId }) };
}

/** The worker stopped between the provider call and its record: count it as sent, say so. */
async function unconfirmed(prisma: PrismaClient, communicationId: string, at: Date): Promise<SendOutcome> {
  await settle(prisma, communicationId, { status: 'sent', error: 'Delivery unconfirmed: the worker stopped after calling the provider, so the message was not sent again.', at });
  return { outcome: 'sent', communicationId, unconfirmed: true };
}

/** A message action's result from the send's: sent, skipped (with why), or deferred. */
export function messageResult(result: SendOutcome): { outcome: string; detail?: string } | { deferUntil: number; detail: string } {
  switch (result.outcome) {
    case 'sent':
      return { outcome: 'sent', ...(result.unconfirmed && { detail: 'unconfirmed' }) };
    case 'skipped':
      return { outcome: 'skipped', detail: result.reason };
    case 'deferred':
      return { deferUntil: result.until.getTime(), detail: result.reason };
  }
}
