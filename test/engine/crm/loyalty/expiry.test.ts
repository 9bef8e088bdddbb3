import { earnPoints, expirePoints, ledgerBalanceMismatches, LoyaltyProgramNotFoundError, redeemPoints } from '../../../../engine/crm/loyalty';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { at, createLoyaltyWorld, type LoyaltyWorld } from './fixtures';

describe.each(databaseKinds)('expiring loyalty points on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  const movement = (world: LoyaltyWorld, name: string, points: number, now: Date) => ({
    workspaceId: world.workspaceId,
    programId: world.programId,
    contactId: world.id(name),
    points,
    reason: 'test',
    idempotencyKey: world.key(),
    now,
  });
  const earn = (world: LoyaltyWorld, name: string, points: number, now: Date) => earnPoints(db.prisma, movement(world, name, points, now));
  const expire = (world: LoyaltyWorld, now: Date, programId?: string) => expirePoints(db.prisma, { workspaceId: world.workspaceId, now, ...(programId ? { programId } : {}) });

  it('expires only what redemptions left of lapsed grants (the worked example)', async () => {
    const world = await createLoyaltyWorld(db, { program: { pointsExpireAfterMonths: 6 } });
    await world.contact('ada');
    await earn(world, 'ada', 100, at('2025-07-15T12:00:00Z')); // expires 2026-01-15
    await earn(world, 'ada', 50, at('2025-09-15T12:00:00Z')); // expires 2026-03-15
    await redeemPoints(db.prisma, movement(world, 'ada', 120, at('2025-10-01T12:00:00Z')));
    expect(await world.grants('ada')).toEqual([[100, 0], [50, 30]]);
    // February: the January grant has lapsed, but it was all spent.
    expect(await expire(world, at('2026-02-01T00:00:00Z'))).toMatchObject({ accounts: 0, points: 0 });
    // April: the March grant's 30 unspent points lapse.
    expect(await expire(world, at('2026-04-01T00:00:00Z'))).toMatchObject({ accounts: 1, points: 30 });
    expect(await world.grants('ada')).toEqual([[100, 0], [50, 0]]);
    expect(await world.account('ada')).toMatchObject({ balance: 0, lifetimePoints: 150 });
    expect((await world.ledger('ada')).at(-1)).toEqual(['expired', -30, 0]);
    const expired = await db.prisma.loyaltyTransaction.findFirstOrThrow({ where: { workspaceId: world.workspaceId, type: 'expired' } });
    expect(expired).toMatchObject({ occurredAt: at('2026-04-01T00:00:00Z'), idempotencyKey: `expiry:${expired.accountId}:2026-04-01`, remaining: null });
    // Re-running, even twice at once, expires nothing twice.
    expect(await Promise.all([expire(world, at('2026-04-01T00:00:00Z')), expire(world, at('2026-04-02T00:00:00Z'))])).toEqual([
      { accounts: 0, points: 0, contactIds: [] },
      { accounts: 0, points: 0, contactIds: [] },
    ]);
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([]);
  });

  it('writes one row per account for all its lapsed grants, leaves unexpired grants, other programs and other workspaces alone', async () => {
    const world = await createLoyaltyWorld(db, { program: { pointsExpireAfterMonths: 1 } });
    const other = await createLoyaltyWorld(db, { program: { pointsExpireAfterMonths: 1 } });
    const neverExpires = await db.prisma.loyaltyProgram.create({ data: { workspaceId: world.workspaceId, name: 'Forever' } });
    for (const name of ['ada', 'bob', 'cy']) await world.contact(name);
    await other.contact('eve');
    await earn(world, 'ada', 10, at('2026-01-01T12:00:00Z'));
    await earn(world, 'ada', 20, at('2026-01-20T12:00:00Z'));
    await earn(world, 'bob', 5, at('2026-01-10T12:00:00Z'));
    await earn(world, 'bob', 50, at('2026-02-10T12:00:00Z')); // expires 2026-03-10: after the run
    await earnPoints(db.prisma, { ...movement(world, 'cy', 70, at('2026-01-01T12:00:00Z')), programId: neverExpires.id });
    await earn(other, 'eve', 40, at('2026-01-01T12:00:00Z'));
    // The run at 1 March: ada's two grants (30), bob's first (5).
    const expired = await expire(world, at('2026-03-01T00:00:00Z'));
    expect(expired).toMatchObject({ accounts: 2, points: 35 });
    expect([...expired.contactIds].sort()).toEqual([world.id('ada'), world.id('bob')].sort());
    expect(await world.account('ada')).toMatchObject({ balance: 0 });
    expect(await world.account('bob')).toMatchObject({ balance: 50 });
    expect(await world.grants('bob')).toEqual([[5, 0], [50, 50]]);
    expect(await db.prisma.loyaltyAccount.findFirstOrThrow({ where: { programId: neverExpires.id } })).toMatchObject({ balance: 70 });
    expect(await other.account('eve')).toMatchObject({ balance: 40 });
    expect(await db.prisma.loyaltyTransaction.count({ where: { workspaceId: world.workspaceId, type: 'expired' } })).toBe(2);
    // Limited to one program: the other's lapsed grants wait.
    expect(await expire(other, at('2026-03-01T00:00:00Z'), other.programId)).toMatchObject({ accounts: 1, points: 40 });
    await expect(expire(world, at('2026-03-01T00:00:00Z'), other.programId)).rejects.toThrow(new LoyaltyProgramNotFoundError(other.programId));
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([]);
  });

  it('leaves grants lapsing later on a day already run to the next day’s run', async () => {
    const world = await createLoyaltyWorld(db, { program: { pointsExpireAfterMonths: 1 } });
    await world.contact('ada');
    await earn(world, 'ada', 10, at('2026-02-28T23:00:00Z')); // expires 2026-03-28T23:00
    await earn(world, 'ada', 20, at('2026-03-01T06:00:00Z')); // expires 2026-04-01T06:00
    expect(await expire(world, at('2026-04-01T01:00:00Z'))).toMatchObject({ accounts: 1, points: 10 });
    // Same day, the second grant has lapsed meanwhile: the day's key is taken, so it waits.
    expect(await expire(world, at('2026-04-01T18:00:00Z'))).toMatchObject({ accounts: 0, points: 0 });
    expect(await expire(world, at('2026-04-02T01:00:00Z'))).toMatchObject({ accounts: 1, points: 20 });
    expect(await world.account('ada')).toMatchObject({ balance: 0 });
    expect(await ledgerBalanceMismatches(db.prisma, world.workspaceId)).toEqual([]);
  });
});
