import { composeEmail } from '../../../activities/channels/email/compose';
import { daysAfter } from '../../../activities/channels/email/expiring-token';
import { outboxDelivery } from '../../../activities/channels/email/outbox';
import { smtpDelivery } from '../../../activities/channels/email/smtp';
import type { MailDeps } from '../../../activities/mail';
import { sendOnce } from '../../../activities/sending';
import type { Database } from '../../db';
import { describeError } from '../../describe-error';
import type { ConsentChannel } from '../input';
import { consentSettingsOf } from '../settings';
import { confirmationEmail } from './confirmation-email';
import { confirmationToken, confirmationUrl } from './confirm-token';

/** What the engine needs to send a confirmation: `app.services` has both. */
export interface ConfirmationServices {
  readonly db: Pick<Database, 'prisma'>;
  readonly mail: MailDeps;
}

export type ConfirmationOutcome =
  | { readonly channel: ConsentChannel; readonly outcome: 'sent'; readonly communicationId: string; readonly requestId: string }
  /** Nothing sent, and why: not pending any more, no address, do-not-contact, suppressed, a channel without double opt-in. */
  | { readonly channel: ConsentChannel; readonly outcome: 'skipped'; readonly reason: string }
  /** The mail server refused or could not be reached; the grant stays pending (asking again sends a new email). */
  | { readonly channel: ConsentChannel; readonly outcome: 'failed'; readonly reason: string };

/**
 * Sends the double opt-in email for each channel `applyConsent` reported as
 * `awaitingConfirmation`. Call it after the transaction that recorded the pending grant has
 * committed (the email links to that history entry). Email only: other channels are skipped.
 *
 * The email is transactional and goes through `sendOnce`, keyed by the pending history
 * entry's id: calling this twice for one request sends one email, and a new request (the
 * contact asks again) sends a new one. Never throws for a delivery problem: the decision is
 * recorded already, so the outcome says what happened to the email.
 */
export async function requestConfirmations(
  services: ConfirmationServices,
  workspaceId: string,
  contactId: string,
  channels: readonly ConsentChannel[],
  now: Date = new Date(),
): Promise<ConfirmationOutcome[]> {
  const outcomes: ConfirmationOutcome[] = [];
  for (const channel of new Set(channels)) {
    outcomes.push(channel === 'email' ? await requestEmailConfirmation(services, workspaceId, contactId, now) : { channel, outcome: 'skipped', reason: `Double opt-in is for email; ${channel} needs no confirmation.` });
  }
  return outcomes;
}

async function requestEmailConfirmation(services: ConfirmationServices, workspaceId: string, contactId: string, now: Date): Promise<ConfirmationOutcome> {
  const { prisma } = services.db;
  const { mail } = services;
  const skipped = (reason: string): ConfirmationOutcome => ({ channel: 'email', outcome: 'skipped', reason });
  const consent = await prisma.consent.findUnique({ where: { contactId_channel_messageType: { contactId, channel: 'email', messageType: 'marketing' } }, select: { status: true, workspaceId: true } });
  if (consent?.workspaceId !== workspaceId || consent.status !== 'pending') return skipped('Email marketing consent is not waiting for a confirmation.');
  const request = await prisma.consentEvent.findFirst({
    where: { workspaceId, contactId, channel: 'email', messageType: 'marketing', topic: null, status: 'pending' },
    orderBy: [{ occurredAt: 'desc' }, { recordedAt: 'desc' }],
    select: { id: true },
  });
  const contact = await prisma.contact.findFirst({ where: { id: contactId, workspaceId }, select: { email: true, workspace: { select: { name: true, settings: true } } } });
  if (!request || !contact) return skipped('The contact no longer exists.');
  const address = contact.email?.toLowerCase();
  const idempotencyKey = `double-opt-in:${request.id}`;
  const brand = consentSettingsOf(contact.workspace.settings).preferenceCenter;
  const token = confirmationToken(mail.unsubscribeSecret, { workspaceId, contactId, requestId: request.id }, daysAfter(now, mail.confirmationLinkDays));
  const { content, variables } = confirmationEmail({
    brandName: brand?.brandName ?? contact.workspace.name,
    brandColour: brand?.brandColour,
    confirmUrl: confirmationUrl(mail.publicUrl, token),
    validDays: mail.confirmationLinkDays,
  });
  try {
    const email = await composeEmail({ from: mail.from, to: address ?? '', content, variables, idempotencyKey, domain: mail.domain });
    const delivery = mail.smtp ? smtpDelivery(mail.smtp, email) : outboxDelivery(prisma, workspaceId, email, idempotencyKey);
    // Transactional: the contact asked for it, and marketing consent is what it asks for. The
    // send still respects do-not-contact, suppression and a transactional withdrawal.
    const sent = await sendOnce(
      prisma,
      { workspaceId, contactId, channel: 'email', messageType: 'transactional', idempotencyKey, subject: email.subject, ...(address !== undefined && { toAddress: address }) },
      delivery,
      { now: () => now },
    );
    if (sent.outcome === 'sent') return { channel: 'email', outcome: 'sent', communicationId: sent.communicationId, requestId: request.id };
    return skipped(sent.reason);
  } catch (error) {
    return { channel: 'email', outcome: 'failed', reason: describeError(error) };
  }
}
