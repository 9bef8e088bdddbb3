import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

describe('/v1/segments and /v1/scores', () => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  let theirs: { workspaceId: string; key: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
    app = await journeyApp(database.db);
    mine = await workspaceWithKey(database.db);
    theirs = await workspaceWithKey(database.db);
    for (const [name, workspaceId, tags] of [['ada', mine.workspaceId, ['espresso']], ['bob', mine.workspaceId, []], ['eve', theirs.workspaceId, ['espresso']]] as const) {
      ids[name] = (await database.db.prisma.contact.create({ data: { workspaceId, email: `${name}@example.com`, tags: [...tags] } })).id;
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, key = mine.key, contentType = 'application/json') =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}`, 'content-type': contentType }, ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }) });
  const espresso = { type: 'tag', operator: 'has', tag: 'espresso' };

  it('previews criteria, then saves a dynamic segment that is evaluated at once, in the key’s workspace only', async () => {
    const preview = await call('POST', '/v1/segments/preview', { criteria: espresso });
    expect(preview.json()).toEqual({ count: 1, sample: [{ id: ids.ada, email: 'ada@example.com', name: null }] });
    const saved = await call('PUT', '/v1/segments', { name: 'Espresso lovers', kind: 'dynamic', criteria: espresso });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ entered: 1, exited: 0 });
    expect(await database.db.prisma.segmentMembership.findMany({ where: { segmentId: saved.json<{ segmentId: string }>().segmentId }, select: { contactId: true } })).toEqual([{ contactId: ids.ada }]);
  });

  it('answers invalid criteria with 422 and issues that name the place', async () => {
    const response = await call('PUT', '/v1/segments', { name: 'Broken', kind: 'dynamic', criteria: { all: [espresso, { type: 'event', name: 'Viewed', count: { operator: 'most', value: 1 } }] } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: { code: 'SEGMENT_INVALID' }, issues: [{ path: expect.stringMatching(/^criteria\.all\[1\]\.count/) }] });
    const missing = await call('PUT', '/v1/segments', { name: 'Broken', kind: 'dynamic' });
    expect(missing.json()).toMatchObject({ issues: [{ path: 'criteria', message: 'a dynamic segment needs criteria' }] });
    const unauthenticated = await app.inject({ method: 'POST', url: '/v1/segments/preview', payload: { criteria: espresso } });
    expect(unauthenticated.statusCode).toBe(401);
  });

  it('changes static members and imports them from CSV; another workspace’s segment is not found', async () => {
    const saved = await call('PUT', '/v1/segments', { name: 'Hand-picked', kind: 'static' });
    const { segmentId } = saved.json<{ segmentId: string }>();
    expect((await call('POST', `/v1/segments/${segmentId}/members`, { contactIds: [ids.bob, ids.eve] })).json()).toEqual({ changed: 1 });
    expect((await call('DELETE', `/v1/segments/${segmentId}/members`, { contactIds: [ids.bob] })).json()).toEqual({ changed: 1 });
    const imported = await call('POST', `/v1/segments/${segmentId}/import`, 'email\nada@example.com\neve@example.com\n', mine.key, 'text/csv');
    expect(imported.json()).toEqual({ rows: 2, added: 1, unmatched: [{ line: 3, value: 'eve@example.com' }], invalid: [] });
    expect((await call('POST', `/v1/segments/${segmentId}/members`, { contactIds: [ids.eve] }, theirs.key)).statusCode).toBe(404);
    const dynamic = (await call('PUT', '/v1/segments', { name: 'Espresso lovers', kind: 'dynamic', criteria: espresso })).json<{ segmentId: string }>().segmentId;
    expect((await call('POST', `/v1/segments/${dynamic}/members`, { contactIds: [ids.bob] })).statusCode).toBe(409);
  });

  it('shows a contact’s scores and stage history, and a recompute’s progress, to its workspace only', async () => {
    const { prisma } = database.db;
    await prisma.engagementScore.create({ data: { workspaceId: mine.workspaceId, contactId: ids.ada ?? '', score: 42, components: { clicks: 3 }, computedAt: new Date('2026-06-30T00:00:00Z') } });
    await prisma.lifecycleStageChange.create({ data: { workspaceId: mine.workspaceId, contactId: ids.ada ?? '', fromStage: 'prospect', toStage: 'new_customer', reason: 'first order 3 days ago', source: 'scoring' } });
    const scores = await call('GET', `/v1/scores/contacts/${ids.ada}`);
    expect(scores.statusCode).toBe(200);
    expect(scores.json()).toMatchObject({ lifecycleStage: 'prospect', engagement: { score: 42, components: { clicks: 3 } }, rfm: null, stageHistory: [{ kind: 'lifecycle', from: 'prospect', to: 'new_customer', reason: 'first order 3 days ago' }] });
    expect((await call('GET', `/v1/scores/contacts/${ids.ada}`, undefined, theirs.key)).statusCode).toBe(404);

    const run = await prisma.scoreRecomputeRun.create({ data: { workspaceId: mine.workspaceId, trigger: 'manual', totalContacts: 8, processedContacts: 3 } });
    expect((await call('GET', `/v1/scores/recompute/${run.id}`)).json()).toMatchObject({ status: 'running', totalContacts: 8, processedContacts: 3, percent: 37.5 });
    expect((await call('GET', `/v1/scores/recompute/${run.id}`, undefined, theirs.key)).statusCode).toBe(404);
    expect((await call('GET', '/v1/scores/recompute')).json<{ runs: unknown[] }>().runs).toHaveLength(1);
  });
});
