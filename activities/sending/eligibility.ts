import { receivesTopic } from '../../engine/consent/read';
import type { Channel, ConsentStatus, MessageType, PrismaClient } from '../../prisma/generated/client';
import { hashedSuppressionAddress } from './suppression-hash';

export interface EligibilityQuestion {
  workspaceId: string;
  contactId: string;
  channel: Channel;
  messageType: MessageType;
  /** Normalised address (lower-case email, E.164 phone) the message would go to. */
  address: string | undefined;
  /** A marketing message's subscription topic, by key. */
  topic?: string | undefined;
}

/** The client or the send's locking transaction: the answer must be read under the contact's send lock. */
export type EligibilityReader = Pick<PrismaClient, 'contact' | 'suppression' | 'consent' | 'subscriptionTopic'>;

/**
 * Why this contact must not get this message, in words a marketer reads on the contact's
 * timeline; undefined when it may be sent. Enforced inside the send, so no journey path can
 * skip it:
 * - do-not-contact blocks every message;
 * - a suppressed address (hard bounce, complaint, unsubscribe, or erased: stored hashed) blocks that channel;
 * - marketing needs consent granted for the channel; transactional messages only respect a
 *   withdrawal of transactional consent;
 * - marketing on a subscription topic also needs the contact to receive that topic (their own
 *   choice, or the topic's default when they never chose).
 */
export async function ineligibilityReason(prisma: EligibilityReader, question: EligibilityQuestion): Promise<string | undefined> {
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
  // The compiler refuses a topic on a transactional message; one that slipped through is not a marketing choice to honour.
  if (messageType === 'marketing' && question.topic !== undefined) return topicReason(prisma, { workspaceId, contactId, channel, topic: question.topic, channelMarketing: consent?.status });
  return undefined;
}

/**
 * Why a marketing message on `topic` must not reach the contact. A topic that does not exist
 * (deleted, or misspelt in the journey) skips rather than fails: sending marketing nobody can
 * leave would be worse, and the reason on the timeline says what to fix.
 */
async function topicReason(
  prisma: Pick<PrismaClient, 'subscriptionTopic'>,
  question: { workspaceId: string; contactId: string; channel: Channel; topic: string; channelMarketing: ConsentStatus | undefined },
): Promise<string | undefined> {
  const { workspaceId, contactId, channel, topic: key } = question;
  const topic = await prisma.subscriptionTopic.findUnique({
    where: { workspaceId_key: { workspaceId, key } },
    select: { name: true, channel: true, defaultSubscribed: true, subscriptions: { where: { contactId }, select: { status: true } } },
  });
  if (!topic) return `The subscription topic "${key}" does not exist in this workspace, so no contact can be subscribed to it.`;
  if (topic.channel !== channel) return `The topic ${topic.name} is for ${topic.channel} messages, not ${channel}.`;
  const choice = topic.subscriptions[0]?.status ?? null;
  if (receivesTopic(question.channelMarketing, choice, topic.defaultSubscribed)) return undefined;
  if (choice === 'withdrawn') return `The contact unsubscribed from the topic ${topic.name}.`;
  if (choice === null) return `The contact never subscribed to the opt-in topic ${topic.name}.`;
  return `The contact's subscription to the topic ${topic.name} is ${choice}.`;
}
