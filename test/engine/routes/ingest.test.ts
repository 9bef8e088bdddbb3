import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

describe.each(databaseKinds)('/v1/track, /v1/identify, /v1/orders and /v1/batch (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  let theirs: { workspaceId: string; key: string };
  let theirContactId: string;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    mine = await workspaceWithKey(database.db);
    theirs = await workspaceWithKey(database.db);
    theirContactId = (await database.db.prisma.contact.create({ data: { workspaceId: theirs.workspaceId, email: 'eve@example.com', externalId: 'eve' } })).id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  /** `key: null` sends no Authorization header. */
  const post = (url: string, payload: unknown, key: string | null = mine.key) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...(key === null ? {} : { authorization: `Bearer ${key}` }) }, payload: JSON.stringify(payload) });
  const prisma = () => database.db.prisma;
  const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  // Fixed once: a re-send must carry the very same placedAt to be the same order.
  const placedAt = hoursFromNow(-2);
  const order = (overrides: Record<string, unknown> = {}) => ({
    externalId: 'web-1001',
    contact: { email: 'ada@example.com' },
    status: 'paid',
    currency: 'USD',
    amount: 120,
    placedAt,
    items: [{ sku: 'BEANS-1', name: 'House beans', quantity: 4, unitPrice: 30 }],
    ...overrides,
  });

  it('tracks an event, answers a re-sent message id as a duplicate, and ten concurrent sends store it once', async () => {
    const first = await post('/v1/track', { email: 'ada@example.com', name: 'Viewed Product', properties: { sku: 'BEANS-1' }, messageId: 'view-1' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ duplicate: false, messageId: 'view-1', contactId: expect.any(String), eventId: expect.any(String) });
    const again = await post('/v1/track', { email: 'ada@example.com', name: 'Viewed Product', messageId: 'view-1' });
    expect(again.json()).toEqual({ duplicate: true, messageId: 'view-1' });

    const burst = await Promise.all(Array.from({ length: 10 }, () => post('/v1/track', { email: 'ada@example.com', name: 'Added to Cart', messageId: 'cart-1' })));
    expect(burst.map((response) => response.statusCode)).toEqual(Array(10).fill(200));
    expect(burst.filter((response) => response.json<{ duplicate: boolean }>().duplicate === false)).toHaveLength(1);
    expect(await prisma().event.count({ where: { workspaceId: mine.workspaceId, messageId: 'cart-1' } })).toBe(1);
    const tracked = await prisma().outboxEntry.findMany({ where: { workspaceId: mine.workspaceId, topic: 'event.tracked' } });
    expect(tracked.filter((entry) => typeof entry.payload === 'object' && entry.payload !== null && 'messageId' in entry.payload && entry.payload.messageId === 'cart-1')).toHaveLength(1);
  });

  it('identifies a contact: profile and attributes, with the changed fields', async () => {
    const response = await post('/v1/identify', { email: 'ada@example.com', firstName: 'Ada', attributes: { plan: 'pro' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ created: false, changed: ['firstName', 'attributes.plan'] });
    expect((await post('/v1/identify', { email: 'ada@example.com', firstName: 'Ada', attributes: { plan: 'pro' } })).json()).toMatchObject({ changed: [] });
  });

  it('records an order, which rescores the contact; a re-send is unchanged and a status change updates it', async () => {
    const created = await post('/v1/orders', order());
    expect(created.statusCode).toBe(200);
    const { contactId, outcome } = created.json<{ contactId: string; outcome: string }>();
    expect(outcome).toBe('created');
    expect(await prisma().rfmScore.findUnique({ where: { contactId } })).toMatchObject({ workspaceId: mine.workspaceId, frequency: 1 });
    expect((await post('/v1/orders', order())).json()).toMatchObject({ outcome: 'unchanged' });
    expect((await post('/v1/orders', order({ status: 'fulfilled' }))).json()).toMatchObject({ outcome: 'updated' });
  });

  it('reports every item of a batch', async () => {
    const response = await post('/v1/batch', {
      items: [
        { type: 'track', email: 'bob@example.com', name: 'Signed Up', messageId: 'signup-bob' },
        { type: 'track', email: 'bob@example.com', name: 'Signed Up', messageId: 'signup-bob' },
        { type: 'identify', email: 'bob@example.com', attributes: { plan: 'free' } },
        { type: 'order', ...order({ externalId: 'web-1002', contact: { email: 'bob@example.com' }, amount: -5 }) },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: 2,
      duplicate: 1,
      error: 1,
      results: [
        { index: 0, status: 'ok' },
        { index: 1, status: 'duplicate' },
        { index: 2, status: 'ok' },
        { index: 3, status: 'error', error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('amount'), field: 'amount' } },
      ],
    });
    expect((await post('/v1/batch', { items: Array(501).fill({ type: 'track' }) })).statusCode).toBe(400);
  });

  it('refuses an order in another currency than the workspace (USD) with a 422 naming currency, alone and in a batch', async () => {
    const euro = await post('/v1/orders', order({ externalId: 'web-eur-1', contact: { email: 'eur@example.com' }, currency: 'EUR' }));
    expect(euro.statusCode).toBe(422);
    expect(euro.json()).toMatchObject({
      error: { code: 'CURRENCY_MISMATCH', field: 'body.currency', message: "The order is not in the workspace currency: body.currency is EUR; this workspace's orders are in USD (convert the amounts before sending)" },
    });
    const batch = await post('/v1/batch', { items: [{ type: 'order', ...order({ externalId: 'web-eur-2', contact: { email: 'eur@example.com' }, currency: 'eur' }) }] });
    expect(batch.statusCode).toBe(200);
    expect(batch.json()).toMatchObject({ ok: 0, error: 1, results: [{ index: 0, status: 'error', error: { code: 'CURRENCY_MISMATCH', field: 'currency', message: expect.stringContaining('USD') } }] });
    expect(await prisma().order.count({ where: { workspaceId: mine.workspaceId, externalId: { in: ['web-eur-1', 'web-eur-2'] } } })).toBe(0);
    expect(await prisma().contact.count({ where: { workspaceId: mine.workspaceId, email: 'eur@example.com' } })).toBe(0);
  });

  it('refuses invalid bodies with a message naming the field', async () => {
    const missing = await post('/v1/track', { email: 'ada@example.com' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.name', message: expect.stringContaining('body.name') } });
    const future = await post('/v1/track', { email: 'ada@example.com', name: 'Late', occurredAt: hoursFromNow(48) });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.occurredAt', message: expect.stringMatching(/^The request is invalid: body\.occurredAt is more than 24 hours in the future \(.+\)$/) } });
    const notUuid = await post('/v1/track', { contactId: 'ada', name: 'Viewed Product' });
    expect(notUuid.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.contactId' } });
    const nobody = await post('/v1/track', { name: 'Viewed Product' });
    expect(nobody.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.contactId', message: expect.stringContaining('externalId or email') } });
    const attribute = await post('/v1/identify', { email: 'ada@example.com', attributes: { 'bad key': 1 } });
    expect(attribute.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.attributes.bad key' } });
    const status = await post('/v1/orders', order({ status: 'shipped' }));
    expect(status.statusCode).toBe(400);
    expect(status.json()).toMatchObject({ error: { field: 'body.status' } });
    const decimals = await post('/v1/orders', order({ amount: 1.999 }));
    expect(decimals.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.amount' } });
    const tooLarge = await post('/v1/track', { email: 'ada@example.com', name: 'Big', properties: { blob: 'x'.repeat(70_000) } });
    expect(tooLarge.statusCode).toBe(413);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, { post?: { requestBody?: unknown; security?: unknown } }> }>();
    for (const path of ['/v1/track', '/v1/identify', '/v1/orders', '/v1/batch']) expect(document.paths[path]?.post).toMatchObject({ requestBody: expect.anything(), security: [{ apiKey: [] }, { session: [] }] });
  });

  it.each(['/v1/track', '/v1/identify', '/v1/orders', '/v1/batch'])('%s answers 401 without a key or with a wrong one', async (url) => {
    expect((await post(url, {}, null)).statusCode).toBe(401);
    const wrong = await post(url, {}, 'je_not-a-real-key');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it("a key of one workspace cannot attach events or orders to another workspace's contact", async () => {
    const byId = await post('/v1/track', { contactId: theirContactId, name: 'Viewed Product' });
    expect(byId.statusCode).toBe(404);
    expect(byId.json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'body.contactId' } });
    const orderById = await post('/v1/orders', order({ externalId: 'web-2001', contact: { contactId: theirContactId } }));
    expect(orderById.statusCode).toBe(404);
    expect(orderById.json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'body.contact.contactId' } });
    expect((await post('/v1/identify', { contactId: theirContactId, firstName: 'Mallory' })).statusCode).toBe(404);

    // By email or external id, the key's own workspace gets its own contact.
    const byEmail = await post('/v1/track', { email: 'eve@example.com', name: 'Viewed Product' });
    const orderByExternalId = await post('/v1/orders', order({ externalId: 'web-2002', contact: { externalId: 'eve' } }));
    for (const response of [byEmail, orderByExternalId]) {
      expect(response.statusCode).toBe(200);
      const { contactId } = response.json<{ contactId: string }>();
      expect(contactId).not.toBe(theirContactId);
      expect((await prisma().contact.findUniqueOrThrow({ where: { id: contactId } })).workspaceId).toBe(mine.workspaceId);
    }
    expect(await prisma().event.count({ where: { contactId: theirContactId } })).toBe(0);
    expect(await prisma().order.count({ where: { contactId: theirContactId } })).toBe(0);
    expect(await prisma().contact.findUniqueOrThrow({ where: { id: theirContactId } })).toMatchObject({ firstName: null, lastSeenAt: null });
    expect(await prisma().outboxEntry.count({ where: { workspaceId: theirs.workspaceId } })).toBe(0);
  });
});
