import fc from 'fast-check';
import { contactChanged } from '../../../../engine/crm/changes/contact-changed';
import { matchingContactsQuery } from '../../../../engine/crm/segments/compile';
import type { Criteria } from '../../../../engine/journey/conditions/language';
import { dependency } from '../../../../engine/crm/segments/dependencies';
import { saveSegment } from '../../../../engine/crm/segments/store';
import type { Prisma } from '../../../../prisma/generated/client';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { buildWorld, daysAgo, NOW, type World } from './world';

// After any sequence of changes, each applied through the change path (only the segments that
// depend on what changed, only for that contact), every segment's membership must equal what a
// full recompute of its criteria over the workspace gives.

type Change =
  | { kind: 'plan'; contact: number; plan: 'pro' | 'free' | null }
  | { kind: 'tag'; contact: number; add: boolean }
  | { kind: 'event'; contact: number; name: 'Viewed Product' | 'Added to Cart'; days: number; category: 'beans' | 'grinders' }
  | { kind: 'order'; contact: number; amount: number; days: number }
  | { kind: 'consent'; contact: number; status: 'granted' | 'withdrawn' }
  | { kind: 'status'; contact: number; status: 'active' | 'vip' | 'at_risk' };

const contact = fc.integer({ min: 0, max: 4 });
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('plan' as const), contact, plan: fc.constantFrom('pro' as const, 'free' as const, null) }),
  fc.record({ kind: fc.constant('tag' as const), contact, add: fc.boolean() }),
  fc.record({ kind: fc.constant('event' as const), contact, name: fc.constantFrom('Viewed Product' as const, 'Added to Cart' as const), days: fc.integer({ min: 0, max: 60 }), category: fc.constantFrom('beans' as const, 'grinders' as const) }),
  fc.record({ kind: fc.constant('order' as const), contact, amount: fc.integer({ min: 5, max: 150 }), days: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ kind: fc.constant('consent' as const), contact, status: fc.constantFrom('granted' as const, 'withdrawn' as const) }),
  fc.record({ kind: fc.constant('status' as const), contact, status: fc.constantFrom('active' as const, 'vip' as const, 'at_risk' as const) }),
);

describe.each(databaseKinds)('incremental segment membership equals a full recompute (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
  });
  afterAll(() => database.dispose());

  let run = 0;
  async function setUp(): Promise<{ world: World; segments: { id: string; criteria: Criteria }[] }> {
    run += 1;
    const world = await buildWorld(database.db, `property-${run}`);
    const save = async (name: string, criteria: Criteria) => ({ id: (await saveSegment(database.db.prisma, world.context, { name, kind: 'dynamic', criteria })).id, criteria });
    const pro = await save('pro', { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' });
    const hot = await save('hot', { any: [{ type: 'tag', operator: 'has', tag: 'espresso' }, { type: 'event', name: 'Added to Cart', withinDays: 30 }] });
    const buyers = await save('buyers', { all: [{ type: 'order', measure: 'total_spent', operator: 'gte', value: 100 }, { not: { type: 'consent', channel: 'email', status: 'granted' } }] });
    const hotNotPro = await save('hot-not-pro', { all: [{ type: 'segment', segmentId: hot.id, operator: 'member' }, { type: 'segment', segmentId: pro.id, operator: 'not_member' }] });
    const browsers = await save('browsers', { type: 'event', name: 'Viewed Product', count: { operator: 'gte', value: 2 }, where: [{ property: 'category', operator: 'equals', value: 'beans' }] });
    const flagged = await save('flagged', { type: 'attribute', field: 'status', operator: 'in', values: ['vip', 'at_risk'] });
    return { world, segments: [pro, hot, buyers, hotNotPro, browsers, flagged] };
  }

  async function apply(world: World, step: Change, index: number): Promise<void> {
    const { prisma } = database.db;
    const contactId = Object.values(world.ids)[step.contact] ?? '';
    const { workspaceId } = world.context;
    let touched: string;
    switch (step.kind) {
      case 'plan': {
        const current = await prisma.contact.findUniqueOrThrow({ where: { id: contactId }, select: { attributes: true } });
        const attributes = { ...(current.attributes as Prisma.JsonObject), plan: step.plan };
        await prisma.contact.update({ where: { id: contactId }, data: { attributes } });
        touched = dependency.contactField('attributes.plan');
        break;
      }
      case 'tag': {
        const current = await prisma.contact.findUniqueOrThrow({ where: { id: contactId }, select: { tags: true } });
        const tags = step.add ? [...new Set([...current.tags, 'espresso'])] : current.tags.filter((tag) => tag !== 'espresso');
        await prisma.contact.update({ where: { id: contactId }, data: { tags } });
        touched = dependency.tags;
        break;
      }
      case 'event':
        await prisma.event.create({ data: { workspaceId, contactId, name: step.name, properties: { category: step.category }, messageId: `p-${run}-${index}`, occurredAt: daysAgo(step.days) } });
        touched = dependency.event(step.name);
        break;
      case 'order':
        await prisma.order.create({ data: { workspaceId, contactId, status: 'paid', currency: 'EUR', amount: step.amount, placedAt: daysAgo(step.days) } });
        touched = dependency.order;
        break;
      case 'consent':
        await prisma.consent.upsert({
          where: { contactId_channel_messageType: { contactId, channel: 'email', messageType: 'marketing' } },
          create: { workspaceId, contactId, channel: 'email', messageType: 'marketing', status: step.status, source: 'test' },
          update: { status: step.status },
        });
        touched = dependency.consent('email');
        break;
      case 'status':
        await prisma.contact.update({ where: { id: contactId }, data: { status: step.status } });
        touched = dependency.contactField('status');
        break;
    }
    await contactChanged(prisma, { workspaceId, contactIds: [contactId], touched: [touched], now: NOW });
  }

  it('holds for random sequences of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 12 }), async (changes) => {
        const { world, segments } = await setUp();
        for (const [index, step] of changes.entries()) await apply(world, step, index);
        for (const segment of segments) {
          const members = (await database.db.prisma.segmentMembership.findMany({ where: { segmentId: segment.id }, select: { contactId: true } })).map((row) => row.contactId).sort();
          const recomputed = (await database.db.prisma.$queryRaw<{ id: string }[]>(matchingContactsQuery(segment.criteria, world.context))).map((row) => row.id).sort();
          expect(members).toEqual(recomputed);
        }
      }),
      { numRuns: 15 },
    );
  });
});
