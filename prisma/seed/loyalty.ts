import type { Faker } from '@faker-js/faker';
import type { Prisma } from '../generated/client';
import type { ContactHistory } from './contact-history';
import { addMonths } from './time';

export const LOYALTY_TIERS = [
  { name: 'Bronze', rank: 1, threshold: 0, multiplier: 1, benefits: ['Birthday treat'] },
  { name: 'Silver', rank: 2, threshold: 1_000, multiplier: 1.1, benefits: ['Birthday treat', 'Free shipping'] },
  { name: 'Gold', rank: 3, threshold: 5_000, multiplier: 1.25, benefits: ['Birthday treat', 'Free shipping', 'Early access'] },
  { name: 'Platinum', rank: 4, threshold: 15_000, multiplier: 1.5, benefits: ['Birthday treat', 'Free shipping', 'Early access', 'Tasting events'] },
  { name: 'Diamond', rank: 5, threshold: 40_000, multiplier: 2, benefits: ['Birthday treat', 'Free shipping', 'Early access', 'Tasting events', 'Roaster visit'] },
] as const;

export const LOYALTY_REWARDS = [
  { name: '$5 off', description: 'Five dollars off your next order', costPoints: 500 },
  { name: 'Free bag of beans', description: 'Any 250 g bag from the current roast', costPoints: 1_200 },
  { name: 'Brewing class', description: 'A seat at a monthly brewing class', costPoints: 4_000 },
] as const;

const POINTS_EXPIRE_AFTER_MONTHS = 24;

export interface LoyaltyRows {
  readonly accounts: Prisma.LoyaltyAccountCreateManyInput[];
  readonly transactions: Prisma.LoyaltyTransactionCreateManyInput[];
  readonly redemptions: Prisma.LoyaltyRedemptionCreateManyInput[];
}

export interface LoyaltyContext {
  readonly workspaceId: string;
  readonly programId: string;
  readonly tierIdsByRank: ReadonlyMap<number, string>;
  readonly rewardIds: readonly string[];
}

/**
 * One account per buyer: a point per dollar on every paid order, and the occasional
 * redemption, so balances, tiers and the ledger agree the way the live engine keeps them.
 */
export function buildLoyalty(faker: Faker, context: LoyaltyContext, history: ContactHistory): LoyaltyRows {
  const rows: LoyaltyRows = { accounts: [], transactions: [], redemptions: [] };
  if (history.paidOrders.length === 0 || typeof history.contact.id !== 'string') return rows;
  const { workspaceId } = context;
  const accountId = faker.string.uuid();
  let balance = 0;
  let lifetime = 0;
  for (const order of history.paidOrders) {
    const points = Math.floor(order.amountCents / 100);
    balance += points;
    lifetime += points;
    rows.transactions.push({
      workspaceId,
      accountId,
      type: 'earned',
      points,
      balanceAfter: balance,
      reason: 'order',
      orderId: order.id,
      idempotencyKey: `order:${order.id}:earn`,
      expiresAt: addMonths(order.placedAt, POINTS_EXPIRE_AFTER_MONTHS),
      occurredAt: order.placedAt,
    });
    const cheapest = LOYALTY_REWARDS[0];
    const rewardId = context.rewardIds[0];
    if (rewardId && balance >= cheapest.costPoints && faker.datatype.boolean(0.25)) {
      const transactionId = faker.string.uuid();
      balance -= cheapest.costPoints;
      const redeemedAt = new Date(order.placedAt.getTime() + 3_600_000);
      rows.transactions.push({
        id: transactionId,
        workspaceId,
        accountId,
        type: 'redeemed',
        points: -cheapest.costPoints,
        balanceAfter: balance,
        reason: `reward: ${cheapest.name}`,
        idempotencyKey: `redemption:${transactionId}`,
        occurredAt: redeemedAt,
      });
      rows.redemptions.push({
        workspaceId,
        accountId,
        rewardId,
        transactionId,
        status: 'fulfilled',
        code: faker.string.alphanumeric({ length: 8, casing: 'upper' }),
        createdAt: redeemedAt,
        fulfilledAt: redeemedAt,
      });
    }
  }
  const tierRank = [...LOYALTY_TIERS].reverse().find((tier) => lifetime >= tier.threshold)?.rank ?? 1;
  rows.accounts.push({
    id: accountId,
    workspaceId,
    programId: context.programId,
    contactId: history.contact.id,
    tierId: context.tierIdsByRank.get(tierRank) ?? null,
    balance,
    lifetimePoints: lifetime,
  });
  return rows;
}
