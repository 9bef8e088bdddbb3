import {
  earnPoints,
  IdempotencyKeyReusedError,
  InvalidLoyaltyPointsError,
  ledgerBalanceMismatches,
  LoyaltyContactNotFoundError,
  LoyaltyOrderNotFoundError,
  LoyaltyProgramInactiveError,
  LoyaltyProgramNotFoundError,
} from '../../../../engine/crm/loyalty';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { at, createLoyaltyWorld, type LoyaltyWorld } from './fixtures';

const TIERS = [
  { name: 'Bronze', rank: 1, threshold: 0, multiplier: 1 },
  { name: 'Gold', rank: 2, threshold: 500, multiplier: 1.5 },
];

describe.each(databaseKinds)('earning loyalty points on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  const earn = (world: LoyaltyWorld, name: string, source: { points?: number; amount?: number; orderId?: string }, now: Date, idempotencyKey = world.key()) =>
    earnPoints(db.prisma, { workspaceId: world.workspaceId, programId: world.programId, contactId: world.id(name), ...source, reason: 'order', idempotencyKey, now });

  it('credits a grant that expires after the program’s months (day clamped to the month’s end), moving balance and lifetime points', async () => {
    const world = await createLoyaltyWorld(db, { program: { pointsExpireAfterMonths: 6 } });
    await world.contact('ada');
    // 31 August + 6 months = 28 February (2026 is no leap year), same time of day.
    const earned = await earn(world, 'ada', { points: 100 }, at('2025-08-31T10:00:00Z'));
    expect(earned).toMatchObject({ points: 100, balance: 100, expiresAt: at('2026-02-28T10:00:00Z'), replayed: false, tierChanges: [] });
    await earn(world, 'ada', { points: 40 }, at('2025-09-15T10:00:00Z'));
    expect(await world.account('ada')).toEqual({ balance: 140, lifetimePoints: 140, tier: null });
    expect(await world.grants('ada')).toEqual([[100, 100], [40, 40]]);
    expect(await world.ledger('ada')).toEqual([['earned', 100, 100], ['earned', 40, 140]]);
  });

  it('grants that never expire when the program sets no expiry', async () => {
    const world = await createLoyaltyWorld(db);
    await world.contact('ada');
    expect((await earn(world, 'ada', { points: 10 }, at('2026-01-01T00:00:00Z'))).expiresAt).toBeNull();
  });

  it('earns floor(amount × rate × multiplier of the tier held before the earning), also from an order’s amount', async () => {
    const world = await createLoyaltyWorld(db, { program: { pointsPerCurrencyUnit: 2.5 }, tiers: TIERS });
    await world.contact('ada');
    const now = at('2026-03-01T12:00:00Z');
    // No tier yet: 19.99 × 2.5 × 1 = 49.975 → 49; the earning then qualifies Bronze (threshold 0).
    expect(await earn(world, 'ada', { amount: 19.99 }, now)).toMatchObject({ points: 49, balance: 49 });
    expect((await world.account('ada')).tier).toBe('Bronze');
    // Bronze multiplies by 1: 200 × 2.5 = 500; 549 earned in the window → Gold from now on.
    expect(await earn(world, 'ada', { amount: 200 }, now)).toMatchObject({ points: 500, balance: 549 });
    expect((await world.account('ada')).tier).toBe('Gold');
    // Gold multiplies by 1.5: 19.99 × 2.5 × 1.5 = 74.9625 → 74.
    expect(await earn(world, 'ada', { amount: 19.99 }, now)).toMatchObject({ points: 74, balance: 623 });
    // An order's own amount when none is given: 40.00 × 2.5 × 1.5 = 150; the row points to the order.
    const orderId = await world.order('ada', { amount: 40, placedAt: now });
    const fromOrder = await earn(world, 'ada', { orderId }, now);
    expect(fromOrder).toMatchObject({ points: 150, balance: 773 });
    expect((await db.prisma.loyaltyTransaction.findUniqueOrThrow({ where: { id: fromOrder.transactionId } })).orderId).toBe(orderId);
    // Explicit points are exactly what is asked, whatever the tier.
    expect(await earn(world, 'ada', { points: 10 }, now)).toMatchObject({ points: 10, balance: 783 });
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([]);
  });

  it('records the tier change an earning causes and announces it in the outbox with it', async () => {
    const world = await createLoyaltyWorld(db, { tiers: TIERS });
    await world.contact('ada');
    const earned = await earn(world, 'ada', { points: 600 }, at('2026-03-01T12:00:00Z'));
    const change = { topic: 'loyalty.tier_changed', contactId: world.id('ada'), programId: world.programId, fromTierId: null, toTierId: world.tiers.Gold, reason: 'points 600 in 12 months ≥ Gold 500' };
    expect(earned.tierChanges).toEqual([change]);
    const outbox = await db.prisma.outboxEntry.findMany({ where: { workspaceId: world.workspaceId, topic: 'loyalty.tier_changed' } });
    expect(outbox.map((entry) => entry.payload)).toEqual([{ contactId: change.contactId, programId: change.programId, fromTierId: null, toTierId: change.toTierId, reason: change.reason }]);
    expect(await db.prisma.loyaltyTierChange.count({ where: { workspaceId: world.workspaceId } })).toBe(1);
  });

  it('is idempotent by key: a repeat answers with the first result and changes nothing, also when the attempts race', async () => {
    const world = await createLoyaltyWorld(db, { program: { pointsExpireAfterMonths: 12 } });
    await world.contact('ada');
    const now = at('2026-03-01T12:00:00Z');
    const first = await earn(world, 'ada', { points: 100 }, now, 'order-1');
    const again = await earn(world, 'ada', { points: 100 }, at('2026-04-01T12:00:00Z'), 'order-1');
    expect(again).toEqual({ ...first, replayed: true });
    const racing = await Promise.all(Array.from({ length: 6 }, () => earn(world, 'ada', { points: 25 }, at('2026-03-02T12:00:00Z'), 'order-2')));
    expect(new Set(racing.map((result) => result.transactionId)).size).toBe(1);
    expect(racing.filter((result) => !result.replayed)).toHaveLength(1);
    expect(await world.account('ada')).toEqual({ balance: 125, lifetimePoints: 125, tier: null });
    expect(await world.ledger('ada')).toEqual([['earned', 100, 100], ['earned', 25, 125]]);
    // The same key for another member is not a repeat of this earning.
    await world.contact('bob');
    await expect(earn(world, 'bob', { points: 100 }, now, 'order-1')).rejects.toThrow(IdempotencyKeyReusedError);
  });

  it('scopes everything to the workspace and refuses what cannot be earned', async () => {
    const world = await createLoyaltyWorld(db);
    const other = await createLoyaltyWorld(db);
    await world.contact('ada');
    await other.contact('eve');
    const now = at('2026-03-01T12:00:00Z');
    const otherProgram = earnPoints(db.prisma, { workspaceId: world.workspaceId, programId: other.programId, contactId: world.id('ada'), points: 5, reason: 'x', idempotencyKey: world.key(), now });
    await expect(otherProgram).rejects.toThrow(new LoyaltyProgramNotFoundError(other.programId));
    await expect(otherProgram).rejects.toThrow(other.programId);
    const otherContact = earnPoints(db.prisma, { workspaceId: world.workspaceId, programId: world.programId, contactId: other.id('eve'), points: 5, reason: 'x', idempotencyKey: world.key(), now });
    await expect(otherContact).rejects.toThrow(new LoyaltyContactNotFoundError(other.id('eve')));
    const otherOrder = await other.order('eve', { amount: 10, placedAt: now });
    await expect(earn(world, 'ada', { orderId: otherOrder }, now)).rejects.toThrow(LoyaltyOrderNotFoundError);
    await expect(earn(world, 'ada', { points: 0 }, now)).rejects.toThrow(InvalidLoyaltyPointsError);
    await expect(earn(world, 'ada', { points: 1.5 }, now)).rejects.toThrow(InvalidLoyaltyPointsError);
    await expect(earn(world, 'ada', { points: 5, amount: 5 }, now)).rejects.toThrow(InvalidLoyaltyPointsError);
    await expect(earn(world, 'ada', {}, now)).rejects.toThrow(InvalidLoyaltyPointsError);
    await db.prisma.loyaltyProgram.update({ where: { id: world.programId }, data: { active: false } });
    await expect(earn(world, 'ada', { points: 5 }, now)).rejects.toThrow(LoyaltyProgramInactiveError);
    expect(await db.prisma.loyaltyTransaction.count({ where: { workspaceId: { in: [world.workspaceId, other.workspaceId] } } })).toBe(0);
  });
});
