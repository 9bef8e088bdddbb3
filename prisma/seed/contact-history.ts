import type { Faker } from '@faker-js/faker';
import type { ContactStatus, LifecycleStage, OrderStatus, Prisma } from '../generated/client';
import type { Product } from './catalogue';
import type { ContactProfile } from './contact-profile';
import { PERSONAS, type Persona } from './personas';
import { centsToDecimal, daysBefore, daysBetween, latest } from './time';

/** Everything one demo contact contributes to the database, as rows ready for createMany. */
export interface ContactHistory {
  readonly contact: Prisma.ContactCreateManyInput;
  readonly orders: Prisma.OrderCreateManyInput[];
  readonly orderItems: Prisma.OrderItemCreateManyInput[];
  readonly events: Prisma.EventCreateManyInput[];
  readonly consents: Prisma.ConsentCreateManyInput[];
  readonly consentEvents: Prisma.ConsentEventCreateManyInput[];
  readonly stageChanges: Prisma.LifecycleStageChangeCreateManyInput[];
  /** Paid orders, for loyalty points: id, amount in cents, placed at. */
  readonly paidOrders: { readonly id: string; readonly amountCents: number; readonly placedAt: Date }[];
}

export interface HistoryContext {
  readonly workspaceId: string;
  readonly now: Date;
  readonly catalogue: readonly Product[];
  readonly profile: ContactProfile;
  readonly persona: Persona;
}

export function buildContactHistory(faker: Faker, context: HistoryContext): ContactHistory {
  const { workspaceId, now, profile, persona } = context;
  const shape = PERSONAS[persona];
  const contactId = faker.string.uuid();
  // Lapsed buyers must have joined before they stopped buying.
  const createdAt = daysBefore(now, faker.number.int({ min: Math.max(shape.activeDaysAgo[0] + 30, 1), max: 730 }));
  const orderWindowStart = Math.min(daysBetween(createdAt, now), shape.activeDaysAgo[1]);
  const orderCount = faker.number.int({ min: shape.orders[0], max: shape.orders[1] });
  const orderDates = Array.from({ length: orderCount }, () =>
    daysBefore(now, faker.number.float({ min: shape.activeDaysAgo[0], max: Math.max(orderWindowStart, shape.activeDaysAgo[0]) })),
  ).sort((a, b) => a.getTime() - b.getTime());

  const orders: Prisma.OrderCreateManyInput[] = [];
  const orderItems: Prisma.OrderItemCreateManyInput[] = [];
  const paidOrders: ContactHistory['paidOrders'][number][] = [];
  const events: Prisma.EventCreateManyInput[] = [];
  const event = (name: string, occurredAt: Date, properties: Prisma.InputJsonObject, channel = 'web'): void => {
    events.push({ id: faker.string.uuid(), workspaceId, contactId, name, properties, channel, messageId: faker.string.uuid(), occurredAt });
  };

  orderDates.forEach((placedAt, index) => {
    const orderId = faker.string.uuid();
    const lines = faker.helpers.arrayElements(context.catalogue, { min: 1, max: 4 });
    let subtotal = 0;
    let cost = 0;
    for (const product of lines) {
      const quantity = faker.number.int({ min: shape.quantity[0], max: shape.quantity[1] });
      // Trade accounts buy at a wholesale discount.
      const unitPrice = persona === 'trade_account' ? Math.round(product.priceCents * 0.7) : product.priceCents;
      subtotal += unitPrice * quantity;
      cost += product.costCents * quantity;
      orderItems.push({
        id: faker.string.uuid(),
        orderId,
        sku: product.sku,
        name: product.name,
        category: product.category,
        quantity,
        unitPrice: centsToDecimal(unitPrice),
        unitCost: centsToDecimal(product.costCents),
      });
    }
    const discount = faker.datatype.boolean(0.15) ? Math.round(subtotal * 0.1) : 0;
    const amount = subtotal - discount;
    const status = orderStatus(faker, daysBetween(placedAt, now));
    orders.push({
      id: orderId,
      workspaceId,
      contactId,
      externalId: `${profile.externalId}-ord-${index + 1}`,
      status,
      currency: 'USD',
      amount: centsToDecimal(amount),
      cost: centsToDecimal(cost),
      discount: centsToDecimal(discount),
      placedAt,
    });
    if (status === 'paid' || status === 'fulfilled') paidOrders.push({ id: orderId, amountCents: amount, placedAt });
    event('Order Completed', placedAt, { orderId, amount: amount / 100, currency: 'USD', itemCount: lines.length });
  });

  const lastOrderAt = orderDates.at(-1) ?? null;
  // Lapsed buyers drift away: their browsing stops a few weeks after their last order.
  const activityEnd = persona === 'lapsed' && lastOrderAt ? new Date(Math.min(now.getTime(), lastOrderAt.getTime() + 45 * 86_400_000)) : now;
  const behaviouralEvents = faker.number.int({ min: shape.events[0], max: shape.events[1] });
  for (let n = 0; n < behaviouralEvents; n += 1) {
    const occurredAt = faker.date.between({ from: createdAt, to: activityEnd });
    const product = faker.helpers.arrayElement(context.catalogue);
    const kind = faker.helpers.weightedArrayElement([
      { value: 'Session Started', weight: 25 },
      { value: 'Product Viewed', weight: 35 },
      { value: 'Added to Cart', weight: 12 },
      { value: 'Email Opened', weight: 18 },
      { value: 'Email Clicked', weight: 7 },
      { value: 'Store Visit', weight: 3 },
    ]);
    if (kind === 'Session Started') event(kind, occurredAt, { device: faker.helpers.arrayElement(['mobile', 'desktop', 'tablet']) });
    else if (kind === 'Email Opened' || kind === 'Email Clicked')
      event(kind, occurredAt, { campaign: faker.helpers.arrayElement(['weekly-roast', 'new-arrivals', 'holiday-gifts']) }, 'email');
    else if (kind === 'Store Visit') event(kind, occurredAt, { store: faker.helpers.arrayElement(['Brooklyn', 'Shoreditch', 'Mitte']) }, 'pos');
    else event(kind, occurredAt, { sku: product.sku, name: product.name, category: product.category, price: product.priceCents / 100 });
  }

  const lastSeenAt = latest(events.map((row) => new Date(row.occurredAt)), createdAt);
  const totalSpendCents = paidOrders.reduce((sum, order) => sum + order.amountCents, 0);
  const status = contactStatus(persona, lastOrderAt, lastSeenAt, totalSpendCents, now);
  const lifecycleStage = stageFor(persona, orderCount, status);
  const consentRows = buildConsents(faker, { workspaceId, contactId, createdAt, now, hasPhone: profile.phone !== null, hasOrders: orderCount > 0 });

  return {
    contact: {
      id: contactId,
      workspaceId,
      ...profile,
      status,
      lifecycleStage,
      preferredChannel: profile.phone && faker.datatype.boolean(0.2) ? 'sms' : 'email',
      doNotContact: faker.datatype.boolean(0.01),
      createdAt,
      updatedAt: lastSeenAt,
      lastSeenAt,
    },
    orders,
    orderItems,
    events,
    ...consentRows,
    stageChanges:
      lifecycleStage === 'prospect'
        ? []
        : [
            {
              workspaceId,
              contactId,
              fromStage: 'prospect',
              toStage: lifecycleStage,
              reason: 'derived from order and engagement history at import',
              source: 'import',
              occurredAt: lastOrderAt ?? lastSeenAt,
            },
          ],
    paidOrders,
  };
}

