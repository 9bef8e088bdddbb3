import { loadCrmContext } from '../../../engine/crm/context';
import { saveSegment } from '../../../engine/crm/segments/store';
import { recordOrder } from '../../../engine/ingest';
import type { OrderInput } from '../../../engine/ingest';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { HOUR_MS, newWorkspace, NOW, outboxOf } from './fixtures';

describe.each(databaseKinds)('orders (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
  });
  afterAll(() => database.dispose());
  const db = () => database.db;
  const prisma = () => database.db.prisma;

  const order = (overrides: Partial<OrderInput> = {}): OrderInput => ({
    externalId: 'order-1001',
    contact: { email: 'ada@example.com' },
    status: 'paid',
    currency: 'eur',
    amount: 42.5,
    cost: 20,
    placedAt: new Date(NOW.getTime() - 24 * HOUR_MS).toISOString(),
    items: [
      { sku: 'BEANS-1', name: 'House beans', category: 'coffee', quantity: 2, unitPrice: 15 },
      { sku: 'MUG', name: 'Mug', quantity: 1, unitPrice: 12.5, unitCost: 4 },
    ],
    ...overrides,
  });

  it('creates the order with its items and rescores the contact in the same call', async () => {
    const workspaceId = await newWorkspace(db(), 'EUR');
    const recorded = await recordOrder(prisma(), workspaceId, order(), NOW);
    expect(recorded).toMatchObject({ outcome: 'created' });
    const stored = await prisma().order.findUniqueOrThrow({ where: { id: recorded.orderId }, include: { items: { orderBy: { sku: 'asc' } } } });
    expect(stored).toMatchObject({ workspaceId, contactId: recorded.contactId, externalId: 'order-1001', status: 'paid', currency: 'EUR', placedAt: new Date(NOW.getTime() - 24 * HOUR_MS) });
    expect(stored.amount.toFixed(2)).toBe('42.50');
    expect(stored.items.map((item) => [item.sku, item.quantity, item.unitPrice.toFixed(2), item.unitCost?.toFixed(2) ?? null])).toEqual([
      ['BEANS-1', 2, '15.00', null],
      ['MUG', 1, '12.50', '4.00'],
    ]);
    const rfm = await prisma().rfmScore.findUniqueOrThrow({ where: { contactId: recorded.contactId } });
    expect(rfm).toMatchObject({ workspaceId, recency: 5, frequency: 1, monetary: 1 });
    expect(await outboxOf(db(), workspaceId, 'score.changed')).toEqual(expect.arrayContaining([{ topic: 'score.changed', payload: expect.objectContaining({ contactId: recorded.contactId, model: 'rfm' }) }]));
  });

  it('is idempotent by external id: the same content changes nothing, a status change updates it', async () => {
    const workspaceId = await newWorkspace(db(), 'EUR');
    const first = await recordOrder(prisma(), workspaceId, order(), NOW);
    const entries = (await outboxOf(db(), workspaceId)).length;
    const again = await recordOrder(prisma(), workspaceId, order({ items: [...(order().items ?? [])].reverse() }), NOW);
    expect(again).toEqual({ orderId: first.orderId, contactId: first.contactId, outcome: 'unchanged' });
    expect(await outboxOf(db(), workspaceId)).toHaveLength(entries);
    expect(await prisma().orderItem.count({ where: { orderId: first.orderId } })).toBe(2);

    const refunded = await recordOrder(prisma(), workspaceId, order({ status: 'refunded', items: [{ sku: 'MUG', name: 'Mug', quantity: 1, unitPrice: 12.5 }] }), NOW);
    expect(refunded).toEqual({ orderId: first.orderId, contactId: first.contactId, outcome: 'updated' });
    expect(await prisma().order.findUniqueOrThrow({ where: { id: first.orderId } })).toMatchObject({ status: 'refunded' });
    expect(await prisma().orderItem.count({ where: { orderId: first.orderId } })).toBe(1);
    // A refunded order is no purchase: the RFM row goes with it.
    expect(await prisma().rfmScore.findUnique({ where: { contactId: first.contactId } })).toBeNull();
    expect(await prisma().order.count({ where: { workspaceId } })).toBe(1);
  });

  it('concurrent first sends of one order create it once', async () => {
    const workspaceId = await newWorkspace(db(), 'EUR');
    const results = await Promise.all(Array.from({ length: 5 }, () => recordOrder(prisma(), workspaceId, order({ contact: { externalId: 'cust-9' } }), NOW)));
    expect(results.map((result) => result.outcome).sort()).toEqual(['created', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(await prisma().order.count({ where: { workspaceId } })).toBe(1);
    expect(await prisma().contact.count({ where: { workspaceId } })).toBe(1);
  });

  it('moves a segment reading orders, and awards no loyalty points even with an active programme', async () => {
    const workspaceId = await newWorkspace(db(), 'EUR');
    await prisma().loyaltyProgram.create({ data: { workspaceId, name: 'Beans club' } });
    const contact = await prisma().contact.create({ data: { workspaceId, externalId: 'cust-5' } });
    const { id: segmentId } = await saveSegment(prisma(), await loadCrmContext(prisma(), workspaceId, NOW), {
      name: 'Customers',
      kind: 'dynamic',
      criteria: { type: 'order', measure: 'order_count', operator: 'gte', value: 1 },
    });
    await recordOrder(prisma(), workspaceId, order({ contact: { externalId: 'cust-5' } }), NOW);
    expect(await prisma().segmentMembership.findMany({ where: { segmentId }, select: { contactId: true } })).toEqual([{ contactId: contact.id }]);
    expect(await outboxOf(db(), workspaceId, 'segment.entered')).toHaveLength(1);
    expect(await prisma().loyaltyTransaction.count({ where: { workspaceId } })).toBe(0);
  });

  it('refuses, naming the field: a third decimal, a future date, an unknown or foreign contact id, an order of another contact', async () => {
    const [mine, theirs] = [await newWorkspace(db(), 'EUR'), await newWorkspace(db(), 'EUR')];
    const their = await prisma().contact.create({ data: { workspaceId: theirs, email: 'eve@example.com' } });
    await expect(recordOrder(prisma(), mine, order({ amount: 10.005 }), NOW)).rejects.toMatchObject({ kind: 'invalid', field: 'amount' });
    await expect(recordOrder(prisma(), mine, order({ items: [{ sku: 'X', name: 'X', quantity: 1, unitPrice: 1.001 }] }), NOW)).rejects.toMatchObject({ kind: 'invalid', field: 'items.0.unitPrice' });
    await expect(recordOrder(prisma(), mine, order({ placedAt: new Date(NOW.getTime() + 48 * HOUR_MS).toISOString() }), NOW)).rejects.toMatchObject({ kind: 'invalid', field: 'placedAt' });
    await expect(recordOrder(prisma(), mine, order({ contact: { contactId: their.id } }), NOW)).rejects.toMatchObject({ kind: 'not_found', field: 'contact.contactId' });
    // By email, the key's workspace gets its own contact, never the other workspace's.
    const own = await recordOrder(prisma(), mine, order({ contact: { email: 'eve@example.com' } }), NOW);
    expect(own.contactId).not.toBe(their.id);
    expect(await prisma().order.count({ where: { contactId: their.id } })).toBe(0);
    await expect(recordOrder(prisma(), mine, order({ contact: { email: 'someone-else@example.com' } }), NOW)).rejects.toMatchObject({ kind: 'conflict', field: 'contact' });
    expect(await prisma().contact.count({ where: { workspaceId: mine, email: 'someone-else@example.com' } })).toBe(0);
  });

  it('refuses an order in another currency than the workspace, new or re-sent, naming currency and the workspace currency', async () => {
    const workspaceId = await newWorkspace(db(), 'USD');
    const refusal = { kind: 'currency_mismatch', field: 'currency', detail: expect.stringMatching(/^is EUR; this workspace's orders are in USD/) };
    await expect(recordOrder(prisma(), workspaceId, order({ currency: 'eur' }), NOW)).rejects.toMatchObject(refusal);
    expect(await prisma().order.count({ where: { workspaceId } })).toBe(0);
    expect(await prisma().contact.count({ where: { workspaceId } })).toBe(0);

    // In the workspace currency (any case) it is taken and counted; the same order re-sent in EUR changes nothing.
    const recorded = await recordOrder(prisma(), workspaceId, order({ currency: 'usd' }), NOW);
    expect(await prisma().rfmScore.findUniqueOrThrow({ where: { contactId: recorded.contactId } })).toMatchObject({ frequency: 1 });
    await expect(recordOrder(prisma(), workspaceId, order({ currency: 'EUR', status: 'fulfilled' }), NOW)).rejects.toMatchObject(refusal);
    expect(await prisma().order.findUniqueOrThrow({ where: { id: recorded.orderId } })).toMatchObject({ currency: 'USD', status: 'paid' });
  });
});
