import {
  adjustPoints,
  earnPoints,
  IdempotencyKeyReusedError,
  InvalidLoyaltyPointsError,
  ledgerBalanceMismatches,
  LoyaltyProgramInactiveError,
  redeemPoints,
} from '../../../../engine/crm/loyalty';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { at, createLoyaltyWorld, type LoyaltyWorld } from './fixtures';

describe.each(databaseKinds)('redeeming and adjusting loyalty points on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  const movement = (world: LoyaltyWorld, name: string, points: number, now: Date, idempotencyKey = world.key()) => ({
    workspaceId: world.workspaceId,
    programId: world.programId,
    contactId: world.id(name),
    points,
    reason: 'test',
    idempotencyKey,
    now,
  });
  const earn = (world: LoyaltyWorld, name: string, points: number, now: Date) => earnPoints(db.prisma, movement(world, name, points, now));
  const redeem = (world: LoyaltyWorld, name: string, points: number, now: Date, key?: string) => redeemPoints(db.prisma, movement(world, name, points, now, key));
  const adjust = (world: LoyaltyWorld, name: string, points: number, now: Date, key?: string) => adjustPoints(db.prisma, movement(world, name, points, now, key));

  it('spends only what the balance covers, from the grants that expire soonest', async () => {
    const world = await createLoyaltyWorld(db, { program: { pointsExpireAfterMonths: 6 } });
    await world.contact('ada');
    await world.contact('bob');
    await earn(world, 'ada', 100, at('2025-07-15T12:00:00Z'));
    await earn(world, 'ada', 50, at('2025-09-15T12:00:00Z'));
    expect(await redeem(world, 'ada', 151, at('2025-10-01T12:00:00Z'))).toEqual({ outcome: 'insufficient' });
    expect(await redeem(world, 'ada', 120, at('2025-10-01T12:00:00Z'))).toMatchObject({ outcome: 'done', balance: 30, replayed: false });
    expect(await world.grants('ada')).toEqual([[100, 0], [50, 30]]);
    expect(await redeem(world, 'ada', 30, at('2025-10-02T12:00:00Z'))).toMatchObject({ outcome: 'done', balance: 0 });
    expect(await world.grants('ada')).toEqual([[100, 0], [50, 0]]);
    // Never had an account: nothing to spend, and none is created.
    expect(await redeem(world, 'bob', 1, at('2025-10-01T12:00:00Z'))).toEqual({ outcome: 'insufficient' });
    expect(await db.prisma.loyaltyAccount.count({ where: { contactId: world.id('bob') } })).toBe(0);
    expect(await world.ledger('ada')).toEqual([['earned', 100, 100], ['earned', 50, 150], ['redeemed', -120, 30], ['redeemed', -30, 0]]);
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([]);
  });

  it('spends grants that never expire last', async () => {
    const world = await createLoyaltyWorld(db, { program: { pointsExpireAfterMonths: 6 } });
    await world.contact('ada');
    await adjust(world, 'ada', 40, at('2025-07-01T12:00:00Z'));
    await earn(world, 'ada', 100, at('2025-08-01T12:00:00Z'));
    await redeem(world, 'ada', 110, at('2025-09-01T12:00:00Z'));
    const rows = await db.prisma.loyaltyTransaction.findMany({ where: { workspaceId: world.workspaceId, remaining: { not: null } }, orderBy: { occurredAt: 'asc' }, select: { type: true, remaining: true } });
    expect(rows).toEqual([{ type: 'adjusted', remaining: 30 }, { type: 'earned', remaining: 0 }]);
  });

  it('is idempotent by key; an insufficient answer is not remembered', async () => {
    const world = await createLoyaltyWorld(db);
    await world.contact('ada');
    await earn(world, 'ada', 100, at('2026-01-01T12:00:00Z'));
    const first = await redeem(world, 'ada', 60, at('2026-01-02T12:00:00Z'), 'step-1');
    expect(await redeem(world, 'ada', 60, at('2026-01-03T12:00:00Z'), 'step-1')).toEqual({ ...first, replayed: true });
    expect(await redeem(world, 'ada', 60, at('2026-01-03T12:00:00Z'), 'step-2')).toEqual({ outcome: 'insufficient' });
    await earn(world, 'ada', 100, at('2026-01-04T12:00:00Z'));
    expect(await redeem(world, 'ada', 60, at('2026-01-05T12:00:00Z'), 'step-2')).toMatchObject({ outcome: 'done', balance: 80, replayed: false });
    // A key used by an adjustment is not a redemption's.
    await adjust(world, 'ada', 5, at('2026-01-06T12:00:00Z'), 'step-3');
    await expect(redeem(world, 'ada', 5, at('2026-01-06T12:00:00Z'), 'step-3')).rejects.toThrow(IdempotencyKeyReusedError);
    expect((await world.account('ada')).balance).toBe(85);
  });

  it('concurrent redemptions never take the balance below zero', async () => {
    const world = await createLoyaltyWorld(db);
    await world.contact('ada');
    await earn(world, 'ada', 250, at('2026-01-01T12:00:00Z'));
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => redeem(world, 'ada', 100, at('2026-01-02T12:00:00Z'))));
    expect(outcomes.filter((result) => result.outcome === 'done')).toHaveLength(2);
    expect(await world.account('ada')).toMatchObject({ balance: 50 });
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([]);
  });

  it('adjusts: a credit is spendable, never expires and is not earned; a debit takes at most the balance', async () => {
    const world = await createLoyaltyWorld(db, { program: { pointsExpireAfterMonths: 6 } });
    await world.contact('ada');
    await earn(world, 'ada', 30, at('2026-01-01T12:00:00Z'));
    expect(await adjust(world, 'ada', 20, at('2026-01-02T12:00:00Z'))).toMatchObject({ points: 20, balance: 50 });
    expect(await world.account('ada')).toEqual({ balance: 50, lifetimePoints: 30, tier: null });
    const credit = await db.prisma.loyaltyTransaction.findFirstOrThrow({ where: { workspaceId: world.workspaceId, type: 'adjusted' } });
    expect(credit).toMatchObject({ points: 20, remaining: 20, expiresAt: null });
    // −70 on a balance of 50 takes 50: the earned grant (expires first) then the credit.
    expect(await adjust(world, 'ada', -70, at('2026-01-03T12:00:00Z'), 'fix-1')).toMatchObject({ points: -50, balance: 0, replayed: false });
    expect(await adjust(world, 'ada', -70, at('2026-01-03T12:00:00Z'), 'fix-1')).toMatchObject({ points: -50, balance: 0, replayed: true });
    expect(await adjust(world, 'ada', -10, at('2026-01-04T12:00:00Z'))).toMatchObject({ points: 0, balance: 0 });
    expect(await world.ledger('ada')).toEqual([['earned', 30, 30], ['adjusted', 20, 50], ['adjusted', -50, 0], ['adjusted', 0, 0]]);
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([]);
    await expect(adjust(world, 'ada', 0, at('2026-01-04T12:00:00Z'))).rejects.toThrow(InvalidLoyaltyPointsError);
    // Corrections stay possible on an inactive program; spending does not.
    await db.prisma.loyaltyProgram.update({ where: { id: world.programId }, data: { active: false } });
    expect(await adjust(world, 'ada', 5, at('2026-01-05T12:00:00Z'))).toMatchObject({ balance: 5 });
    await expect(redeem(world, 'ada', 5, at('2026-01-05T12:00:00Z'))).rejects.toThrow(LoyaltyProgramInactiveError);
  });

  it('ledgerBalanceMismatches reports an account whose balance disagrees with its ledger', async () => {
    const world = await createLoyaltyWorld(db);
    await world.contact('ada');
    const { accountId } = await earn(world, 'ada', 30, at('2026-01-01T12:00:00Z'));
    await db.prisma.loyaltyAccount.update({ where: { id: accountId }, data: { balance: 31 } });
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([{ accountId, contactId: world.id('ada'), balance: 31, ledgerPoints: 30, unspentPoints: 30 }]);
  });
});