function orderStatus(faker: Faker, ageDays: number): OrderStatus {
  if (ageDays < 2) return faker.helpers.arrayElement<OrderStatus>(['pending', 'paid']);
  if (ageDays < 5) return 'paid';
  return faker.helpers.weightedArrayElement<OrderStatus>([
    { value: 'fulfilled', weight: 94 },
    { value: 'refunded', weight: 4 },
    { value: 'cancelled', weight: 2 },
  ]);
}

function contactStatus(persona: Persona, lastOrderAt: Date | null, lastSeenAt: Date, spendCents: number, now: Date): ContactStatus {
  if (!lastOrderAt) return daysBetween(lastSeenAt, now) > 180 ? 'inactive' : 'active';
  const idleDays = daysBetween(lastOrderAt, now);
  if (idleDays > 365) return 'lost';
  if (idleDays > 150 && persona !== 'trade_account') return 'at_risk';
  if (spendCents > 150_000) return 'vip';
  return 'active';
}

function stageFor(persona: Persona, orderCount: number, status: ContactStatus): LifecycleStage {
  if (orderCount === 0) return 'prospect';
  if (status === 'lost') return 'churned';
  if (status === 'at_risk') return 'at_risk';
  if (status === 'inactive') return 'inactive';
  if (persona === 'loyal' && orderCount >= 8) return 'loyal';
  return orderCount >= 2 ? 'active' : 'new_customer';
}

interface ConsentContext {
  readonly workspaceId: string;
  readonly contactId: string;
  readonly createdAt: Date;
  readonly now: Date;
  readonly hasPhone: boolean;
  readonly hasOrders: boolean;
}

/** Current consent plus the history that proves it (a grant, and for some a later withdrawal). */
function buildConsents(faker: Faker, context: ConsentContext): Pick<ContactHistory, 'consents' | 'consentEvents'> {
  const consents: Prisma.ConsentCreateManyInput[] = [];
  const consentEvents: Prisma.ConsentEventCreateManyInput[] = [];
  const { workspaceId, contactId, createdAt, now } = context;
  const record = (
    channel: 'email' | 'sms',
    messageType: 'marketing' | 'transactional',
    grantSource: string,
    withdrawSource: string | null,
  ): void => {
    consentEvents.push({ workspaceId, contactId, channel, messageType, status: 'granted', source: grantSource, ipAddress: faker.internet.ipv4(), occurredAt: createdAt });
    let status: 'granted' | 'withdrawn' = 'granted';
    let updatedAt = createdAt;
    let source = grantSource;
    if (withdrawSource) {
      status = 'withdrawn';
      updatedAt = faker.date.between({ from: createdAt, to: now });
      source = withdrawSource;
      consentEvents.push({ workspaceId, contactId, channel, messageType, status, source, occurredAt: updatedAt });
    }
    consents.push({ workspaceId, contactId, channel, messageType, status, source, updatedAt });
  };

  const emailChoice = faker.helpers.weightedArrayElement([
    { value: 'granted', weight: 72 },
    { value: 'withdrawn', weight: 10 },
    { value: 'never_asked', weight: 18 },
  ]);
  if (emailChoice !== 'never_asked') record('email', 'marketing', 'signup_form', emailChoice === 'withdrawn' ? 'unsubscribe_link' : null);
  if (context.hasOrders) record('email', 'transactional', 'checkout', null);
  if (context.hasPhone && faker.datatype.boolean(0.45)) record('sms', 'marketing', 'checkout', faker.datatype.boolean(0.1) ? 'sms_stop' : null);
  return { consents, consentEvents };
}
