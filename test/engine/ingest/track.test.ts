import { loadCrmContext } from '../../../engine/crm/context';
import { saveSegment } from '../../../engine/crm/segments/store';
import { identify, IngestError, recordOrder, track } from '../../../engine/ingest';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { HOUR_MS, newWorkspace, NOW, outboxOf } from './fixtures';

describe.each(databaseKinds)('track (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
  });
  afterAll(() => database.dispose());
  const db = () => database.db;
  const prisma = () => database.db.prisma;

  it('records an event for a new contact by email: the contact, the event, last seen and the outbox together', async () => {
    const workspaceId = await newWorkspace(db());
    const occurredAt = new Date(NOW.getTime() - HOUR_MS);
    const tracked = await track(prisma(), workspaceId, { email: 'Ada@Example.com', name: 'Viewed Product', properties: { sku: 'BEANS-1', price: 12.5 }, occurredAt: occurredAt.toISOString(), messageId: 'm-1' }, NOW);
    expect(tracked).toMatchObject({ duplicate: false, messageId: 'm-1' });
    if (tracked.duplicate) throw new Error('expected a new event');
    const contact = await prisma().contact.findUniqueOrThrow({ where: { id: tracked.contactId } });
    expect(contact).toMatchObject({ workspaceId, email: 'ada@example.com', lastSeenAt: occurredAt });
    const event = await prisma().event.findUniqueOrThrow({ where: { id: tracked.eventId } });
    expect(event).toMatchObject({ workspaceId, contactId: contact.id, name: 'Viewed Product', properties: { sku: 'BEANS-1', price: 12.5 }, messageId: 'm-1', occurredAt });
    expect(await outboxOf(db(), workspaceId)).toEqual(
      expect.arrayContaining([
        { topic: 'contact.attribute_changed', payload: { contactId: contact.id, field: 'email', from: null, to: 'ada@example.com' } },
        {
          topic: 'event.tracked',
          payload: { contactId: contact.id, eventId: event.id, name: 'Viewed Product', messageId: 'm-1', occurredAt: occurredAt.toISOString(), properties: { sku: 'BEANS-1', price: 12.5 } },
        },
      ]),
    );
  });

  it('finds an existing contact by contactId or externalId; occurredAt defaults to now and the message id to a uuid', async () => {
    const workspaceId = await newWorkspace(db());
    const contact = await prisma().contact.create({ data: { workspaceId, externalId: 'cust-7', lastSeenAt: NOW } });
    const byId = await track(prisma(), workspaceId, { contactId: contact.id, name: 'Store Visit' }, NOW);
    const byExternalId = await track(prisma(), workspaceId, { externalId: 'cust-7', name: 'Store Visit', occurredAt: '2026-01-01T00:00:00Z' }, NOW);
    expect(byId).toMatchObject({ duplicate: false, contactId: contact.id, messageId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(byExternalId).toMatchObject({ duplicate: false, contactId: contact.id });
    expect(await prisma().event.findMany({ where: { workspaceId }, select: { occurredAt: true }, orderBy: { occurredAt: 'asc' } })).toEqual([{ occurredAt: new Date('2026-01-01T00:00:00Z') }, { occurredAt: NOW }]);
    // The older event, sent last, does not move last seen backwards.
    expect((await prisma().contact.findUniqueOrThrow({ where: { id: contact.id } })).lastSeenAt).toEqual(NOW);
    expect(await prisma().contact.count({ where: { workspaceId } })).toBe(1);
  });

  it('a re-sent message id is a no-op: one event, one event.tracked entry, and no contact created for it', async () => {
    const workspaceId = await newWorkspace(db());
    const first = await track(prisma(), workspaceId, { email: 'bob@example.com', name: 'Added to Cart', messageId: 'cart-1' }, NOW);
    const entriesAfterFirst = (await outboxOf(db(), workspaceId)).length;
    expect(await track(prisma(), workspaceId, { email: 'bob@example.com', name: 'Added to Cart', messageId: 'cart-1' }, NOW)).toEqual({ duplicate: true, messageId: 'cart-1' });
    // Even naming somebody new: the duplicate must not leave a contact behind.
    expect(await track(prisma(), workspaceId, { email: 'someone-new@example.com', name: 'Added to Cart', messageId: 'cart-1' }, NOW)).toEqual({ duplicate: true, messageId: 'cart-1' });
    expect(first.duplicate).toBe(false);
    expect(await prisma().event.count({ where: { workspaceId } })).toBe(1);
    expect(await outboxOf(db(), workspaceId, 'event.tracked')).toHaveLength(1);
    expect(await outboxOf(db(), workspaceId)).toHaveLength(entriesAfterFirst);
    expect(await prisma().contact.count({ where: { workspaceId } })).toBe(1);
  });

  it('ten concurrent sends of one message id for a new contact: one contact, one event, one event.tracked entry', async () => {
    const workspaceId = await newWorkspace(db());
    const results = await Promise.all(Array.from({ length: 10 }, () => track(prisma(), workspaceId, { email: 'cy@example.com', name: 'Signed Up', messageId: 'signup-cy' }, NOW)));
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(results.filter((result) => result.duplicate)).toHaveLength(9);
    expect(await prisma().event.count({ where: { workspaceId } })).toBe(1);
    expect(await outboxOf(db(), workspaceId, 'event.tracked')).toHaveLength(1);
    expect(await prisma().contact.count({ where: { workspaceId } })).toBe(1);
  });

  it('events, orders and profile updates for one contact at once all commit, one after the other', async () => {
    const workspaceId = await newWorkspace(db());
    const contact = await prisma().contact.create({ data: { workspaceId, externalId: 'busy' } });
    const placedAt = new Date(NOW.getTime() - HOUR_MS).toISOString();
    await Promise.all([
      ...Array.from({ length: 6 }, (_, index) => track(prisma(), workspaceId, { externalId: 'busy', name: 'Viewed Product', messageId: `busy-${index}` }, NOW)),
      ...Array.from({ length: 3 }, (_, index) => recordOrder(prisma(), workspaceId, { externalId: `busy-order-${index}`, contact: { externalId: 'busy' }, status: 'paid', currency: 'EUR', amount: 25, placedAt }, NOW)),
      ...Array.from({ length: 3 }, (_, index) => identify(prisma(), workspaceId, { externalId: 'busy', attributes: { [`visit${index}`]: index } }, NOW)),
    ]);
    expect(await prisma().event.count({ where: { contactId: contact.id } })).toBe(6);
    expect(await prisma().order.count({ where: { contactId: contact.id } })).toBe(3);
    expect((await prisma().contact.findUniqueOrThrow({ where: { id: contact.id } })).attributes).toEqual({ visit0: 0, visit1: 1, visit2: 2 });
    expect(await prisma().rfmScore.findUniqueOrThrow({ where: { contactId: contact.id } })).toMatchObject({ frequency: 2 });
  });

  it('moves a dynamic segment that reads the event in the same call', async () => {
    const workspaceId = await newWorkspace(db());
    const contact = await prisma().contact.create({ data: { workspaceId, email: 'dee@example.com' } });
    const { id: segmentId } = await saveSegment(prisma(), await loadCrmContext(prisma(), workspaceId, NOW), {
      name: 'Cart abandoners',
      kind: 'dynamic',
      criteria: { type: 'event', name: 'Added to Cart', count: { operator: 'gte', value: 1 } },
    });
    expect(await prisma().segmentMembership.count({ where: { segmentId } })).toBe(0);
    await track(prisma(), workspaceId, { contactId: contact.id, name: 'Added to Cart', properties: { sku: 'MUG' } }, NOW);
    expect(await prisma().segmentMembership.findMany({ where: { segmentId }, select: { contactId: true } })).toEqual([{ contactId: contact.id }]);
    expect(await outboxOf(db(), workspaceId, 'segment.entered')).toEqual([{ topic: 'segment.entered', payload: expect.objectContaining({ contactId: contact.id, segmentId }) }]);
  });

  it('refuses, naming the field: a time more than 24 hours ahead, oversized properties, an unknown contact id, no identity', async () => {
    const workspaceId = await newWorkspace(db());
    const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => (error instanceof IngestError ? { kind: error.kind, field: error.field, message: error.message } : error));
    expect(await refusal(track(prisma(), workspaceId, { email: 'e@example.com', name: 'Late', occurredAt: new Date(NOW.getTime() + 25 * HOUR_MS).toISOString() }, NOW))).toEqual({
      kind: 'invalid',
      field: 'occurredAt',
      message: expect.stringContaining('more than 24 hours in the future'),
    });
    // 23 hours ahead is a clock running fast: accepted.
    expect(await track(prisma(), workspaceId, { email: 'e@example.com', name: 'Early', occurredAt: new Date(NOW.getTime() + 23 * HOUR_MS).toISOString() }, NOW)).toMatchObject({ duplicate: false });
    expect(await refusal(track(prisma(), workspaceId, { email: 'e@example.com', name: 'Big', properties: { blob: 'x'.repeat(40_000) } }, NOW))).toMatchObject({ kind: 'invalid', field: 'properties' });
    expect(await refusal(track(prisma(), workspaceId, { contactId: '00000000-0000-4000-8000-000000000000', name: 'Ghost' }, NOW))).toMatchObject({ kind: 'not_found', field: 'contactId' });
    expect(await refusal(track(prisma(), workspaceId, { name: 'Nobody' }, NOW))).toMatchObject({ kind: 'invalid', field: 'contactId' });
    expect(await prisma().event.count({ where: { workspaceId } })).toBe(1);
  });

  it("never attaches an event to another workspace's contact", async () => {
    const [mine, theirs] = [await newWorkspace(db()), await newWorkspace(db())];
    const their = await prisma().contact.create({ data: { workspaceId: theirs, email: 'eve@example.com', externalId: 'eve' } });
    await expect(track(prisma(), mine, { contactId: their.id, name: 'Viewed Product' }, NOW)).rejects.toMatchObject({ kind: 'not_found', field: 'contactId' });
    const byEmail = await track(prisma(), mine, { email: 'eve@example.com', name: 'Viewed Product' }, NOW);
    const byExternalId = await track(prisma(), mine, { externalId: 'eve', name: 'Viewed Product' }, NOW);
    if (byEmail.duplicate || byExternalId.duplicate) throw new Error('expected new events');
    expect(byEmail.contactId).not.toBe(their.id);
    expect((await prisma().contact.findUniqueOrThrow({ where: { id: byEmail.contactId } })).workspaceId).toBe(mine);
    expect((await prisma().contact.findUniqueOrThrow({ where: { id: byExternalId.contactId } })).workspaceId).toBe(mine);
    expect(await prisma().event.count({ where: { contactId: their.id } })).toBe(0);
    expect(await outboxOf(db(), theirs)).toEqual([]);
  });
});
