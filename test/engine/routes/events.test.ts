import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { EVENT_NAMES_LIMIT, PROPERTY_SAMPLE_SIZE } from '../../../engine/ingest/event-names';
import { createApiKey } from '../../../engine/journeys';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

interface EventName {
  name: string;
  count: number;
  lastSeenAt: string;
  properties: string[];
}

/** GET /v1/events/names: the builder's event picker. */
describe.each(databaseKinds)('event names (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let a: { workspaceId: string; key: string };
  let b: { workspaceId: string; key: string };
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    [a, b] = [await workspaceWithKey(database.db), await workspaceWithKey(database.db)];
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const names = async (key: string): Promise<EventName[]> => {
    const response = await app.inject({ method: 'GET', url: '/v1/events/names', headers: { authorization: `Bearer ${key}` } });
    expect(response.statusCode).toBe(200);
    return response.json<{ events: EventName[] }>().events;
  };
  const track = async (key: string, name: string, properties: Record<string, unknown>, occurredAt: string) => {
    const response = await app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: `Bearer ${key}` }, payload: { email: 'ann@example.com', name, properties, occurredAt } });
    expect(response.statusCode).toBeLessThan(300);
  };

  it('is empty before anything was received', async () => {
    expect(await names(a.key)).toEqual([]);
  });

  it('lists the names most frequent first, with counts, the last time seen and the property keys', async () => {
    await track(a.key, 'Viewed Product', { sku: 'A1', price: 12 }, '2026-11-01T10:00:00Z');
    await track(a.key, 'Viewed Product', { sku: 'B2', category: 'beans' }, '2026-11-03T10:00:00Z');
    await track(a.key, 'Viewed Product', {}, '2026-11-02T10:00:00Z');
    await track(a.key, 'Order Completed', { total: 40, items: [{ sku: 'A1' }], shipping: { country: 'FR' } }, '2026-11-04T09:30:00Z');
    await track(a.key, 'Order Completed', { total: 12 }, '2026-11-02T09:30:00Z');
    await track(a.key, 'Signed Up', {}, '2026-10-01T08:00:00Z');
    // B's events are B's.
    await track(b.key, 'B Only', { secret: true }, '2026-11-01T10:00:00Z');

    expect(await names(a.key)).toEqual([
      { name: 'Viewed Product', count: 3, lastSeenAt: '2026-11-03T10:00:00.000Z', properties: ['category', 'price', 'sku'] },
      { name: 'Order Completed', count: 2, lastSeenAt: '2026-11-04T09:30:00.000Z', properties: ['items', 'shipping', 'total'] },
      { name: 'Signed Up', count: 1, lastSeenAt: '2026-10-01T08:00:00.000Z', properties: [] },
    ]);
    expect(await names(b.key)).toEqual([{ name: 'B Only', count: 1, lastSeenAt: '2026-11-01T10:00:00.000Z', properties: ['secret'] }]);
  });

  it('reads property keys from the newest events of each name only, and caps the names', async () => {
    const { prisma } = database.db;
    const contact = await prisma.contact.create({ data: { workspaceId: a.workspaceId, email: 'bulk@example.com' } });
    const base = Date.parse('2026-06-01T00:00:00Z');
    // An old key, then PROPERTY_SAMPLE_SIZE newer events without it: it has left the sample.
    await prisma.event.create({ data: { workspaceId: a.workspaceId, contactId: contact.id, name: 'Sampled', properties: { retired: 1 }, messageId: 'sampled-old', occurredAt: new Date(base) } });
    await prisma.event.createMany({
      data: Array.from({ length: PROPERTY_SAMPLE_SIZE }, (_, index) => ({
        workspaceId: a.workspaceId,
        contactId: contact.id,
        name: 'Sampled',
        properties: { current: index },
        messageId: `sampled-${index}`,
        occurredAt: new Date(base + (index + 1) * 60_000),
      })),
    });
    const sampled = (await names(a.key)).find((event) => event.name === 'Sampled');
    expect(sampled).toEqual({ name: 'Sampled', count: PROPERTY_SAMPLE_SIZE + 1, lastSeenAt: new Date(base + PROPERTY_SAMPLE_SIZE * 60_000).toISOString(), properties: ['current'] });

    await prisma.event.createMany({
      data: Array.from({ length: EVENT_NAMES_LIMIT + 5 }, (_, index) => ({ workspaceId: b.workspaceId, name: `Rare ${String(index).padStart(4, '0')}`, messageId: `rare-${index}`, occurredAt: new Date(base) })),
    });
    const capped = await names(b.key);
    expect(capped).toHaveLength(EVENT_NAMES_LIMIT);
    // The most frequent first; ties by name.
    expect(capped[0]).toMatchObject({ name: 'B Only', count: 1 });
    expect(capped[1]?.name).toBe('Rare 0000');
  });

  it('is a read: a read key may, an ingest key may not', async () => {
    const read = (await createApiKey(database.db.prisma, a.workspaceId, { name: 'dashboard', scope: 'read' })).key;
    const ingest = (await createApiKey(database.db.prisma, a.workspaceId, { name: 'shop', scope: 'ingest' })).key;
    expect((await app.inject({ method: 'GET', url: '/v1/events/names', headers: { authorization: `Bearer ${read}` } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/events/names', headers: { authorization: `Bearer ${ingest}` } })).statusCode).toBe(403);
  });
});
