import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

interface ContactBody {
  id: string;
  email: string | null;
  externalId: string | null;
  firstName: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
}
interface ErrorReply {
  error: { code: string; message: string; field?: string };
}

describe('/v1/contacts', () => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  let theirs: { workspaceId: string; key: string };
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
    app = await journeyApp(database.db);
    mine = await workspaceWithKey(database.db);
    theirs = await workspaceWithKey(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** `key` null sends no Authorization header at all. */
  const call = (method: Method, url: string, payload?: unknown, key: string | null = mine.key) =>
    app.inject({
      method,
      url,
      headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  const upsert = async (body: Record<string, unknown>, key = mine.key) => {
    const response = await call('PUT', '/v1/contacts', body, key);
    if (response.statusCode >= 300) throw new Error(`upsert failed: ${response.body}`);
    return response.json<{ contact: ContactBody; created: boolean; changed: string[] }>().contact;
  };
  const failure = (response: { statusCode: number; json<T>(): T }) => ({ status: response.statusCode, ...response.json<ErrorReply>().error });

  it('creates a contact (201), then updates it found by email (200)', async () => {
    const created = await call('PUT', '/v1/contacts', { email: 'Ada@Example.com', firstName: 'Ada', tags: ['vip'], attributes: { plan: 'free' } });
    expect(created.statusCode).toBe(201);
    const { contact } = created.json<{ contact: ContactBody }>();
    expect(contact).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', tags: ['vip'], attributes: { plan: 'free' } });

    const updated = await call('PUT', '/v1/contacts', { email: 'ada@example.com', externalId: 'shop-1', attributes: { plan: 'pro' } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ created: false, changed: ['externalId', 'attributes.plan'], contact: { id: contact.id, externalId: 'shop-1', attributes: { plan: 'pro' } } });

    const read = await call('GET', `/v1/contacts/${contact.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: contact.id, externalId: 'shop-1', lifecycleStage: 'prospect' });
  });

  it('answers invalid values with 400 naming the field', async () => {
    expect(failure(await call('PUT', '/v1/contacts', { email: 'nope' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.email' });
    expect(failure(await call('PUT', '/v1/contacts', { email: 'bo@example.com', phone: '12' }))).toMatchObject({ status: 400, field: 'body.phone', message: expect.stringContaining('body.phone') });
    expect(failure(await call('PUT', '/v1/contacts', { email: 'bo@example.com', timezone: 'Nowhere/Town' }))).toMatchObject({ status: 400, field: 'body.timezone' });
    expect(failure(await call('PUT', '/v1/contacts', { email: 'bo@example.com', attributes: { 'a b': 1 } }))).toMatchObject({ status: 400, field: 'body.attributes.a b' });
    expect(failure(await call('PUT', '/v1/contacts', { firstName: 'Bo' }))).toMatchObject({ status: 400, field: 'body.externalId' });
    expect(failure(await call('PUT', '/v1/contacts', { email: 'bo@example.com', type: 'alien' }))).toMatchObject({ status: 400, field: 'body.type' });
    expect(failure(await call('GET', '/v1/contacts?limit=500'))).toMatchObject({ status: 400, field: 'querystring.limit' });
    expect(failure(await call('GET', '/v1/contacts?attributes=plan'))).toMatchObject({ status: 400, field: 'querystring.attributes' });
    expect(failure(await call('GET', '/v1/contacts?cursor=garbage'))).toMatchObject({ status: 400, field: 'querystring.cursor' });
    expect(failure(await call('GET', '/v1/contacts/not-a-uuid'))).toMatchObject({ status: 400, field: 'params.contactId' });
    expect(failure(await call('POST', `/v1/contacts/${randomUUID()}/merge`, { from: 'x' }))).toMatchObject({ status: 400, field: 'body.from' });
  });

  it('refuses an externalId and an email of two different contacts with 409 naming both', async () => {
    const first = await upsert({ externalId: 'c-1' });
    const second = await upsert({ email: 'cyd@example.com' });
    const response = await call('PUT', '/v1/contacts', { externalId: 'c-1', email: 'cyd@example.com' });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorReply>().error.code).toBe('CONFLICT');
    expect(response.json<ErrorReply>().error.message).toEqual(expect.stringContaining(first.id));
    expect(response.json<ErrorReply>().error.message).toEqual(expect.stringContaining(second.id));
  });

  it('searches with filters and pages with a cursor', async () => {
    for (let n = 0; n < 5; n += 1) await upsert({ email: `page${n}@example.net`, company: 'Pagination Inc', attributes: { batch: 'p', n } });
    const filtered = await call('GET', `/v1/contacts?q=pagination&attributes=${encodeURIComponent('{"n":3}')}`);
    expect(filtered.json<{ contacts: ContactBody[] }>().contacts.map((contact) => contact.email)).toEqual(['page3@example.net']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/v1/contacts?q=pagination&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.statusCode).toBe(200);
      const body = page.json<{ contacts: ContactBody[]; nextCursor: string | null }>();
      seen.push(...body.contacts.map((contact) => contact.email ?? ''));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((n) => `page${n}@example.net`));
    expect((await call('GET', '/v1/contacts?tag=vip')).json<{ contacts: ContactBody[] }>().contacts.map((contact) => contact.email)).toEqual(['ada@example.com']);
  });

  it('an upsert that changes an attribute moves the dynamic segment reading it, in the same call', async () => {
    const segment = await call('PUT', '/v1/segments', { name: 'Enterprise', kind: 'dynamic', criteria: { type: 'attribute', field: 'attributes.tier', operator: 'equals', value: 'enterprise' } });
    const { segmentId } = segment.json<{ segmentId: string }>();
    const contact = await upsert({ email: 'dan@example.com', attributes: { tier: 'smb' } });
    await upsert({ email: 'dan@example.com', attributes: { tier: 'enterprise' } });
    const entered = await database.db.prisma.outboxEntry.findMany({ where: { workspaceId: mine.workspaceId, topic: 'segment.entered' }, select: { payload: true } });
    expect(entered.map((entry) => entry.payload)).toContainEqual({ contactId: contact.id, segmentId, source: 'evaluation' });
    expect((await call('GET', `/v1/contacts?segmentId=${segmentId}`)).json<{ contacts: ContactBody[] }>().contacts.map((member) => member.id)).toEqual([contact.id]);
  });

  it('merges a duplicate into a contact, then the duplicate is gone', async () => {
    const survivor = await upsert({ email: 'eve@example.com', tags: ['a'] });
    const duplicate = await upsert({ externalId: 'eve-shop', lastName: 'Evans', tags: ['b'] });
    const merged = await call('POST', `/v1/contacts/${survivor.id}/merge`, { from: duplicate.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ contact: { id: survivor.id, externalId: 'eve-shop', lastName: 'Evans', tags: ['a', 'b'] }, moved: { events: 0, orders: 0 } });
    expect((await call('GET', `/v1/contacts/${duplicate.id}`)).statusCode).toBe(404);
    expect(failure(await call('POST', `/v1/contacts/${survivor.id}/merge`, { from: duplicate.id }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(failure(await call('POST', `/v1/contacts/${survivor.id}/merge`, { from: survivor.id }))).toMatchObject({ status: 400, field: 'body.from' });
  });

  it('deletes a contact (204), then it is not found', async () => {
    const contact = await upsert({ email: 'fay@example.com' });
    const deleted = await call('DELETE', `/v1/contacts/${contact.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await call('DELETE', `/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/contacts/${contact.id}`)).statusCode).toBe(404);
  });

  it('documents every contact route in the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    const { paths } = response.json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(paths['/v1/contacts/'] ?? paths['/v1/contacts']).toMatchObject({ put: expect.anything(), get: expect.anything() });
    expect(paths['/v1/contacts/{contactId}']).toMatchObject({ get: expect.anything(), delete: expect.anything() });
    expect(paths['/v1/contacts/{contactId}/merge']).toMatchObject({ post: expect.anything() });
  });

  it('answers 401 without a key or with a wrong one, on every route', async () => {
    const id = randomUUID();
    const routes: [Method, string, unknown][] = [
      ['PUT', '/v1/contacts', { email: 'x@example.com' }],
      ['GET', '/v1/contacts', undefined],
      ['GET', `/v1/contacts/${id}`, undefined],
      ['DELETE', `/v1/contacts/${id}`, undefined],
      ['POST', `/v1/contacts/${id}/merge`, { from: randomUUID() }],
    ];
    for (const [method, url, payload] of routes) {
      for (const key of [null, 'je_wrong_key']) {
        const response = await call(method, url, payload, key);
        expect({ route: `${method} ${url}`, status: response.statusCode, code: response.json<ErrorReply>().error.code }).toEqual({ route: `${method} ${url}`, status: 401, code: 'UNAUTHORIZED' });
      }
    }
    expect(await database.db.prisma.contact.count({ where: { email: 'x@example.com' } })).toBe(0);
  });

  it('a key of another workspace can neither read nor change a contact of this one', async () => {
    const contact = await upsert({ email: 'gil@example.com', externalId: 'gil-1', attributes: { plan: 'pro' } });
    const stranger = await upsert({ email: 'stranger@example.com' }, theirs.key);

    expect((await call('GET', `/v1/contacts/${contact.id}`, undefined, theirs.key)).statusCode).toBe(404);
    expect((await call('GET', '/v1/contacts?q=gil', undefined, theirs.key)).json<{ contacts: unknown[] }>().contacts).toEqual([]);
    expect((await call('DELETE', `/v1/contacts/${contact.id}`, undefined, theirs.key)).statusCode).toBe(404);
    expect((await call('POST', `/v1/contacts/${contact.id}/merge`, { from: stranger.id }, theirs.key)).statusCode).toBe(404);
    expect((await call('POST', `/v1/contacts/${stranger.id}/merge`, { from: contact.id }, theirs.key)).statusCode).toBe(404);
    expect((await call('POST', `/v1/contacts/${contact.id}/merge`, { from: stranger.id })).statusCode).toBe(404);
    const mySegment = (await call('PUT', '/v1/segments', { name: 'Mine only', kind: 'static' })).json<{ segmentId: string }>().segmentId;
    expect((await call('GET', `/v1/contacts?segmentId=${mySegment}`, undefined, theirs.key)).statusCode).toBe(404);

    // The same external id and email under their key is their own contact, never ours.
    const theirsUpsert = await call('PUT', '/v1/contacts', { email: 'gil@example.com', externalId: 'gil-1', attributes: { plan: 'free' } }, theirs.key);
    expect(theirsUpsert.statusCode).toBe(201);
    expect(theirsUpsert.json<{ contact: ContactBody }>().contact.id).not.toBe(contact.id);

    const untouched = await call('GET', `/v1/contacts/${contact.id}`);
    expect(untouched.json()).toMatchObject({ email: 'gil@example.com', attributes: { plan: 'pro' } });
    expect(await database.db.prisma.contact.count({ where: { id: stranger.id } })).toBe(1);
  });

  it('imports a CSV file into the key’s workspace only, with a per-row report; an unnamed column is a 400 naming the body', async () => {
    const csv = (body: string, key: string | null = mine.key) =>
      app.inject({ method: 'POST', url: '/v1/contacts/import', headers: { 'content-type': 'text/csv', ...(key === null ? {} : { authorization: `Bearer ${key}` }) }, payload: body });
    const imported = await csv('email,first_name,plan\nimport-1@example.com,Ivy,pro\nbad-address,Joe,\n');
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ rows: 2, created: 1, invalid: [{ line: 3, field: 'email' }] });
    expect(await database.db.prisma.contact.count({ where: { workspaceId: mine.workspaceId, email: 'import-1@example.com' } })).toBe(1);
    expect(await database.db.prisma.contact.count({ where: { workspaceId: theirs.workspaceId, email: 'import-1@example.com' } })).toBe(0);
    const unnamed = await csv('email,favourite colour\nx@example.com,blue\n');
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json<ErrorReply>().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });
    expect((await csv('email\nx@example.com\n', null)).statusCode).toBe(401);
    expect((await csv('email\nx@example.com\n', 'jek_wrong')).statusCode).toBe(401);
  });
});
