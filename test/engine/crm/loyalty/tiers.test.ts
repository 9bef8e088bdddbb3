import { evaluateTiers, tierChangeReason, type TierChangedEvent } from '../../../../engine/crm/loyalty';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { at, createLoyaltyWorld, NOW, type LoyaltyWorld } from './fixtures';

/** The changes as [contact name, from tier, to tier, reason], by name. */
function described(world: LoyaltyWorld, names: readonly string[], changes: readonly TierChangedEvent[]): Array<[string, string | null, string | null, string]> {
  const nameOfContact = new Map(names.map((name) => [world.id(name), name]));
  const nameOfTier = new Map(Object.entries(world.tiers).map(([name, id]) => [id, name]));
  const tier = (id: string | null) => (id === null ? null : (nameOfTier.get(id) ?? id));
  return changes
    .map((change): [string, string | null, string | null, string] => [nameOfContact.get(change.contactId) ?? change.contactId, tier(change.fromTierId), tier(change.toTierId), change.reason])
    .sort(([a], [b]) => a.localeCompare(b));
}

describe('tier change reasons', () => {
  it('name the basis, the amount, the window and the threshold decided against', () => {
    expect(tierChangeReason({ basis: 'spend', windowMonths: 12, amount: '1240.00', tier: { name: 'Gold', threshold: '1000.00', reached: true } })).toBe('spend 1,240.00 in 12 months ≥ Gold 1,000');
    expect(tierChangeReason({ basis: 'spend', windowMonths: 1, amount: '80', tier: { name: 'Bronze', threshold: '99.50', reached: false } })).toBe('spend 80.00 in 1 month < Bronze 99.50');
    expect(tierChangeReason({ basis: 'points', windowMonths: 6, amount: '12500', tier: { name: 'Silver', threshold: '10000.00', reached: true } })).toBe('points 12,500 in 6 months ≥ Silver 10,000');
    expect(tierChangeReason({ basis: 'purchases', windowMonths: 24, amount: '3', tier: { name: 'Gold', threshold: '3', reached: true } })).toBe('purchases 3 in 24 months ≥ Gold 3');
  });
});

