import type { Facts } from '../../engine/journey/conditions';
import type { PrismaClient } from '../../prisma/generated/client';
import type { JourneyEvent } from './types';

type Numeric = { toString(): string } | number | null;
const toNumber = (value: Numeric): number | null => (value === null ? null : Number(value.toString()));
const toIso = (value: Date | null): string | null => value?.toISOString() ?? null;

/**
 * Everything a journey condition can read about a contact, in the shape rule fields name:
 * `contact.*` (profile, `attributes.*`, `tags`), `score.<model>.*` and `event.*` (the entry
 * event). Undefined when the contact does not exist in this workspace.
 */
export async function loadFacts(prisma: Pick<PrismaClient, 'contact'>, workspaceId: string, contactId: string, entryEvent?: JourneyEvent): Promise<Facts | undefined> {
  const contact = await prisma.contact.findFirst({
    where: { id: contactId, workspaceId },
    include: { rfmScore: true, clvScore: true, leadScore: true, churnRiskScore: true, engagementScore: true, healthScore: true },
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
    ...(entryEvent && { event: entryEvent }),
  };
}
