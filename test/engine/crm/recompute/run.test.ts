import { finishRecompute, prepareRecompute, recomputeChunk } from '../../../../engine/crm/recompute/run';
import { saveSegment } from '../../../../engine/crm/segments/store';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { at, createLoyaltyWorld } from '../loyalty/fixtures';

// The recompute's phases called as the workflow calls them, here for what they do beyond the
// scores: lapsed loyalty points expire before scoring (and loyalty segments follow), tiers are
// re-qualified with the chunk (tier changes in the outbox), and a redone chunk changes nothing.
describe.each(databaseKinds)('recompute phases with loyalty on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  const NOW = at('2026-06-30T12:00:00Z');

  it('expires lapsed points, moves loyalty segments, re-qualifies tiers and records each once', async () => {
    const world = await createLoyaltyWorld(db, { tiers: [{ name: 'Silver', rank: 1, threshold: 200 }, { name: 'Gold', rank: 2, threshold: 500 }] });
    await world.contact('ada');
    await world.contact('bob');
    await world.contact('cyd');
    // ada earned 300 points this year: Silver. bob's 80 points lapsed yesterday. cyd has no account.
    await world.grant('ada', { points: 300, occurredAt: at('2026-03-01T00:00:00Z') });
    await world.grant('bob', { points: 80, occurredAt: at('2025-06-29T00:00:00Z'), expiresAt: at('2026-06-29T00:00:00Z') });
    const context = { workspaceId: world.workspaceId, now: NOW, currency: 'EUR' };
    const pointHolders = await saveSegment(db.prisma, context, { name: 'Has 50 points', kind: 'dynamic', criteria: { type: 'loyalty', field: 'points', operator: 'gte', value: 50 } });
    expect(await members(pointHolders.id)).toEqual([world.id('ada'), world.id('bob')].sort());

    const { runId, totalContacts } = await prepareRecompute(db.prisma, { workspaceId: world.workspaceId, trigger: 'manual', now: NOW });
    expect(totalContacts).toBe(3);
    expect(await world.account('bob')).toMatchObject({ balance: 0 });
    expect((await world.ledger('bob')).at(-1)).toEqual(['expired', -80, 0]);
    // bob left the segment with the expiry, in the same transaction.
    expect(await members(pointHolders.id)).toEqual([world.id('ada')]);

    const chunk = await recomputeChunk(db.prisma, { workspaceId: world.workspaceId, runId, after: null, limit: 10, now: NOW });
    expect(chunk.count).toBe(3);
    expect(await world.account('ada')).toMatchObject({ tier: 'Silver' });
    expect(await world.account('bob')).toMatchObject({ tier: null });
    const tierEvents = async () => db.prisma.outboxEntry.findMany({ where: { workspaceId: world.workspaceId, topic: 'loyalty.tier_changed' } });
    expect((await tierEvents()).map((entry) => entry.payload)).toEqual([
      expect.objectContaining({ contactId: world.id('ada'), programId: world.programId, fromTierId: null, toTierId: world.tiers['Silver'] }),
    ]);

    // The same chunk redone (a reply lost after commit) and a second run the same day: nothing twice.
    await recomputeChunk(db.prisma, { workspaceId: world.workspaceId, runId, after: null, limit: 10, now: NOW });
    await finishRecompute(db.prisma, { workspaceId: world.workspaceId, runId, now: NOW });
    const again = await prepareRecompute(db.prisma, { workspaceId: world.workspaceId, trigger: 'manual', now: NOW });
    await recomputeChunk(db.prisma, { workspaceId: world.workspaceId, runId: again.runId, after: null, limit: 10, now: NOW });
    expect(await tierEvents()).toHaveLength(1);
    expect((await world.ledger('bob')).filter(([type]) => type === 'expired')).toHaveLength(1);
    expect(await db.prisma.loyaltyTierChange.count({ where: { account: { contactId: world.id('ada') } } })).toBe(1);
  });

  async function members(segmentId: string): Promise<string[]> {
    const rows = await db.prisma.segmentMembership.findMany({ where: { segmentId }, select: { contactId: true } });
    return rows.map((row) => row.contactId).sort();
  }
});