describe.each(databaseKinds)('tier qualification on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  const evaluate = (world: LoyaltyWorld, now: Date) => evaluateTiers(db.prisma, { workspaceId: world.workspaceId, now });
  const tiersOf = async (world: LoyaltyWorld, names: readonly string[]) =>
    Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await world.account(name)).tier] as const)));

  it('points: earned points in the window, at exact thresholds, up and down, and as the window moves', async () => {
    const world = await createLoyaltyWorld(db, { tiers: [{ name: 'Silver', rank: 1, threshold: 100 }, { name: 'Gold', rank: 2, threshold: 500 }] });
    const names = ['goldExact', 'justBelowGold', 'tooFew', 'lapsedDown', 'droppedOut', 'spentStillCounts', 'future', 'unchanged'];
    for (const name of names) await world.contact(name);
    await world.grant('goldExact', { points: 500, occurredAt: at('2025-07-01T00:00:00Z') });
    await world.grant('justBelowGold', { points: 400, occurredAt: at('2026-01-01T00:00:00Z') });
    await world.grant('justBelowGold', { points: 99, occurredAt: NOW }); // the window includes now
    await world.grant('tooFew', { points: 99, occurredAt: at('2026-01-01T00:00:00Z') });
    await world.setTier('lapsedDown', 'Gold');
    await world.grant('lapsedDown', { points: 500, occurredAt: at('2025-06-30T12:00:00Z') }); // exactly 12 months ago: lapsed
    await world.grant('lapsedDown', { points: 100, occurredAt: at('2026-01-01T00:00:00Z') });
    await world.setTier('droppedOut', 'Silver');
    await world.grant('droppedOut', { points: 150, occurredAt: at('2025-05-01T00:00:00Z') });
    await world.grant('spentStillCounts', { points: 600, remaining: 100, occurredAt: at('2026-02-01T00:00:00Z') });
    await world.grant('future', { points: 200, occurredAt: at('2026-07-01T06:00:00Z') });
    await world.setTier('unchanged', 'Silver');
    await world.grant('unchanged', { points: 200, occurredAt: at('2026-01-01T00:00:00Z') });

    expect(described(world, names, await evaluate(world, NOW))).toEqual([
      ['droppedOut', 'Silver', null, 'points 0 in 12 months < Silver 100'],
      ['goldExact', null, 'Gold', 'points 500 in 12 months ≥ Gold 500'],
      ['justBelowGold', null, 'Silver', 'points 499 in 12 months ≥ Silver 100'],
      ['lapsedDown', 'Gold', 'Silver', 'points 100 in 12 months ≥ Silver 100'],
      ['spentStillCounts', null, 'Gold', 'points 600 in 12 months ≥ Gold 500'],
    ]);
    expect(await tiersOf(world, names)).toEqual({
      goldExact: 'Gold', justBelowGold: 'Silver', tooFew: null, lapsedDown: 'Silver', droppedOut: null, spentStillCounts: 'Gold', future: null, unchanged: 'Silver',
    });
    // Same data, same clock: nothing more to change or record.
    expect(await evaluate(world, NOW)).toEqual([]);
    expect(await db.prisma.loyaltyTierChange.count({ where: { workspaceId: world.workspaceId } })).toBe(5);

    // A day later the window starts 2025-07-01T12:00: goldExact's grant lapses, future's counts.
    expect(described(world, names, await evaluate(world, at('2026-07-01T12:00:00Z')))).toEqual([
      ['future', null, 'Silver', 'points 200 in 12 months ≥ Silver 100'],
      ['goldExact', 'Gold', null, 'points 0 in 12 months < Silver 100'],
    ]);
    const history = await db.prisma.loyaltyTierChange.findMany({ where: { workspaceId: world.workspaceId, account: { contactId: world.id('goldExact') } }, orderBy: { occurredAt: 'asc' } });
    expect(history.map((change) => [change.fromTierId, change.toTierId, change.occurredAt])).toEqual([
      [null, world.tiers.Gold, NOW],
      [world.tiers.Gold, null, at('2026-07-01T12:00:00Z')],
    ]);
  });

  it('spend: paid and fulfilled orders in the workspace currency within the window', async () => {
    const world = await createLoyaltyWorld(db, { program: { tierBasis: 'spend' }, tiers: [{ name: 'Silver', rank: 1, threshold: 250 }, { name: 'Gold', rank: 2, threshold: 1000 }] });
    const names = ['gold', 'silverExact', 'fulfilled', 'below', 'notAMember'];
    for (const name of names) await world.contact(name);
    for (const name of names.slice(0, -1)) await world.join(name);
    // Orders make no tier without an account.
    await world.order('notAMember', { amount: 5000, placedAt: at('2026-03-01T00:00:00Z') });
    await world.order('gold', { amount: 1000, placedAt: at('2025-08-01T00:00:00Z') });
    await world.order('gold', { amount: 240, placedAt: at('2026-06-01T00:00:00Z') });
    await world.order('silverExact', { amount: 250, placedAt: at('2026-03-01T00:00:00Z') });
    await world.order('fulfilled', { amount: 300, placedAt: at('2026-03-01T00:00:00Z'), status: 'fulfilled' });
    await world.setTier('below', 'Silver');
    await world.order('below', { amount: 249.99, placedAt: at('2026-03-01T00:00:00Z') });
    // None of these count: not purchases, another currency, lapsed exactly at the window start, placed after now.
    for (const status of ['pending', 'cancelled', 'refunded'] as const) await world.order('below', { amount: 500, placedAt: at('2026-03-01T00:00:00Z'), status });
    await world.order('below', { amount: 500, placedAt: at('2026-03-01T00:00:00Z'), currency: 'USD' });
    await world.order('below', { amount: 500, placedAt: at('2025-06-30T12:00:00Z') });
    await world.order('below', { amount: 500, placedAt: at('2026-06-30T12:00:01Z') });

    expect(described(world, names, await evaluate(world, NOW))).toEqual([
      ['below', 'Silver', null, 'spend 249.99 in 12 months < Silver 250'],
      ['fulfilled', null, 'Silver', 'spend 300.00 in 12 months ≥ Silver 250'],
      ['gold', null, 'Gold', 'spend 1,240.00 in 12 months ≥ Gold 1,000'],
      ['silverExact', null, 'Silver', 'spend 250.00 in 12 months ≥ Silver 250'],
    ]);
    // 1 August: gold's 1,000 lapses, below's late order now counts (749.99).
    expect(described(world, names, await evaluate(world, at('2026-08-01T12:00:00Z')))).toEqual([
      ['below', null, 'Silver', 'spend 749.99 in 12 months ≥ Silver 250'],
      ['gold', 'Gold', null, 'spend 240.00 in 12 months < Silver 250'],
    ]);
    expect(await db.prisma.loyaltyAccount.count({ where: { contactId: world.id('notAMember') } })).toBe(0);
  });

  it('purchases: the count of those orders over a 6-month window', async () => {
    const world = await createLoyaltyWorld(db, {
      program: { tierBasis: 'purchases', tierWindowMonths: 6 },
      tiers: [{ name: 'Silver', rank: 1, threshold: 2 }, { name: 'Gold', rank: 2, threshold: 5 }],
    });
    const names = ['gold', 'silverExact', 'one'];
    for (const name of names) await world.contact(name);
    for (const name of names) await world.join(name);
    for (const month of ['01', '02', '03', '04', '05']) await world.order('gold', { amount: 5, placedAt: at(`2026-${month}-15T00:00:00Z`) });
    await world.order('silverExact', { amount: 5, placedAt: at('2026-03-01T00:00:00Z') });
    await world.order('silverExact', { amount: 5, placedAt: NOW });
    await world.order('one', { amount: 5, placedAt: at('2026-03-01T00:00:00Z') });
    await world.order('one', { amount: 5, placedAt: at('2026-03-02T00:00:00Z'), status: 'refunded' });
    await world.order('one', { amount: 5, placedAt: at('2025-12-30T12:00:00Z') }); // exactly 6 months ago

    expect(described(world, names, await evaluate(world, NOW))).toEqual([
      ['gold', null, 'Gold', 'purchases 5 in 6 months ≥ Gold 5'],
      ['silverExact', null, 'Silver', 'purchases 2 in 6 months ≥ Silver 2'],
    ]);
    // 20 July: the window starts 20 January, gold's January order lapses.
    expect(described(world, names, await evaluate(world, at('2026-07-20T12:00:00Z')))).toEqual([['gold', 'Gold', 'Silver', 'purchases 4 in 6 months ≥ Silver 2']]);
  });

  it('evaluates only the contacts, program and workspace asked for, and skips inactive programs', async () => {
    const tiers = [{ name: 'Silver', rank: 1, threshold: 100 }];
    const world = await createLoyaltyWorld(db, { tiers });
    const other = await createLoyaltyWorld(db, { tiers });
    for (const name of ['ada', 'bob']) {
      await world.contact(name);
      await world.grant(name, { points: 200, occurredAt: at('2026-01-01T00:00:00Z') });
    }
    await other.contact('eve');
    await other.grant('eve', { points: 200, occurredAt: at('2026-01-01T00:00:00Z') });
    const second = await db.prisma.loyaltyProgram.create({ data: { workspaceId: world.workspaceId, name: 'Second', tiers: { create: { name: 'Member', rank: 1, threshold: 0 } } } });
    await db.prisma.loyaltyAccount.create({ data: { workspaceId: world.workspaceId, programId: second.id, contactId: world.id('ada') } });

    const onlyAda = await evaluateTiers(db.prisma, { workspaceId: world.workspaceId, now: NOW, programId: world.programId, contactIds: [world.id('ada')] });
    expect(onlyAda.map((change) => [change.contactId, change.programId])).toEqual([[world.id('ada'), world.programId]]);
    expect(await world.account('bob')).toMatchObject({ tier: null });
    const onlySecond = await evaluateTiers(db.prisma, { workspaceId: world.workspaceId, now: NOW, programId: second.id });
    expect(onlySecond.map((change) => change.programId)).toEqual([second.id]);
    await db.prisma.loyaltyProgram.update({ where: { id: world.programId }, data: { active: false } });
    expect(await evaluate(world, NOW)).toEqual([]);
    expect(await world.account('bob')).toMatchObject({ tier: null });
    expect(await other.account('eve')).toMatchObject({ tier: null });
  });
});
