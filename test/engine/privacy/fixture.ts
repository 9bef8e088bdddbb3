import type { Database } from '../../../engine/db';
import { quotedIdentifier } from '../../../engine/privacy';

let counter = 0;

export interface PopulatedContact {
  workspaceId: string;
  contactId: string;
  email: string;
  phone: string;
  /** A string only this contact's rows hold (in its name, event properties, message subject). */
  marker: string;
}

/** A workspace with nothing in it but what the tests add. */
export async function emptyWorkspace(db: Database): Promise<string> {
  counter += 1;
  return (await db.prisma.workspace.create({ data: { name: `Privacy ${counter}`, slug: `privacy-${counter}-${Date.now()}` } })).id;
}

/**
 * A contact with at least one row in every table that can hold something about it: consent (and a topic choice)
 * and history, a clear suppression of its phone, identified and anonymous events, an order
 * with items, a message with delivery history and its local outbox copy, segment membership
 * and history, every score, stage histories, a loyalty account with ledger, tier change and
 * redemption, a finished enrollment with node visits, and outbox entries naming it.
 */
export async function populatedContact(db: Database, workspaceId: string): Promise<PopulatedContact> {
  const { prisma } = db;
  counter += 1;
  const email = `erin-${counter}@example.com`;
  const phone = `+1415555${String(1000 + counter).padStart(4, '0')}`;
  const marker = `Zq${counter}xMarker`;
  const now = new Date();
  const contact = await prisma.contact.create({ data: { workspaceId, email, phone, firstName: marker, lastName: 'Doe', attributes: { nickname: marker } } });
  const contactId = contact.id;
  const owned = { workspaceId, contactId };

  await prisma.consent.create({ data: { ...owned, channel: 'email', messageType: 'marketing', status: 'granted', source: 'signup_form' } });
  await prisma.consentEvent.create({ data: { ...owned, channel: 'email', messageType: 'marketing', status: 'granted', source: 'signup_form', ipAddress: '203.0.113.9', occurredAt: now } });
  const topic = await prisma.subscriptionTopic.upsert({
    where: { workspaceId_key: { workspaceId, key: 'newsletter' } },
    create: { workspaceId, key: 'newsletter', name: 'Newsletter', channel: 'email' },
    update: {},
  });
  await prisma.topicSubscription.create({ data: { ...owned, topicId: topic.id, status: 'granted', source: 'preference_center' } });
  await prisma.suppression.create({ data: { workspaceId, channel: 'sms', address: phone, reason: 'hard_bounce' } });
  await prisma.event.create({ data: { ...owned, anonymousId: `anon-${marker}`, name: 'Viewed Product', properties: { by: email }, messageId: `m-${marker}-1`, occurredAt: now } });
  await prisma.event.create({ data: { workspaceId, anonymousId: `anon-${marker}`, name: 'Viewed Page', properties: { search: marker }, messageId: `m-${marker}-2`, occurredAt: now } });
  const order = await prisma.order.create({ data: { ...owned, status: 'paid', currency: 'USD', amount: 42, placedAt: now, items: { create: [{ sku: 'BEANS', name: 'Beans', quantity: 2, unitPrice: 21 }] } } });

  const segment = await prisma.segment.create({ data: { workspaceId, name: `Fans ${counter}`, kind: 'static' } });
  await prisma.segmentMembership.create({ data: { ...owned, segmentId: segment.id, source: 'api' } });
  await prisma.segmentMembershipChange.create({ data: { ...owned, segmentId: segment.id, change: 'entered', source: 'api' } });

  await prisma.rfmScore.create({ data: { ...owned, recency: 5, frequency: 1, monetary: 2, segmentLabel: 'new_customers', orderCount: 1, totalSpend: 42, computedAt: now } });
  await prisma.clvScore.create({ data: { ...owned, historicalValue: 42, predictedValue: 80, averageOrderValue: 42, currency: 'USD', computedAt: now } });
  await prisma.leadScore.create({ data: { ...owned, score: 10, fitScore: 10, behaviourScore: 10, computedAt: now } });
  await prisma.churnRiskScore.create({ data: { ...owned, probability: 0.2, band: 'low', computedAt: now } });
  await prisma.engagementScore.create({ data: { ...owned, score: 30, computedAt: now } });
  await prisma.healthScore.create({ data: { ...owned, score: 70, computedAt: now } });
  await prisma.scoreAdjustment.create({ data: { ...owned, model: 'lead', delta: 5, reason: 'webinar', source: 'api', idempotencyKey: `adj-${marker}` } });
  await prisma.lifecycleStageChange.create({ data: { ...owned, fromStage: 'prospect', toStage: 'new_customer', reason: 'first order', source: 'order' } });
  await prisma.journeyStageChange.create({ data: { ...owned, fromStage: 'awareness', toStage: 'purchase', reason: 'first order', source: 'order' } });

  const program = await prisma.loyaltyProgram.create({ data: { workspaceId, name: `Beans club ${counter}`, tiers: { create: [{ name: 'Bronze', rank: 1 }] }, rewards: { create: [{ name: 'Free bag', costPoints: 10 }] } } });
  const tier = await prisma.loyaltyTier.findFirstOrThrow({ where: { programId: program.id } });
  const reward = await prisma.loyaltyReward.findFirstOrThrow({ where: { programId: program.id } });
  const account = await prisma.loyaltyAccount.create({ data: { ...owned, programId: program.id, tierId: tier.id, balance: 32, lifetimePoints: 42 } });
  await prisma.loyaltyTransaction.create({ data: { workspaceId, accountId: account.id, type: 'earned', points: 42, balanceAfter: 42, orderId: order.id, idempotencyKey: `earn-${marker}`, remaining: 32 } });
  const spent = await prisma.loyaltyTransaction.create({ data: { workspaceId, accountId: account.id, type: 'redeemed', points: -10, balanceAfter: 32, idempotencyKey: `redeem-${marker}` } });
  await prisma.loyaltyRedemption.create({ data: { workspaceId, accountId: account.id, rewardId: reward.id, transactionId: spent.id, code: marker } });
  await prisma.loyaltyTierChange.create({ data: { workspaceId, accountId: account.id, toTierId: tier.id, reason: 'joined' } });

  const journey = await prisma.journey.create({ data: { workspaceId, name: `Welcome ${counter}`, status: 'active' } });
  const version = await prisma.journeyVersion.create({ data: { workspaceId, journeyId: journey.id, version: 1, graph: {}, plan: {}, publishedAt: now } });
  const enrollment = await prisma.journeyEnrollment.create({
    data: { ...owned, journeyId: journey.id, journeyVersionId: version.id, workflowId: `journey-${journey.id}-${contactId}`, runId: `run-${marker}`, status: 'completed', endedAt: now },
  });
  await prisma.nodeExecution.create({ data: { workspaceId, enrollmentId: enrollment.id, journeyVersionId: version.id, nodeId: 'hello', status: 'completed', outcome: 'sent' } });
  const communication = await prisma.communication.create({
    data: { ...owned, channel: 'email', status: 'delivered', toAddress: email, subject: `Hello ${marker}`, journeyId: journey.id, enrollmentId: enrollment.id, nodeId: 'hello', provider: 'outbox', providerMessageId: `<${marker}@outbox>`, idempotencyKey: `send-${marker}`, sentAt: now },
  });
  await prisma.communicationStatusChange.create({ data: { communicationId: communication.id, status: 'delivered', detail: { to: email } } });
  await prisma.localOutboxMessage.create({ data: { workspaceId, channel: 'email', toAddress: email, subject: `Hello ${marker}`, body: `<p>Hello ${marker}</p>`, messageId: `<${marker}@outbox>` } });
  await prisma.outboxEntry.create({ data: { workspaceId, topic: 'contact.attribute_changed', payload: { contactId, field: 'email', from: null, to: email } } });
  return { workspaceId, contactId, email, phone, marker };
}

