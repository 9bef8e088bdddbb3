import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { fixtureActions, journeyApp, workspaceWithKey } from '../journeys/test-app';
import { publishDraft, triggerThenExit } from '../enrollment/world';

// Validation, auth, cross-workspace and state checks: all answered before Temporal is called
// (the app's client is never connected). The happy path, on the real server, is in
// test/engine/enrollment/bulk-enrollment.test.ts.
describe.each(databaseKinds)('/v1/journeys/:journeyId/enroll-segment (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  let theirs: { workspaceId: string; key: string };
  let journeyId: string;
  let segmentId: string;
  let theirJourneyId: string;
  let theirSegmentId: string;

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    db = database.db;
    app = await journeyApp(db);
    [mine, theirs] = [await workspaceWithKey(db), await workspaceWithKey(db)];
    journeyId = await publishDraft(db, fixtureActions(), mine.workspaceId, triggerThenExit('Welcome'));
    segmentId = (await db.prisma.segment.create({ data: { workspaceId: mine.workspaceId, name: 'VIP', kind: 'static' } })).id;
    theirJourneyId = await publishDraft(db, fixtureActions(), theirs.workspaceId, triggerThenExit('Theirs'));
    theirSegmentId = (await db.prisma.segment.create({ data: { workspaceId: theirs.workspaceId, name: 'Theirs', kind: 'static' } })).id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const enroll = (key: string | undefined, journey: string, payload: unknown) =>
    app.inject({ method: 'POST', url: `/v1/journeys/${journey}/enroll-segment`, headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, payload: JSON.stringify(payload) });

  it('requires an API key', async () => {
    expect((await enroll(undefined, journeyId, { segmentId })).statusCode).toBe(401);
    expect((await enroll('jek_wrong', journeyId, { segmentId })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/v1/journeys/${journeyId}/enroll-segment/${segmentId}` })).statusCode).toBe(401);
  });

  it('names the field at fault', async () => {
    const missing = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/enroll-segment`, headers: { authorization: `Bearer ${mine.key}`, 'content-type': 'application/json' }, payload: '{}' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const rate = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/enroll-segment`, headers: { authorization: `Bearer ${mine.key}`, 'content-type': 'application/json' }, payload: JSON.stringify({ segmentId, ratePerSecond: 0 }) });
    expect(rate.statusCode).toBe(400);
    expect(rate.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.ratePerSecond' } });
  });

  it("refuses another workspace's journey, segment and runs as not found", async () => {
    const headers = { authorization: `Bearer ${mine.key}`, 'content-type': 'application/json' };
    const journey = await app.inject({ method: 'POST', url: `/v1/journeys/${theirJourneyId}/enroll-segment`, headers, payload: JSON.stringify({ segmentId }) });
    expect(journey.statusCode).toBe(404);
    const segment = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/enroll-segment`, headers, payload: JSON.stringify({ segmentId: theirSegmentId }) });
    expect(segment.statusCode).toBe(404);
    expect(segment.json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'body.segmentId' } });
    const run = await db.prisma.bulkEnrollmentRun.create({ data: { workspaceId: theirs.workspaceId, journeyId: theirJourneyId, segmentId: theirSegmentId, trigger: 'api', audience: { kind: 'segment', segmentId: theirSegmentId }, workflowId: 'w', ratePerSecond: 100 } });
    expect((await app.inject({ method: 'GET', url: `/v1/journeys/${theirJourneyId}/enroll-segment/${run.id}`, headers: { authorization: `Bearer ${mine.key}` } })).statusCode).toBe(404);
    const own = await app.inject({ method: 'GET', url: `/v1/journeys/${theirJourneyId}/enroll-segment/${run.id}`, headers: { authorization: `Bearer ${theirs.key}` } });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ runId: run.id, status: 'running', totalContacts: 0, enrolled: 0, percent: 0 });
  });

  it('refuses a journey that is not published and active with 409', async () => {
    const draftOnly = await db.prisma.journey.create({ data: { workspaceId: mine.workspaceId, name: 'Draft only' } });
    const headers = { authorization: `Bearer ${mine.key}`, 'content-type': 'application/json' };
    const draft = await app.inject({ method: 'POST', url: `/v1/journeys/${draftOnly.id}/enroll-segment`, headers, payload: JSON.stringify({ segmentId }) });
    expect(draft.statusCode).toBe(409);
    expect(draft.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    await db.prisma.journey.update({ where: { id: journeyId }, data: { status: 'paused' } });
    expect((await enroll(mine.key, journeyId, { segmentId })).statusCode).toBe(409);
  });

  it('documents both routes', async () => {
    const paths = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { tags?: string[]; security?: unknown; responses: Record<string, unknown> }>> }>().paths;
    const post = paths['/v1/journeys/{journeyId}/enroll-segment']?.post;
    expect(post?.tags).toEqual(['journeys']);
    expect(post?.security).toEqual([{ apiKey: [] }, { session: [] }]);
    expect(Object.keys(post?.responses ?? {}).sort()).toEqual(['202', '400', '401', '403', '404', '409']);
    expect(Object.keys(paths['/v1/journeys/{journeyId}/enroll-segment/{runId}']?.get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404']);
  });
});
