import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

/** GET /v1/contacts/attributes: the builder's attribute picker. */
describe.each(databaseKinds)('contact attribute keys (%s)', (kind) => {
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

  const attributes = async (key: string) => {
    const response = await app.inject({ method: 'GET', url: '/v1/contacts/attributes', headers: { authorization: `Bearer ${key}` } });
    expect(response.statusCode).toBe(200);
    return response.json<{ attributes: { key: string; type: string }[] }>().attributes;
  };
  const identify = async (key: string, email: string, values: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: '/v1/identify', headers: { authorization: `Bearer ${key}` }, payload: { email, attributes: values } });
    expect(response.statusCode).toBeLessThan(300);
  };

  it('lists the keys in use with their JSON type, sorted, the most common type winning and nulls not counting', async () => {
    expect(await attributes(a.key)).toEqual([]);
    await identify(a.key, 'ann@example.com', { plan: 'pro', seats: 3, beta: true, interests: ['coffee'], address: { city: 'Lyon' }, birthday: '1990-04-01' });
    await identify(a.key, 'ben@example.com', { plan: 'free', seats: '3', beta: false });
    await identify(a.key, 'cat@example.com', { seats: 5 });
    await database.db.prisma.contact.create({ data: { workspaceId: a.workspaceId, email: 'dan@example.com', attributes: { plan: null, ghost: null } } });
    await identify(b.key, 'ann@example.com', { b_only_key: 'x' });

    expect(await attributes(a.key)).toEqual([
      { key: 'address', type: 'object' },
      { key: 'beta', type: 'boolean' },
      { key: 'birthday', type: 'string' },
      { key: 'interests', type: 'array' },
      { key: 'plan', type: 'string' },
      { key: 'seats', type: 'number' },
    ]);
    expect(await attributes(b.key)).toEqual([{ key: 'b_only_key', type: 'string' }]);
  });

  it('does not take /attributes for a contact id', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/contacts/not-attributes', headers: { authorization: `Bearer ${a.key}` } });
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'params.contactId' } });
  });
});
