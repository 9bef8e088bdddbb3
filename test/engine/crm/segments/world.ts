import type { Database } from '../../../../engine/db';
import type { CompileContext } from '../../../../engine/crm/segments/compile';
import type { Prisma } from '../../../../prisma/generated/client';

export const NOW = new Date('2026-06-30T12:00:00Z');
export const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);

export interface World {
  readonly context: CompileContext;
  /** Contact ids by fixture name. */
  readonly ids: Record<string, string>;
  /** Fixture names by contact id. */
  readonly names: (ids: readonly string[]) => string[];
}

type ContactSeed = Omit<Prisma.ContactCreateManyInput, 'workspaceId'> & { name: string };

/**
 * A small workspace whose contacts each exercise a few conditions; tests read membership
 * back as fixture names, so expectations read like the criteria.
 */
export async function buildWorld(db: Database, slug = 'segments'): Promise<World> {
  const { prisma } = db;
  const workspace = await prisma.workspace.create({ data: { name: slug, slug, currency: 'EUR' } });
  const workspaceId = workspace.id;
  const contacts: ContactSeed[] = [
    { name: 'ada', email: 'ada@example.com', firstName: 'Ada', company: 'Analytical Engines', status: 'vip', tags: ['beta', 'espresso'], attributes: { plan: 'pro', seats: 12, renewal: '2026-07-10', vip: true }, createdAt: daysAgo(400) },
    { name: 'bob', email: 'bob@example.com', firstName: 'Bob', status: 'active', tags: ['filter'], attributes: { plan: 'free', seats: 'many' }, createdAt: daysAgo(20) },
    { name: 'cyd', email: 'cyd@example.org', firstName: 'Cyd', status: 'at_risk', tags: [], attributes: { seats: 3, renewal: 'not a date' }, createdAt: daysAgo(200), lifecycleStage: 'at_risk' },
    { name: 'dee', phone: '+14155550100', firstName: 'Dee', status: 'active', tags: ['espresso'], attributes: {}, createdAt: daysAgo(5), journeyStage: 'consideration' },
    { name: 'eve', email: 'eve@example.com', status: 'lost', doNotContact: true, tags: [], attributes: { plan: null }, createdAt: daysAgo(800), lifecycleStage: 'churned' },
  ];
  const ids: Record<string, string> = {};
  for (const { name, ...data } of contacts) ids[name] = (await prisma.contact.create({ data: { workspaceId, ...data }, select: { id: true } })).id;
  const id = (name: string): string => {
    const value = ids[name];
    if (!value) throw new Error(`no fixture contact ${name}`);
    return value;
  };

  const order = (name: string, amount: number, days: number, extra: Partial<Prisma.OrderCreateManyInput> = {}): Prisma.OrderCreateManyInput => ({
    workspaceId, contactId: id(name), status: 'fulfilled', currency: 'EUR', amount, placedAt: daysAgo(days), ...extra,
  });
  await prisma.order.createMany({
    data: [
      order('ada', 120, 3), order('ada', 80, 40), order('ada', 300, 200),
      order('bob', 25, 10),
      order('cyd', 60, 120), order('cyd', 1000, 130, { status: 'refunded' }), order('cyd', 500, 5, { currency: 'USD' }),
    ],
  });
  let message = 0;
  const event = (name: string, eventName: string, days: number, properties: Prisma.InputJsonObject = {}): Prisma.EventCreateManyInput => ({
    workspaceId, contactId: id(name), name: eventName, properties, messageId: `m-${(message += 1)}`, occurredAt: daysAgo(days),
  });
  await prisma.event.createMany({
    data: [
      event('ada', 'Viewed Product', 1, { category: 'beans', price: 14 }), event('ada', 'Viewed Product', 2, { category: 'grinders', price: 120 }),
      event('ada', 'Viewed Product', 50, { category: 'beans', price: 12 }),
      event('bob', 'Viewed Product', 3, { category: 'beans', price: 9, origin: { country: 'Kenya' } }), event('bob', 'Added to Cart', 3, { sku: 'KEN-250' }),
      event('cyd', 'Added to Cart', 95, { sku: 'ETH-250' }),
      event('dee', 'Email Opened', 1),
    ],
  });
  await prisma.consent.createMany({
    data: [
      { workspaceId, contactId: id('ada'), channel: 'email', messageType: 'marketing', status: 'granted', source: 'signup_form' },
      { workspaceId, contactId: id('bob'), channel: 'email', messageType: 'marketing', status: 'withdrawn', source: 'unsubscribe_link' },
      { workspaceId, contactId: id('dee'), channel: 'sms', messageType: 'marketing', status: 'pending', source: 'checkout' },
    ],
  });
  await prisma.leadScore.create({ data: { workspaceId, contactId: id('bob'), score: 72, fitScore: 40, behaviourScore: 90, engagementScore: 60, qualification: 'mql', computedAt: NOW } });
  await prisma.rfmScore.create({ data: { workspaceId, contactId: id('ada'), recency: 5, frequency: 2, monetary: 1, segmentLabel: 'potential_loyalists', orderCount: 3, totalSpend: 500, computedAt: NOW } });
  const program = await prisma.loyaltyProgram.create({ data: { workspaceId, name: 'Beans club' } });
  const gold = await prisma.loyaltyTier.create({ data: { programId: program.id, name: 'Gold', rank: 3, threshold: 1000 } });
  await prisma.loyaltyAccount.create({ data: { workspaceId, programId: program.id, contactId: id('ada'), tierId: gold.id, balance: 750, lifetimePoints: 2400 } });
  await prisma.loyaltyAccount.create({ data: { workspaceId, programId: program.id, contactId: id('bob'), balance: 20, lifetimePoints: 20 } });

  const byId = new Map(Object.entries(ids).map(([name, contactId]) => [contactId, name]));
  return {
    context: { workspaceId, now: NOW, currency: 'EUR' },
    ids,
    names: (contactIds) => contactIds.map((contactId) => byId.get(contactId) ?? contactId).sort(),
  };
}
