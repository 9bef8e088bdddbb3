import type { Channel, MessageType, PrismaClient } from '../../prisma/generated/client';
import { hashedSuppressionAddress } from './suppression-hash';

export interface EligibilityQuestion {
  workspaceId: string;
  contactId: string;
  channel: Channel;
  messageType: MessageType;
  /** Normalised address (lower-case email, E.164 phone) the message would go to. */
  address: string | undefined;
}

/**
 * Why this contact must not get this message, in words a marketer reads on the contact's
 * timeline; undefined when it may be sent. Enforced inside the send, so no journey path can
 * skip it:
 * - do-not-contact blocks every message;
 * - a suppressed address (hard bounce, complaint, unsubscribe, or erased: stored hashed) blocks that channel;
 * - marketing needs consent granted for the channel; transactional messages only respect a
 *   withdrawal of transactional consent.
 */
export async function ineligibilityReason(prisma: PrismaClient, question: EligibilityQuestion): Promise<string | undefined> {
  const { workspaceId, contactId, channel, messageType, address } = question;
  const contact = await prisma.contact.findFirst({ where: { id: contactId, workspaceId }, select: { doNotContact: true } });
  if (!contact) return 'The contact no longer exists.';
  if (contact.doNotContact) return 'The contact is marked do-not-contact.';
  if (!address) return `The contact has no ${channel === 'email' ? 'email address' : channel === 'sms' ? 'phone number' : `${channel} address`}.`;
  // An erased contact's address is suppressed only by its hash (engine/privacy/erase.ts).
  const suppression = await prisma.suppression.findFirst({
    where: { workspaceId, channel, address: { in: [address, hashedSuppressionAddress(workspaceId, channel, address)] } },
    select: { reason: true },
  });
  if (suppression) return `${address} is suppressed (${suppression.reason.replace('_', ' ')}).`;
  const consent = await prisma.consent.findUnique({ where: { contactId_channel_messageType: { contactId, channel, messageType } }, select: { status: true } });
  if (messageType === 'marketing' && consent?.status !== 'granted') {
    return consent ? `Marketing ${channel} consent is ${consent.status}.` : `The contact never gave marketing ${channel} consent.`;
  }
  if (messageType === 'transactional' && consent?.status === 'withdrawn') return `Transactional ${channel} consent was withdrawn.`;
  return undefined;
}
