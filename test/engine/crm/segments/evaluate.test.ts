import { contactChanged } from '../../../../engine/crm/changes/contact-changed';
import { startOutboxFeed, type OutboxEntry } from '../../../../engine/crm/changes/outbox-feed';
import { dependency } from '../../../../engine/crm/segments/dependencies';
import { changeStaticMembers, importStaticMembersCsv, StaticSegmentOnlyError } from '../../../../engine/crm/segments/static-members';
import { InvalidSegmentError, saveSegment } from '../../../../engine/crm/segments/store';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { buildWorld, NOW, type World } from './world';

describe.each(databaseKinds)('segment evaluation (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let world: World;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    world = await buildWorld(database.db);
  });
  afterAll(() => database.dispose());

  const prisma = () => database.db.prisma;
  const membersOf = async (segmentId: string) => world.names((await prisma().segmentMembership.findMany({ where: { segmentId } })).map((row) => row.contactId));
  const outbox = async (segmentId: string) =>
    (await prisma().outboxEntry.findMany({ where: { workspaceId: world.context.workspaceId }, orderBy: { id: 'asc' } }))
      .filter((entry) => typeof entry.payload === 'object' && entry.payload !== null && 'segmentId' in entry.payload && entry.payload.segmentId === segmentId)
      .map((entry) => `${entry.topic}:${world.names([String((entry.payload as { contactId: string }).contactId)])[0]}`);
  const touch = (name: string, touched: string[]) => contactChanged(prisma(), { workspaceId: world.context.workspaceId, contactIds: [world.ids[name] ?? ''], touched, now: NOW });

  it('saving a dynamic segment evaluates it: members, history and entry events together', async () => {
    const { id, diff } = await saveSegment(prisma(), world.context, { name: 'Pro plan', kind: 'dynamic', criteria: { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' } });
    expect(world.names(diff.entered)).toEqual(['ada']);
    expect(await membersOf(id)).toEqual(['ada']);
    expect(await prisma().segmentMembershipChange.count({ where: { segmentId: id, change: 'entered', source: 'criteria_changed' } })).toBe(1);
    // A whole workspace's evaluation is bulk work: the dispatcher's bulk feed delivers it.
    const entries = await prisma().outboxEntry.findMany({ where: { workspaceId: world.context.workspaceId, topic: 'segment.entered' } });
    expect(entries.filter((entry) => JSON.stringify(entry.payload).includes(id)).map((entry) => entry.lane)).toEqual(['bulk']);
    expect(await outbox(id)).toEqual(['segment.entered:ada']);
    const saved = await prisma().segment.findUniqueOrThrow({ where: { id } });
    expect(saved).toMatchObject({ dependsOn: ['contact:attributes.plan'], timeBased: false });
  });

  it('a change re-evaluates only the segments that read what changed, for that contact only', async () => {
    const pro = await saveSegment(prisma(), world.context, { name: 'Pro plan', kind: 'dynamic', criteria: { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' } });
    await saveSegment(prisma(), world.context, { name: 'Espresso', kind: 'dynamic', criteria: { type: 'tag', operator: 'has', tag: 'espresso' } });
    await prisma().contact.update({ where: { id: world.ids.bob }, data: { attributes: { plan: 'pro', seats: 'many' } } });
    const result = await touch('bob', [dependency.contactField('attributes.plan')]);
    expect(result.segments).toEqual({ evaluated: 1, entered: 1, exited: 0 });
    expect(await membersOf(pro.id)).toEqual(['ada', 'bob']);
    expect(await outbox(pro.id)).toEqual(['segment.entered:ada', 'segment.entered:bob']);

    // Nothing changed: evaluated again, but no membership change and no event.
    expect((await touch('bob', [dependency.contactField('attributes.plan')])).segments).toEqual({ evaluated: 1, entered: 0, exited: 0 });
    // A change that no segment reads evaluates nothing.
    expect((await touch('bob', [dependency.contactField('lastName')])).segments.evaluated).toBe(0);

    await prisma().contact.update({ where: { id: world.ids.bob }, data: { attributes: { plan: 'free' } } });
    expect((await touch('bob', [dependency.contactField('attributes.plan')])).segments).toEqual({ evaluated: 1, entered: 0, exited: 1 });
    expect(await outbox(pro.id)).toEqual(['segment.entered:ada', 'segment.entered:bob', 'segment.exited:bob']);
  });

  it('segments built on segments follow in the same change', async () => {
    const espresso = await saveSegment(prisma(), world.context, { name: 'Espresso', kind: 'dynamic', criteria: { type: 'tag', operator: 'has', tag: 'espresso' } });
    const reachable = await saveSegment(prisma(), world.context, {
      name: 'Espresso by email',
      kind: 'dynamic',
      criteria: { all: [{ type: 'segment', segmentId: espresso.id, operator: 'member' }, { type: 'attribute', field: 'email', operator: 'exists' }] },
    });
    expect(await membersOf(reachable.id)).toEqual(['ada']);
    await prisma().contact.update({ where: { id: world.ids.bob }, data: { tags: ['filter', 'espresso'] } });
    const result = await touch('bob', [dependency.tags]);
    expect(result.segments).toEqual({ evaluated: 2, entered: 2, exited: 0 });
    expect(await membersOf(reachable.id)).toEqual(['ada', 'bob']);
  });

  it('re-checks every segment reading a change in one statement, announcing segment by segment', async () => {
    const decaf = await saveSegment(prisma(), world.context, { name: 'Decaf', kind: 'dynamic', criteria: { type: 'tag', operator: 'has', tag: 'decaf' } });
    const caffeinated = await saveSegment(prisma(), world.context, { name: 'Caffeinated', kind: 'dynamic', criteria: { type: 'tag', operator: 'has_not', tag: 'decaf' } });
    expect(await membersOf(caffeinated.id)).toContain('ada');
    const before = await prisma().outboxEntry.count();
    const ada = await prisma().contact.findUniqueOrThrow({ where: { id: world.ids.ada } });
    await prisma().contact.update({ where: { id: ada.id }, data: { tags: [...ada.tags, 'decaf'] } });
    const result = await touch('ada', [dependency.tags]);
    expect(result.segments).toMatchObject({ entered: 1, exited: 1 });
    expect(await membersOf(decaf.id)).toEqual(['ada']);
    expect(await membersOf(caffeinated.id)).not.toContain('ada');
    const announced = (await prisma().outboxEntry.findMany({ orderBy: { id: 'asc' }, skip: before })).filter((entry) => entry.topic.startsWith('segment.'));
    expect(announced.map((entry) => entry.topic)).toEqual(['segment.entered', 'segment.exited']);
    // A contact's change is live: triggers expect it now.
    expect(announced.map((entry) => entry.lane)).toEqual(['live', 'live']);
    expect(announced.map((entry) => (typeof entry.payload === 'object' && entry.payload !== null && 'segmentId' in entry.payload ? entry.payload.segmentId : null))).toEqual([decaf.id, caffeinated.id]);
  });

  it('refuses a segment that would depend on itself, and criteria errors name the place', async () => {
    const first = await saveSegment(prisma(), world.context, { name: 'First', kind: 'dynamic', criteria: { type: 'tag', operator: 'has', tag: 'beta' } });
    const second = await saveSegment(prisma(), world.context, { name: 'Second', kind: 'dynamic', criteria: { type: 'segment', segmentId: first.id, operator: 'member' } });
    await expect(saveSegment(prisma(), world.context, { name: 'First', kind: 'dynamic', criteria: { type: 'segment', segmentId: second.id, operator: 'member' } })).rejects.toThrow(
      /"First" would depend on itself/,
    );
    const invalid = saveSegment(prisma(), world.context, {
      name: 'Broken',
      kind: 'dynamic',
      criteria: { all: [{ type: 'tag', operator: 'has', tag: 'x' }, { type: 'attribute', field: 'createdAt', operator: 'within_last_days' }] },
    });
    await expect(invalid).rejects.toThrow(InvalidSegmentError);
    await expect(invalid).rejects.toThrow('criteria.all[1].days: "within_last_days" needs "days"');
    await expect(saveSegment(prisma(), world.context, { name: 'Broken', kind: 'dynamic', criteria: { any: [{ type: 'attribute', field: 'createdAt', operator: 'contains', value: 'x' }] } })).rejects.toThrow(
      'criteria.any[0].operator: "contains" does not apply to a date value',
    );
    await expect(saveSegment(prisma(), world.context, { name: 'Broken', kind: 'dynamic', criteria: { type: 'weather' } })).rejects.toThrow('criteria.type: unknown condition type "weather"');
    expect(await prisma().segment.count({ where: { name: 'Broken' } })).toBe(0);
  });

  it('static segments: manual add and remove with history and events, CSV import with a per-row report', async () => {
    const vip = await saveSegment(prisma(), world.context, { name: 'Hand-picked', kind: 'static' });
    const onTop = await saveSegment(prisma(), world.context, { name: 'Hand-picked with orders', kind: 'dynamic', criteria: { all: [{ type: 'segment', segmentId: vip.id, operator: 'member' }, { type: 'order', measure: 'order_count', operator: 'gte', value: 1 }] } });
    expect(await changeStaticMembers(prisma(), world.context, vip.id, [world.ids.ada ?? '', world.ids.dee ?? ''], 'entered', 'api')).toEqual({ changed: 2 });
    expect(await changeStaticMembers(prisma(), world.context, vip.id, [world.ids.ada ?? ''], 'entered', 'api')).toEqual({ changed: 0 });
    expect(await membersOf(onTop.id)).toEqual(['ada']);
    expect(await changeStaticMembers(prisma(), world.context, vip.id, [world.ids.ada ?? ''], 'exited', 'api')).toEqual({ changed: 1 });
    expect(await membersOf(onTop.id)).toEqual([]);
    expect((await outbox(vip.id)).sort()).toEqual(['segment.entered:ada', 'segment.entered:dee', 'segment.exited:ada']);
    await expect(changeStaticMembers(prisma(), world.context, onTop.id, [world.ids.bob ?? ''], 'entered', 'api')).rejects.toThrow(StaticSegmentOnlyError);

    const csv = ['Email,Note', 'BOB@example.com,hi', 'nobody@example.com,', ',empty', 'cyd@example.org,again', 'cyd@example.org,dup'].join('\n');
    const report = await importStaticMembersCsv(prisma(), world.context, vip.id, csv);
    expect(report).toEqual({ rows: 5, added: 2, unmatched: [{ line: 3, value: 'nobody@example.com' }], invalid: [{ line: 4, message: 'no email, external_id or contact_id on this row' }] });
    expect(await membersOf(vip.id)).toEqual(['bob', 'cyd', 'dee']);
  });

  it('a contact change reaches an outbox listener as segment.entered within a second, woken by NOTIFY', async () => {
    const segment = await saveSegment(prisma(), world.context, { name: 'Cart abandoners', kind: 'dynamic', criteria: { type: 'event', name: 'Added to Cart', withinDays: 1 } });
    const received: OutboxEntry[] = [];
    let arrived: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    // The backstop is an hour away: only the NOTIFY sent at commit can deliver within the second.
    const feed = await startOutboxFeed(database.db, async (entries) => {
      received.push(...entries.filter((entry) => entry.topic === 'segment.entered' && JSON.stringify(entry.payload).includes(segment.id)));
      if (received.length > 0) arrived();
    }, { lane: 'live', backstopMs: 3_600_000 });
    try {
      await prisma().event.create({ data: { workspaceId: world.context.workspaceId, contactId: world.ids.dee ?? '', name: 'Added to Cart', messageId: 'late-cart', occurredAt: NOW } });
      const started = Date.now();
      await touch('dee', [dependency.event('Added to Cart')]);
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 1_000).unref());
      expect(await Promise.race([arrival.then(() => 'arrived' as const), timeout])).toBe('arrived');
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(received.map((entry) => world.names([String((entry.payload as { contactId: string }).contactId)])[0])).toEqual(['dee']);
    } finally {
      await feed.stop();
    }
    // The segments' first evaluations (every contact) went to the bulk lane, which this feed does not read.
    const undelivered = await prisma().outboxEntry.count({ where: { workspaceId: world.context.workspaceId, lane: 'live', dispatchedAt: null } });
    expect(undelivered).toBe(0);
  });
});
