import type { Prisma, PrismaClient } from '../../prisma/generated/client';
import { contactAddresses } from './addresses';

/**
 * Everything the workspace stores about one contact, one section per table, named after the
 * table (`consent_event`, `loyalty_transaction`, ...): every table with a `contact_id`, the
 * tables hanging off those (order items, delivery status history, loyalty ledger, tier
 * changes and redemptions, node visits), the anonymous events of the same visitor, the
 * suppressions of the contact's addresses and the local outbox's copies of messages to them.
 */
export interface ContactExport {
  readonly exportedAt: string;
  readonly workspaceId: string;
  readonly contactId: string;
  readonly tables: ContactTables;
}

export type ContactTables = NonNullable<Awaited<ReturnType<typeof readTables>>>;

/** Undefined when the workspace has no such contact. Read in one transaction: one consistent picture. */
export async function exportContact(prisma: Pick<PrismaClient, '$transaction'>, workspaceId: string, contactId: string, now: Date): Promise<ContactExport | undefined> {
  const tables = await prisma.$transaction((tx) => readTables(tx, workspaceId, contactId), { timeout: 60_000 });
  return tables && { exportedAt: now.toISOString(), workspaceId, contactId, tables };
}

async function readTables(tx: Prisma.TransactionClient, workspaceId: string, contactId: string) {
  const contact = await tx.contact.findFirst({ where: { id: contactId, workspaceId } });
  if (!contact) return undefined;
  const owned = { workspaceId, contactId };
  const anonymousIds = await anonymousIdsOf(tx, workspaceId, contactId);
  const addresses = contactAddresses(contact);
  return {
    contact,
    consent: await tx.consent.findMany({ where: owned, orderBy: [{ channel: 'asc' }, { messageType: 'asc' }] }),
    consent_event: await tx.consentEvent.findMany({ where: owned, orderBy: { occurredAt: 'asc' } }),
    topic_subscription: await tx.topicSubscription.findMany({ where: owned, include: { topic: { select: { key: true, name: true } } }, orderBy: { updatedAt: 'asc' } }),
    suppression: await tx.suppression.findMany({ where: { workspaceId, OR: addresses.map(({ channel, address }) => ({ channel, address })) }, orderBy: { createdAt: 'asc' } }),
    event: await tx.event.findMany({ where: { workspaceId, OR: [{ contactId }, { contactId: null, anonymousId: { in: anonymousIds } }] }, orderBy: { occurredAt: 'asc' } }),
    order: await tx.order.findMany({ where: owned, orderBy: { placedAt: 'asc' } }),
    order_item: await tx.orderItem.findMany({ where: { order: owned }, orderBy: [{ orderId: 'asc' }, { sku: 'asc' }] }),
    communication: await tx.communication.findMany({ where: owned, orderBy: { createdAt: 'asc' } }),
    communication_status_change: await tx.communicationStatusChange.findMany({ where: { communication: owned }, orderBy: { occurredAt: 'asc' } }),
    local_outbox_message: await tx.localOutboxMessage.findMany({ where: { workspaceId, toAddress: { in: addresses.map((entry) => entry.address) } }, orderBy: { createdAt: 'asc' } }),
    segment_membership: await tx.segmentMembership.findMany({ where: owned, orderBy: { enteredAt: 'asc' } }),
    segment_membership_change: await tx.segmentMembershipChange.findMany({ where: owned, orderBy: { occurredAt: 'asc' } }),
    rfm_score: await tx.rfmScore.findMany({ where: owned }),
    clv_score: await tx.clvScore.findMany({ where: owned }),
    lead_score: await tx.leadScore.findMany({ where: owned }),
    churn_risk_score: await tx.churnRiskScore.findMany({ where: owned }),
    engagement_score: await tx.engagementScore.findMany({ where: owned }),
    health_score: await tx.healthScore.findMany({ where: owned }),
    score_adjustment: await tx.scoreAdjustment.findMany({ where: owned, orderBy: { occurredAt: 'asc' } }),
    lifecycle_stage_change: await tx.lifecycleStageChange.findMany({ where: owned, orderBy: { occurredAt: 'asc' } }),
    journey_stage_change: await tx.journeyStageChange.findMany({ where: owned, orderBy: { occurredAt: 'asc' } }),
    loyalty_account: await tx.loyaltyAccount.findMany({ where: owned, orderBy: { createdAt: 'asc' } }),
    loyalty_transaction: await tx.loyaltyTransaction.findMany({ where: { workspaceId, account: { contactId } }, orderBy: { occurredAt: 'asc' } }),
    loyalty_redemption: await tx.loyaltyRedemption.findMany({ where: { workspaceId, account: { contactId } }, orderBy: { createdAt: 'asc' } }),
    loyalty_tier_change: await tx.loyaltyTierChange.findMany({ where: { workspaceId, account: { contactId } }, orderBy: { occurredAt: 'asc' } }),
    journey_enrollment: await tx.journeyEnrollment.findMany({ where: owned, orderBy: { startedAt: 'asc' } }),
    node_execution: await tx.nodeExecution.findMany({ where: { workspaceId, enrollment: { contactId } }, orderBy: [{ enrollmentId: 'asc' }, { step: 'asc' }] }),
  };
}

/**
 * The anonymous ids the contact's events carry: events sent before the visitor was
 * identified share them and are about the same person.
 */
export async function anonymousIdsOf(tx: Prisma.TransactionClient, workspaceId: string, contactId: string): Promise<string[]> {
  const rows = await tx.event.findMany({ where: { workspaceId, contactId, anonymousId: { not: null } }, distinct: ['anonymousId'], select: { anonymousId: true } });
  return rows.flatMap((row) => (row.anonymousId === null ? [] : [row.anonymousId]));
}
