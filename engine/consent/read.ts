import type { Channel, ConsentStatus, MessageType, PrismaClient } from '../../prisma/generated/client';

export interface ChannelConsentView {
  readonly channel: Channel;
  readonly purpose: MessageType;
  readonly status: ConsentStatus;
  readonly source: string;
  readonly updatedAt: Date;
}

export interface TopicConsentView {
  readonly key: string;
  readonly name: string;
  readonly description: string | null;
  readonly channel: Channel;
  readonly defaultSubscribed: boolean;
  /** The contact's own decision; null when never asked (the topic's default applies). */
  readonly status: ConsentStatus | null;
  /** Whether marketing on this topic reaches the contact now: channel consent granted and the topic chosen (or its default). */
  readonly subscribed: boolean;
}

export interface ContactConsentView {
  readonly channels: ChannelConsentView[];
  readonly topics: TopicConsentView[];
}

type Reader = Pick<PrismaClient, 'consent' | 'subscriptionTopic'>;

/** Whether a topic reaches a contact, given their channel's marketing consent and their own choice. */
export function receivesTopic(channelMarketing: ConsentStatus | null | undefined, choice: ConsentStatus | null | undefined, defaultSubscribed: boolean): boolean {
  return channelMarketing === 'granted' && (choice === 'granted' || ((choice === null || choice === undefined) && defaultSubscribed));
}

/** A contact's current consent: every channel and purpose ever decided, and every topic of the workspace. */
export async function readContactConsent(prisma: Reader, workspaceId: string, contactId: string): Promise<ContactConsentView> {
  const consents = await prisma.consent.findMany({
    where: { workspaceId, contactId },
    select: { channel: true, messageType: true, status: true, source: true, updatedAt: true },
    orderBy: [{ channel: 'asc' }, { messageType: 'asc' }],
  });
  const topics = await prisma.subscriptionTopic.findMany({
    where: { workspaceId },
    select: { key: true, name: true, description: true, channel: true, defaultSubscribed: true, subscriptions: { where: { contactId }, select: { status: true } } },
    orderBy: { key: 'asc' },
  });
  const marketing = new Map(consents.filter((row) => row.messageType === 'marketing').map((row) => [row.channel, row.status]));
  return {
    channels: consents.map((row) => ({ channel: row.channel, purpose: row.messageType, status: row.status, source: row.source, updatedAt: row.updatedAt })),
    topics: topics.map(({ subscriptions, ...topic }) => {
      const status = subscriptions[0]?.status ?? null;
      return { ...topic, status, subscribed: receivesTopic(marketing.get(topic.channel), status, topic.defaultSubscribed) };
    }),
  };
}

export interface ConsentHistoryEntry {
  readonly id: string;
  readonly channel: Channel;
  readonly purpose: MessageType;
  readonly topic: string | null;
  readonly status: ConsentStatus;
  readonly source: string;
  readonly actor: string | null;
  readonly reason: string | null;
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
  readonly formId: string | null;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
}

/** The append-only history, newest first. */
export async function readConsentHistory(prisma: Pick<PrismaClient, 'consentEvent'>, workspaceId: string, contactId: string, limit: number): Promise<ConsentHistoryEntry[]> {
  const rows = await prisma.consentEvent.findMany({ where: { workspaceId, contactId }, orderBy: [{ occurredAt: 'desc' }, { recordedAt: 'desc' }, { id: 'desc' }], take: limit });
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    purpose: row.messageType,
    topic: row.topic,
    status: row.status,
    source: row.source,
    actor: row.actor,
    reason: row.reason,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    formId: row.formId,
    occurredAt: row.occurredAt,
    recordedAt: row.recordedAt,
  }));
}
