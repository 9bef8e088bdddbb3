import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

// The limiter counts per API key (else per address), answers 429 RATE_LIMITED in the
// catalogue's shape with retry-after, and never stands in front of health checks or docs.
describe('rate limits', () => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let first: { key: string };
  let second: { key: string };
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
    app = await journeyApp(database.db, {}, { rateLimit: { perMinute: 3 } });
    first = await workspaceWithKey(database.db);
    second = await workspaceWithKey(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const list = (key: string) => app.inject({ method: 'GET', url: '/v1/contacts', headers: { authorization: `Bearer ${key}` } });

  it('limits each key on its own, in the error catalogue’s shape', async () => {
    for (let request = 0; request < 3; request += 1) expect((await list(first.key)).statusCode).toBe(200);
    const limited = await list(first.key);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: 'Too many requests; retry later.' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another workspace's key has its own budget.
    expect((await list(second.key)).statusCode).toBe(200);
  });

  it('counts requests without a key (or with a wrong one) per address, and never limits health or docs', async () => {
    for (let request = 0; request < 3; request += 1) expect((await app.inject({ method: 'GET', url: '/v1/contacts' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/v1/contacts' })).statusCode).toBe(429);
    for (let request = 0; request < 5; request += 1) {
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).not.toBe(429);
      expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    }
  });
});
