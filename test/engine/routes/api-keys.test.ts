import type { FastifyInstance, InjectOptions } from 'fastify';
import { hashApiKey } from '../../../engine/journeys';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

interface Created {
  id: string;
  key: string;
  prefix: string;
  scope: string;
  createdBy: string;
}

describe.each(databaseKinds)('API key management (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let a: { workspaceId: string; key: string };
  let b: { workspaceId: string; key: string };

  const send = (key: string, request: Omit<InjectOptions, 'headers'>) =>
    app.inject({ ...request, headers: { authorization: `Bearer ${key}`, ...(request.payload !== undefined && { 'content-type': 'application/json' }) } });
  const create = async (admin: string, payload: object): Promise<Created> => {
    const response = await send(admin, { method: 'POST', url: '/v1/api-keys', payload });
    expect(response.statusCode).toBe(201);
    return response.json<Created>();
  };
  const adminKeyId = async (workspaceId: string) => (await database.db.prisma.apiKey.findFirstOrThrow({ where: { workspaceId, name: 'ci' } })).id;

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    [a, b] = [await workspaceWithKey(database.db), await workspaceWithKey(database.db)];
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('creates a key, shows it once, and lists keys without it or its hash', async () => {
    const created = await create(a.key, { name: 'shop tracking', scope: 'ingest' });
    expect(created).toMatchObject({ name: 'shop tracking', scope: 'ingest', createdBy: `api_key:${await adminKeyId(a.workspaceId)}`, lastUsedAt: null, revokedAt: null });
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const stored = await database.db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.keyHash).toBe(hashApiKey(created.key));

    const listed = await send(a.key, { method: 'GET', url: '/v1/api-keys' });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(created.key);
    expect(listed.body).not.toContain(stored.keyHash);
    const { apiKeys } = listed.json<{ apiKeys: Record<string, unknown>[] }>();
    expect(apiKeys.map((key) => key.name)).toEqual(['ci', 'shop tracking']);
    expect(Object.keys(apiKeys[1] ?? {}).sort()).toEqual(['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'scope']);
    // The admin key itself was just used.
    expect(apiKeys[0]).toMatchObject({ scope: 'full', lastUsedAt: expect.any(String) });
  });

  it('defaults to a full key and names a bad field', async () => {
    expect(await create(a.key, { name: 'deploys' })).toMatchObject({ scope: 'full' });
    const owner = await send(a.key, { method: 'POST', url: '/v1/api-keys', payload: { name: 'x', scope: 'owner' } });
    expect({ status: owner.statusCode, body: owner.json() }).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', field: 'body.scope' } } });
    const nameless = await send(a.key, { method: 'POST', url: '/v1/api-keys', payload: { scope: 'read' } });
    expect({ status: nameless.statusCode, body: nameless.json() }).toMatchObject({ status: 400, body: { error: { field: 'body.name' } } });
  });

  it('lets an ingest key track but not read contacts, and a read key GET but not PUT', async () => {
    const ingest = (await create(a.key, { name: 'tracker', scope: 'ingest' })).key;
    const tracked = await send(ingest, { method: 'POST', url: '/v1/track', payload: { email: 'ada@example.com', name: 'Viewed Product' } });
    expect(tracked.statusCode).toBeLessThan(300);
    const read = await send(ingest, { method: 'GET', url: '/v1/contacts' });
    expect({ status: read.statusCode, body: read.json() }).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: "Forbidden: this key's scope (ingest) does not allow contacts.read" } },
    });

    const reader = (await create(a.key, { name: 'dashboard', scope: 'read' })).key;
    const contacts = await send(reader, { method: 'GET', url: '/v1/contacts?q=ada' });
    expect(contacts.statusCode).toBe(200);
    expect(contacts.body).toContain('ada@example.com');
    const put = await send(reader, { method: 'PUT', url: '/v1/contacts', payload: { email: 'ada@example.com', firstName: 'Mallory' } });
    expect({ status: put.statusCode, body: put.json() }).toMatchObject({ status: 403, body: { error: { message: "Forbidden: this key's scope (read) does not allow contacts.write" } } });
    // Neither manages keys.
    for (const key of [ingest, reader]) expect((await send(key, { method: 'GET', url: '/v1/api-keys' })).statusCode).toBe(403);
  });

  it('revokes a key at once, and refuses a key revoking itself', async () => {
    const doomed = await create(a.key, { name: 'old integration', scope: 'read' });
    expect((await send(doomed.key, { method: 'GET', url: '/v1/contacts' })).statusCode).toBe(200);
    const revoked = await send(a.key, { method: 'DELETE', url: `/v1/api-keys/${doomed.id}` });
    expect({ status: revoked.statusCode, body: revoked.json() }).toMatchObject({ status: 200, body: { id: doomed.id, revokedAt: expect.any(String) } });
    expect(revoked.body).not.toContain(doomed.key);
    const refused = await send(doomed.key, { method: 'GET', url: '/v1/contacts' });
    expect({ status: refused.statusCode, body: refused.json() }).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    // Revoking again keeps the first time.
    const again = await send(a.key, { method: 'DELETE', url: `/v1/api-keys/${doomed.id}` });
    expect(again.json<{ revokedAt: string }>().revokedAt).toBe(revoked.json<{ revokedAt: string }>().revokedAt);

    const itself = await send(a.key, { method: 'DELETE', url: `/v1/api-keys/${await adminKeyId(a.workspaceId)}` });
    expect({ status: itself.statusCode, body: itself.json() }).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', field: 'params.keyId' } } });
    expect((await send(a.key, { method: 'GET', url: '/v1/api-keys' })).statusCode).toBe(200);
  });

  it("keeps workspaces apart: B's admin key neither sees nor revokes A's keys", async () => {
    const aKey = await adminKeyId(a.workspaceId);
    const listed = await send(b.key, { method: 'GET', url: '/v1/api-keys' });
    expect(listed.json<{ apiKeys: { id: string }[] }>().apiKeys.map((key) => key.id)).toEqual([await adminKeyId(b.workspaceId)]);
    const revoke = await send(b.key, { method: 'DELETE', url: `/v1/api-keys/${aKey}` });
    expect({ status: revoke.statusCode, body: revoke.json() }).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await database.db.prisma.apiKey.findUniqueOrThrow({ where: { id: aKey } })).revokedAt).toBeNull();
    expect((await send(a.key, { method: 'GET', url: '/v1/api-keys' })).statusCode).toBe(200);
  });
});

