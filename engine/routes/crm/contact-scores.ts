import type { Static } from 'typebox';
import type { PrismaClient } from '../../../prisma/generated/client';
import type { ContactScores } from './schemas';

type Numeric = { toString(): string };
const num = (value: Numeric): number => Number(value.toString());
const iso = (value: Date): string => value.toISOString();
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {});

/** Every score of a contact with the components behind it, and the last stage transitions: "why is this contact here?". */
export async function contactScores(prisma: PrismaClient, workspaceId: string, contactId: string): Promise<Static<typeof ContactScores> | undefined> {
  const contact = await prisma.contact.findFirst({
    where: { id: contactId, workspaceId },
    include: {
      rfmScore: true, clvScore: true, churnRiskScore: true, engagementScore: true, leadScore: true, healthScore: true,
      lifecycleStageChanges: { orderBy: { occurredAt: 'desc' }, take: 20 },
      journeyStageChanges: { orderBy: { occurredAt: 'desc' }, take: 20 },
    },
  });
  if (!contact) return undefined;
  const { rfmScore: rfm, clvScore: clv, churnRiskScore: churn, engagementScore: engagement, leadScore: lead, healthScore: health } = contact;
  return {
    contactId: contact.id,
    lifecycleStage: contact.lifecycleStage,
    journeyStage: contact.journeyStage,
    rfm: rfm && { model: rfm.model, recency: rfm.recency, frequency: rfm.frequency, monetary: rfm.monetary, segment: rfm.segmentLabel, daysSinceLast: rfm.daysSinceLast, orderCount: rfm.orderCount, totalSpend: num(rfm.totalSpend), computedAt: iso(rfm.computedAt) },
    clv: clv && {
      historicalValue: num(clv.historicalValue), totalCost: num(clv.totalCost), profit: num(clv.profit), orderCount: clv.orderCount, averageOrderValue: num(clv.averageOrderValue),
      purchaseFrequency: clv.purchaseFrequency, lifespanDays: clv.lifespanDays, predictedValue: num(clv.predictedValue), expectedPurchases: clv.expectedPurchases,
      probabilityAlive: clv.probabilityAlive, expectedOrderValue: clv.expectedOrderValue === null ? null : num(clv.expectedOrderValue), horizonDays: clv.horizonDays, currency: clv.currency, computedAt: iso(clv.computedAt),
    },
    churnRisk: churn && { probability: churn.probability, band: churn.band, factors: record(churn.factors), computedAt: iso(churn.computedAt) },
    engagement: engagement && { score: engagement.score, lastEngagedAt: engagement.lastEngagedAt && iso(engagement.lastEngagedAt), components: record(engagement.components), computedAt: iso(engagement.computedAt) },
    lead: lead && { score: lead.score, fit: lead.fitScore, behaviour: lead.behaviourScore, engagement: lead.engagementScore, qualification: lead.qualification, components: record(lead.components), computedAt: iso(lead.computedAt) },
    health: health && { score: health.score, level: health.level, components: record(health.components), computedAt: iso(health.computedAt) },
    stageHistory: [
      ...contact.lifecycleStageChanges.map((change) => ({ kind: 'lifecycle' as const, from: change.fromStage, to: change.toStage, reason: change.reason, source: change.source, occurredAt: iso(change.occurredAt) })),
      ...contact.journeyStageChanges.map((change) => ({ kind: 'journey' as const, from: change.fromStage, to: change.toStage, reason: change.reason, source: change.source, occurredAt: iso(change.occurredAt) })),
    ].sort((left, right) => right.occurredAt.localeCompare(left.occurredAt)),
  };
}
