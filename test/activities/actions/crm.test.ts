import { createActionRegistry, type ActionContext } from '../../../activities/actions';
import { saveSegment } from '../../../engine/crm/segments/store';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { testActivityDeps } from '../../support/messaging';

// The CRM actions through the registry's generic path (what the journey activity calls), on a
// real database: each one's effect, its history, and that repeating a step changes nothing.
describe.each(databaseKinds)('CRM actions on %s', (kind) => {
  const registry = createActionRegistry();
  let database: { db: Database; dispose(): Promise<void> };
  let workspaceId: string;
  let contactId: string;
  let step = 0;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    workspaceId = (await database.db.prisma.workspace.create({ data: { name: 'Roastery', slug: 'roastery' } })).id;
    contactId = (await database.db.prisma.contact.create({ data: { workspaceId, email: 'ada@example.com', attributes: { plan: 'free' } } })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** A fresh step (its own idempotency key) unless `again` repeats the last one. */
  function context(again = false): ActionContext {
    if (!again) step += 1;
    return {
      deps: testActivityDeps(database.db, registry),
      workspaceId,
      journeyId: '00000000-0000-4000-8000-000000000001',
      journeyVersionId: '00000000-0000-4000-8000-000000000002',
      enrollmentId: '00000000-0000-4000-8000-000000000003',
      contactId,
      nodeId: `node-${step}`,
      idempotencyKey: `00000000-0000-4000-8000-000000000003:node-${step}:${step}`,
      variables: {},
      now: Date.now(),
    };
  }
  const run = (actionId: string, input: unknown, again = false) => registry.run(actionId, 1, context(again), input);

  it('contact.set_attribute merges one attribute', async () => {
    expect(await run('contact.set_attribute', { attribute: 'tier', value: 'gold' })).toEqual({ outcome: 'done' });
    expect((await database.db.prisma.contact.findUniqueOrThrow({ where: { id: contactId } })).attributes).toEqual({ plan: 'free', tier: 'gold' });
  });

  it('segment.add / segment.remove change a static segment with history, once', async () => {
    const segment = await database.db.prisma.segment.create({ data: { workspaceId, name: 'VIP', kind: 'static' } });
    expect(await run('segment.add', { segmentId: segment.id })).toEqual({ outcome: 'done' });
    expect(await run('segment.add', { segmentId: segment.id }, true)).toEqual({ outcome: 'unchanged' });
    expect(await run('segment.remove', { segmentId: segment.id })).toEqual({ outcome: 'done' });
    const changes = await database.db.prisma.segmentMembershipChange.findMany({ where: { segmentId: segment.id }, orderBy: { occurredAt: 'asc' } });
    expect(changes.map((change) => change.change)).toEqual(['entered', 'exited']);
    const dynamic = await database.db.prisma.segment.create({ data: { workspaceId, name: 'Lapsed', kind: 'dynamic' } });
    await expect(run('segment.add', { segmentId: dynamic.id })).rejects.toThrow('only static segments');
  });

  it('score.adjust writes the ledger once per step, rescores within 0–100 and moves the segments on the score', async () => {
    const { prisma } = database.db;
    const hot = await saveSegment(prisma, { workspaceId, now: new Date(), currency: 'USD' }, { name: 'Hot leads', kind: 'dynamic', criteria: { type: 'score', field: 'lead.score', operator: 'gte', value: 50 } });
    await run('score.adjust', { model: 'lead', delta: 10, reason: 'Opened the pricing page' });
    await run('score.adjust', { model: 'lead', delta: 10, reason: 'Opened the pricing page' }, true);
    expect(await prisma.scoreAdjustment.count({ where: { contactId } })).toBe(1);
    const lead = async () => prisma.leadScore.findUniqueOrThrow({ where: { contactId } });
    // The score is recomputed from the rules plus the ledger, not patched: composite + 10.
    const first = await lead();
    expect(first.components).toMatchObject({ adjustment: 10 });
    expect(first.score).toBeGreaterThanOrEqual(10);
    await run('score.adjust', { model: 'lead', delta: 100, reason: 'Booked a demo' });
    expect(await lead()).toMatchObject({ score: 100, qualification: 'sql' });
    expect(await prisma.segmentMembership.count({ where: { segmentId: hot.id, contactId } })).toBe(1);
    expect(await prisma.outboxEntry.count({ where: { workspaceId, topic: 'segment.entered', payload: { path: ['segmentId'], equals: hot.id } } })).toBe(1);
    await run('score.adjust', { model: 'engagement', delta: -30, reason: 'Bounced' });
    expect(await prisma.engagementScore.findUniqueOrThrow({ where: { contactId } })).toMatchObject({ score: 0 });
  });

  it('lifecycle.set_stage moves the stage and records why', async () => {
    expect(await run('lifecycle.set_stage', { stage: 'new_customer', reason: 'First order' })).toEqual({ outcome: 'done' });
    expect(await run('lifecycle.set_stage', { stage: 'new_customer' }, true)).toEqual({ outcome: 'unchanged' });
    const [change, ...more] = await database.db.prisma.lifecycleStageChange.findMany({ where: { contactId } });
    expect(more).toEqual([]);
    expect(change).toMatchObject({ fromStage: 'prospect', toStage: 'new_customer', reason: 'First order' });
  });

  it('loyalty points: awarded once per step with the tier following, redeemed never below zero, even concurrently', async () => {
    const { prisma } = database.db;
    const program = await prisma.loyaltyProgram.create({ data: { workspaceId, name: 'Beans club' } });
    await prisma.loyaltyTier.createMany({ data: [{ programId: program.id, name: 'Bronze', rank: 1, threshold: 0 }, { programId: program.id, name: 'Gold', rank: 2, threshold: 500 }] });
    const input = (points: number) => ({ programId: program.id, points, reason: 'Order o-1' });
    await run('loyalty.award_points', input(600));
    await run('loyalty.award_points', input(600), true);
    const account = await prisma.loyaltyAccount.findFirstOrThrow({ where: { programId: program.id, contactId }, include: { tier: true } });
    expect(account).toMatchObject({ balance: 600, lifetimePoints: 600, tier: expect.objectContaining({ name: 'Gold' }) });

    const redemptions = await Promise.all([run('loyalty.redeem_points', input(400)), run('loyalty.redeem_points', input(400)), run('loyalty.redeem_points', input(400))]);
    expect(redemptions.map((result) => ('outcome' in result ? result.outcome : 'deferred')).sort()).toEqual(['done', 'insufficient', 'insufficient']);
    expect((await prisma.loyaltyAccount.findUniqueOrThrow({ where: { id: account.id } })).balance).toBe(200);
    const ledger = await prisma.loyaltyTransaction.findMany({ where: { accountId: account.id } });
    expect(ledger.reduce((sum, row) => sum + row.points, 0)).toBe(200);
  });

  it('loyalty movements move the segments on points and tier', async () => {
    const { prisma } = database.db;
    const program = await prisma.loyaltyProgram.create({ data: { workspaceId, name: 'Crema club' } });
    const members = await saveSegment(prisma, { workspaceId, now: new Date(), currency: 'USD' }, { name: 'Point holders', kind: 'dynamic', criteria: { type: 'loyalty', field: 'points', operator: 'gte', value: 1000 } });
    const isMember = async () => prisma.segmentMembership.count({ where: { segmentId: members.id, contactId } });
    expect(await isMember()).toBe(0);
    await run('loyalty.award_points', { programId: program.id, points: 1500, reason: 'Welcome' });
    expect(await isMember()).toBe(1);
    await run('loyalty.redeem_points', { programId: program.id, points: 1000, reason: 'Free bag' });
    expect(await isMember()).toBe(0);
  });
});
