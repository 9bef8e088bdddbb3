import { earnPoints, ledgerBalanceMismatches, LoyaltyRewardNotFoundError, redeemReward, type RewardRedemption } from '../../../../engine/crm/loyalty';
import type { Database } from '../../../../engine/db';
import type { Prisma } from '../../../../prisma/generated/client';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { at, createLoyaltyWorld, type LoyaltyWorld } from './fixtures';

const NOW = at('2026-03-01T12:00:00Z');
const CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

const outcomesOf = (results: readonly RewardRedemption[]): Record<string, number> =>
  results.reduce<Record<string, number>>((counts, result) => ({ ...counts, [result.outcome]: (counts[result.outcome] ?? 0) + 1 }), {});

describe.each(databaseKinds)('redeeming rewards on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  async function memberWithPoints(world: LoyaltyWorld, name: string, points: number): Promise<void> {
    await world.contact(name);
    await earnPoints(db.prisma, { workspaceId: world.workspaceId, programId: world.programId, contactId: world.id(name), points, reason: 'seed', idempotencyKey: world.key(), now: at('2026-01-01T12:00:00Z') });
  }
  async function reward(world: LoyaltyWorld, data: Omit<Prisma.LoyaltyRewardCreateManyInput, 'programId' | 'name'>): Promise<string> {
    return (await db.prisma.loyaltyReward.create({ data: { programId: world.programId, name: `reward-${world.key()}`, ...data }, select: { id: true } })).id;
  }
  const redeem = (world: LoyaltyWorld, name: string, rewardId: string, now = NOW, idempotencyKey = world.key()) =>
    redeemReward(db.prisma, { workspaceId: world.workspaceId, contactId: world.id(name), rewardId, idempotencyKey, now });
  const stockOf = async (rewardId: string) => (await db.prisma.loyaltyReward.findUniqueOrThrow({ where: { id: rewardId } })).stock;

  it('takes a unit and the points, writes the ledger row and a pending redemption with a code, once per key', async () => {
    const world = await createLoyaltyWorld(db);
    await memberWithPoints(world, 'ada', 500);
    const mug = await reward(world, { costPoints: 200, stock: 5 });
    const redeemed = await redeem(world, 'ada', mug, NOW, 'claim-1');
    expect(redeemed).toMatchObject({ outcome: 'redeemed', balance: 300, replayed: false, code: expect.stringMatching(CODE) });
    if (redeemed.outcome !== 'redeemed') throw new Error('expected a redemption');
    expect(await stockOf(mug)).toBe(4);
    const redemption = await db.prisma.loyaltyRedemption.findUniqueOrThrow({ where: { id: redeemed.redemptionId }, include: { transaction: true } });
    expect(redemption).toMatchObject({ status: 'pending', code: redeemed.code, rewardId: mug, workspaceId: world.workspaceId, createdAt: NOW });
    expect(redemption.transaction).toMatchObject({ type: 'redeemed', points: -200, balanceAfter: 300, idempotencyKey: 'claim-1', occurredAt: NOW });
    expect(await world.grants('ada')).toEqual([[500, 300]]);
    // The same request again: the same redemption, nothing taken twice.
    expect(await redeem(world, 'ada', mug, NOW, 'claim-1')).toEqual({ ...redeemed, replayed: true });
    expect(await stockOf(mug)).toBe(4);
    expect(await world.account('ada')).toMatchObject({ balance: 300 });
    expect(await db.prisma.loyaltyRedemption.count({ where: { workspaceId: world.workspaceId } })).toBe(1);
  });

  it('refuses without changing anything when points are short or stock is out', async () => {
    const world = await createLoyaltyWorld(db);
    await memberWithPoints(world, 'ada', 100);
    await world.contact('newcomer');
    const pricey = await reward(world, { costPoints: 150, stock: 3 });
    expect(await redeem(world, 'ada', pricey)).toEqual({ outcome: 'insufficient_points' });
    expect(await redeem(world, 'newcomer', pricey)).toEqual({ outcome: 'insufficient_points' });
    expect(await stockOf(pricey)).toBe(3);
    const soldOut = await reward(world, { costPoints: 10, stock: 0 });
    expect(await redeem(world, 'ada', soldOut)).toEqual({ outcome: 'out_of_stock' });
    expect(await world.account('ada')).toMatchObject({ balance: 100 });
    expect(await world.ledger('ada')).toEqual([['earned', 100, 100]]);
    expect(await db.prisma.loyaltyAccount.count({ where: { contactId: world.id('newcomer') } })).toBe(0);
    // Unlimited stock stays unlimited.
    const unlimited = await reward(world, { costPoints: 10, stock: null });
    expect(await redeem(world, 'ada', unlimited)).toMatchObject({ outcome: 'redeemed', balance: 90 });
    expect(await stockOf(unlimited)).toBeNull();
  });

  it('offers a reward only while it and its program are active and within its (inclusive) validity', async () => {
    const world = await createLoyaltyWorld(db);
    await memberWithPoints(world, 'ada', 1000);
    const window = { costPoints: 10, validFrom: at('2026-03-01T00:00:00Z'), validUntil: at('2026-03-31T23:59:59Z') };
    const seasonal = await reward(world, window);
    expect(await redeem(world, 'ada', seasonal, at('2026-02-28T23:59:59Z'))).toEqual({ outcome: 'not_available' });
    expect(await redeem(world, 'ada', seasonal, at('2026-04-01T00:00:00Z'))).toEqual({ outcome: 'not_available' });
    expect(await redeem(world, 'ada', seasonal, at('2026-03-01T00:00:00Z'))).toMatchObject({ outcome: 'redeemed' });
    expect(await redeem(world, 'ada', seasonal, at('2026-03-31T23:59:59Z'))).toMatchObject({ outcome: 'redeemed' });
    const retired = await reward(world, { costPoints: 10, active: false });
    expect(await redeem(world, 'ada', retired)).toEqual({ outcome: 'not_available' });
    const open = await reward(world, { costPoints: 10 });
    await db.prisma.loyaltyProgram.update({ where: { id: world.programId }, data: { active: false } });
    expect(await redeem(world, 'ada', open)).toEqual({ outcome: 'not_available' });
    expect(await world.account('ada')).toMatchObject({ balance: 980 });
  });

  it('treats another workspace’s reward as not found', async () => {
    const world = await createLoyaltyWorld(db);
    const other = await createLoyaltyWorld(db);
    await memberWithPoints(world, 'ada', 100);
    const theirs = await reward(other, { costPoints: 10 });
    await expect(redeem(world, 'ada', theirs)).rejects.toThrow(new LoyaltyRewardNotFoundError(theirs));
    expect(await stockOf(theirs)).toBeNull();
  });

  it('20 concurrent redemptions over a balance that covers 3: exactly 3 succeed, never below zero', async () => {
    const world = await createLoyaltyWorld(db);
    await memberWithPoints(world, 'ada', 350);
    const voucher = await reward(world, { costPoints: 100 });
    const results = await Promise.all(Array.from({ length: 20 }, () => redeem(world, 'ada', voucher)));
    expect(outcomesOf(results)).toEqual({ redeemed: 3, insufficient_points: 17 });
    expect(await world.account('ada')).toMatchObject({ balance: 50 });
    expect(await db.prisma.loyaltyRedemption.count({ where: { workspaceId: world.workspaceId } })).toBe(3);
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([]);
  });

  it('a stock of 2 with 10 concurrent redemptions by different members: exactly 2 succeed', async () => {
    const world = await createLoyaltyWorld(db);
    const names = Array.from({ length: 10 }, (_, index) => `member-${index}`);
    for (const name of names) await memberWithPoints(world, name, 1000);
    const limited = await reward(world, { costPoints: 100, stock: 2 });
    const results = await Promise.all(names.map((name) => redeem(world, name, limited)));
    expect(outcomesOf(results)).toEqual({ redeemed: 2, out_of_stock: 8 });
    expect(await stockOf(limited)).toBe(0);
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([]);
  });

  it('a unit taken by a request the balance then refuses goes back to the stock', async () => {
    const world = await createLoyaltyWorld(db);
    await memberWithPoints(world, 'ada', 150);
    const limited = await reward(world, { costPoints: 100, stock: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => redeem(world, 'ada', limited)));
    expect(outcomesOf(results)).toEqual({ redeemed: 1, insufficient_points: 9 });
    expect(await stockOf(limited)).toBe(2);
    expect(await world.account('ada')).toMatchObject({ balance: 50 });
  });
});