/** Every table of the schema with a contact_id column, from the catalogue. */
export async function contactIdTables(db: Database): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name::text AS table_name FROM information_schema.columns
    WHERE column_name = 'contact_id' AND table_schema = current_schema() ORDER BY table_name`;
  return rows.map((row) => row.table_name);
}

/** Rows per table whose contact_id is the given one (only tables that have some). */
export async function rowsReferencing(db: Database, contactId: string): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of await contactIdTables(db)) {
    const [row] = await db.prisma.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${quotedIdentifier(table)} WHERE contact_id = $1::uuid`, contactId);
    if (row && row.count > 0) found[table] = row.count;
  }
  return found;
}

/**
 * Where in the whole database a string still occurs: every text, character, array and JSON
 * column of every table is searched (case-insensitively), whatever the schema adds later.
 * Returns "table.column" for each column that holds it.
 */
export async function whereTextOccurs(db: Database, needle: string): Promise<string[]> {
  const columns = await db.prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT c.table_name::text AS table_name, c.column_name::text AS column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
    ORDER BY c.table_name, c.column_name`;
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [row] = await db.prisma.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${quotedIdentifier(table)} WHERE strpos(lower(${quotedIdentifier(column)}::text), lower($1)) > 0`,
      needle,
    );
    if (row && row.count > 0) found.push(`${table}.${column}`);
  }
  return found;
}
