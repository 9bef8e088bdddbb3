import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

describe('GET /v1/outbox', () => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
    app = await journeyApp(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("lists the workspace's messages, newest first, filtered by address, and only its own", async () => {
    const mine = await workspaceWithKey(database.db);
    const theirs = await workspaceWithKey(database.db);
    const message = (workspaceId: string, to: string, subject: string, at: string) =>
      database.db.prisma.localOutboxMessage.create({ data: { workspaceId, channel: 'email', toAddress: to, subject, body: `<p>${subject}</p>`, messageId: `<${subject}@t>`, createdAt: new Date(at) } });
    await message(mine.workspaceId, 'ada@example.com', 'first', '2026-11-01T10:00:00Z');
    await message(mine.workspaceId, 'ada@example.com', 'second', '2026-11-02T10:00:00Z');
    await message(mine.workspaceId, 'bob@example.com', 'other', '2026-11-03T10:00:00Z');
    await message(theirs.workspaceId, 'ada@example.com', 'secret', '2026-11-04T10:00:00Z');

    const get = (url: string, key?: string) => app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });
    expect((await get('/v1/outbox')).statusCode).toBe(401);
    const response = await get('/v1/outbox?to=ADA@example.com', mine.key);
    expect(response.statusCode).toBe(200);
    expect(response.json<{ messages: { subject: string }[] }>().messages.map((m) => m.subject)).toEqual(['second', 'first']);
    expect((await get('/v1/outbox?limit=1', mine.key)).json<{ messages: unknown[] }>().messages).toHaveLength(1);
    expect((await get('/v1/outbox?limit=0', mine.key)).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'querystring.limit' } });
  });
});