describe('request logs', () => {
  it('never hold an API key, through a create, use and revoke flow', async () => {
    const database = await openMigratedDatabase('pglite');
    const lines: string[] = [];
    const app = await journeyApp(database.db, {}, { logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } } });
    try {
      const admin = await workspaceWithKey(database.db);
      const headers = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
      const created = (await app.inject({ method: 'POST', url: '/v1/api-keys', headers: headers(admin.key), payload: { name: 'tracker', scope: 'ingest' } })).json<Created>();
      await app.inject({ method: 'POST', url: '/v1/track', headers: headers(created.key), payload: { email: 'ada@example.com', name: 'Viewed Product' } });
      await app.inject({ method: 'GET', url: '/v1/contacts', headers: headers(created.key) });
      await app.inject({ method: 'DELETE', url: `/v1/api-keys/${created.id}`, headers: { authorization: `Bearer ${admin.key}` } });
      await app.inject({ method: 'GET', url: '/v1/contacts', headers: headers(created.key) });
      // Whatever logs a request's headers later (a plugin, a debugging line) gets them redacted.
      app.log.info({ headers: { authorization: `Bearer ${admin.key}`, cookie: 'session=secret-session' } }, 'headers');

      const logs = lines.join('');
      expect(lines.length).toBeGreaterThan(8);
      expect(logs).toContain('incoming request');
      expect(logs).toContain('[redacted]');
      for (const secret of [admin.key, created.key, created.key.slice(created.prefix.length), 'secret-session']) expect(logs).not.toContain(secret);
    } finally {
      await app.close();
      await database.dispose();
    }
  });
});
