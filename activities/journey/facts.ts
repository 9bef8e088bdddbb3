import { receivesTopic } from '../../engine/consent/read';
import type { ConsentChannel, ConsentPurpose, ConsentStatus } from '../../engine/journey/schema';
import type { PrismaClient } from '../../prisma/generated/client';
import type { JourneyEvent } from './types';

/** What templates and actions read about a contact: `{ contact, score, consent, topics, event }`. */
export type Facts = Readonly<Record<string, unknown>>;

type Numeric = { toString(): string } | number | null;
const toNumber = (value: Numeric): number | null => (value === null ? null : Number(value.toString()));
const toIso = (value: Date | null): string | null => value?.toISOString() ?? null;

/**
 * Everything a journey condition can read about a contact, in the shape rule fields name:
 * `contact.*` (profile, `attributes.*`, `tags`), `score.<model>.*`, `consent.<channel>.<purpose>`
 * (the state, null when never decided), `topics.<key>` (whether marketing on that topic reaches
 * the contact, as sending decides it) and `event.*` (the entry event). Undefined when the
 * contact does not exist in this workspace.
 */
export async function loadFacts(prisma: Pick<PrismaClient, 'contact'>, workspaceId: string, contactId: string, entryEvent?: JourneyEvent): Promise<Facts | undefined> {
  const contact = await prisma.contact.findFirst({
    where: { id: contactId, workspaceId },
    include: {
      rfmScore: true,
      clvScore: true,
      leadScore: true,
      churnRiskScore: true,
      engagementScore: true,
      healthScore: true,
      consents: { select: { channel: true, messageType: true, status: true } },
      // Every topic of the workspace (a topic the contact never chose has its default), with the contact's own choice.
      workspace: { select: { subscriptionTopics: { select: { key: true, channel: true, defaultSubscribed: true, subscriptions: { where: { contactId }, select: { status: true } } } } } },
    },
  });
  if (!contact) return undefined;
  const { rfmScore: rfm, clvScore: clv, leadScore: lead, churnRiskScore: churn, engagementScore: engagement, healthScore: health } = contact;
  return {
    contact: {
      id: contact.id,
      externalId: contact.externalId,
      email: contact.email,
      phone: contact.phone,
      firstName: contact.firstName,
      lastName: contact.lastName,
      company: contact.company,
      type: contact.type,
      source: contact.source,
      status: contact.status,
      lifecycleStage: contact.lifecycleStage,
      journeyStage: contact.journeyStage,
      timezone: contact.timezone,
      locale: contact.locale,
      preferredChannel: contact.preferredChannel,
      doNotContact: contact.doNotContact,
      tags: contact.tags,
      attributes: contact.attributes,
      createdAt: toIso(contact.createdAt),
      lastSeenAt: toIso(contact.lastSeenAt),
    },
    score: {
      rfm: rfm && {
        recency: rfm.recency,
        frequency: rfm.frequency,
        monetary: rfm.monetary,
        segment: rfm.segmentLabel,
        daysSinceLast: rfm.daysSinceLast,
        orderCount: rfm.orderCount,
        totalSpend: toNumber(rfm.totalSpend),
      },
      clv: clv && {
        historicalValue: toNumber(clv.historicalValue),
        predictedValue: toNumber(clv.predictedValue),
        averageOrderValue: toNumber(clv.averageOrderValue),
        profit: toNumber(clv.profit),
        orderCount: clv.orderCount,
        probabilityAlive: clv.probabilityAlive,
        currency: clv.currency,
      },
      lead: lead && { score: lead.score, fitScore: lead.fitScore, behaviourScore: lead.behaviourScore, engagementScore: lead.engagementScore, qualification: lead.qualification },
      churn_risk: churn && { probability: churn.probability, band: churn.band },
      engagement: engagement && { score: engagement.score, lastEngagedAt: toIso(engagement.lastEngagedAt) },
      health: health && { score: health.score, level: health.level },
    },
    consent: consentFacts(contact.consents),
    topics: Object.fromEntries(
      contact.workspace.subscriptionTopics.map((topic) => {
        const channelMarketing = contact.consents.find((row) => row.channel === topic.channel && row.messageType === 'marketing')?.status;
        return [topic.key, receivesTopic(channelMarketing, topic.subscriptions[0]?.status, topic.defaultSubscribed)];
      }),
    ),
    ...(entryEvent && { event: entryEvent }),
  };
}

/** Every channel and purpose; null when never decided, which conditions read as no value (`not_exists`). */
function consentFacts(rows: readonly { channel: string; messageType: string; status: ConsentStatus }[]): Record<ConsentChannel, Record<ConsentPurpose, ConsentStatus | null>> {
  const stateOf = (channel: ConsentChannel, purpose: ConsentPurpose): ConsentStatus | null => rows.find((row) => row.channel === channel && row.messageType === purpose)?.status ?? null;
  const byPurpose = (channel: ConsentChannel): Record<ConsentPurpose, ConsentStatus | null> => ({ marketing: stateOf(channel, 'marketing'), transactional: stateOf(channel, 'transactional') });
  return { email: byPurpose('email'), sms: byPurpose('sms'), push: byPurpose('push'), whatsapp: byPurpose('whatsapp') };
}
