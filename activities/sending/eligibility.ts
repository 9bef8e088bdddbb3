import { receivesTopic } from '../../engine/consent/read';
import { reusedPlan } from '../../engine/db/reused-plan';
import { Prisma, type Channel, type ConsentStatus, type MessageType, type PrismaClient } from '../../prisma/generated/client';
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
export type EligibilityReader = Pick<PrismaClient, '$queryRaw'>;

/** What the answer depends on, read in one statement (it runs before every message). */
interface EligibilityRow {
  readonly do_not_contact: boolean;
  readonly suppression: string | null;
  readonly consent: ConsentStatus | null;
  readonly topic_name: string | null;
  readonly topic_channel: string | null;
  readonly topic_default: boolean | null;
  readonly topic_choice: ConsentStatus | null;
}

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
  // An erased contact's address is suppressed only by its hash (engine/privacy/erase.ts).
  const addresses = address ? [address, hashedSuppressionAddress(workspaceId, channel, address)] : [];
  const [row] = await prisma.$queryRaw<EligibilityRow[]>(reusedPlan(Prisma.sql`
    SELECT c.do_not_contact,
      (SELECT s.reason::text FROM suppression s
       WHERE s.workspace_id = c.workspace_id AND s.channel = ${channel}::channel AND s.address = ANY(${addresses}::text[]) LIMIT 1) AS suppression,
      (SELECT k.status::text FROM consent k WHERE k.contact_id = c.id AND k.channel = ${channel}::channel AND k.message_type = ${messageType}::message_type) AS consent,
      t.name AS topic_name, t.channel::text AS topic_channel, t.default_subscribed AS topic_default,
      (SELECT ts.status::text FROM topic_subscription ts WHERE ts.topic_id = t.id AND ts.contact_id = c.id) AS topic_choice
    FROM contact c
    LEFT JOIN subscription_topic t ON t.workspace_id = c.workspace_id AND t.key = ${question.topic ?? null}::text
    WHERE c.id = ${contactId}::uuid AND c.workspace_id = ${workspaceId}::uuid`));
  if (!row) return 'The contact no longer exists.';
  if (row.do_not_contact) return 'The contact is marked do-not-contact.';
  if (!address) return `The contact has no ${channel === 'email' ? 'email address' : channel === 'sms' ? 'phone number' : `${channel} address`}.`;
  if (row.suppression !== null) return `${address} is suppressed (${row.suppression.replace('_', ' ')}).`;
  const consent = row.consent ?? undefined;
  if (messageType === 'marketing' && consent !== 'granted') {
    return consent ? `Marketing ${channel} consent is ${consent}.` : `The contact never gave marketing ${channel} consent.`;
  }
  if (messageType === 'transactional' && consent === 'withdrawn') return `Transactional ${channel} consent was withdrawn.`;
  // The compiler refuses a topic on a transactional message; one that slipped through is not a marketing choice to honour.
  if (messageType === 'marketing' && question.topic !== undefined) return topicReason(question.topic, channel, row, consent);
  return undefined;
}

/**
 * Why a marketing message on `topic` must not reach the contact. A topic that does not exist
 * (deleted, or misspelt in the journey) skips rather than fails: sending marketing nobody can
 * leave would be worse, and the reason on the timeline says what to fix.
 */
function topicReason(key: string, channel: Channel, row: EligibilityRow, channelMarketing: ConsentStatus | undefined): string | undefined {
  const { topic_name: name, topic_channel: topicChannel, topic_choice: choice } = row;
  // The topic's columns are all null together: no topic of that key.
  if (name === null || topicChannel === null) return `The subscription topic "${key}" does not exist in this workspace, so no contact can be subscribed to it.`;
  if (topicChannel !== channel) return `The topic ${name} is for ${topicChannel} messages, not ${channel}.`;
  if (receivesTopic(channelMarketing, choice, row.topic_default === true)) return undefined;
  if (choice === 'withdrawn') return `The contact unsubscribed from the topic ${name}.`;
  if (choice === null) return `The contact never subscribed to the opt-in topic ${name}.`;
  return `The contact's subscription to the topic ${name} is ${choice}.`;
}
