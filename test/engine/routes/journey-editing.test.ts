import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { orderFollowUp } from '../journey/fixtures';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

const as = (apiKey: string) => ({ authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' });

interface Saved {
  journeyId: string;
  version: number;
  revision: number;
  savedAt: string;
}

/** The canvas's writes: POST /v1/journeys and the revision-checked PUT /v1/journeys/:id/draft. */
describe.each(databaseKinds)('journey editing routes (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let key: string;
  let workspaceId: string;
  let otherKey: string;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    ({ key, workspaceId } = await workspaceWithKey(database.db));
    otherKey = (await workspaceWithKey(database.db)).key;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const draftNamed = (name: string, description?: string) => ({ ...orderFollowUp(), name, ...(description !== undefined && { description }) });
  const create = (name: string, apiKey = key) => app.inject({ method: 'POST', url: '/v1/journeys', headers: as(apiKey), payload: JSON.stringify({ draft: draftNamed(name) }) });
  const created = async (name: string): Promise<string> => {
    const response = await create(name);
    expect(response.statusCode).toBe(201);
    return response.json<{ journeyId: string }>().journeyId;
  };
  const saveDraft = (journeyId: string, draft: unknown, revision: unknown, apiKey = key) =>
    app.inject({ method: 'PUT', url: `/v1/journeys/${journeyId}/draft`, headers: as(apiKey), payload: JSON.stringify({ draft, revision }) });
  const detail = async (journeyId: string) => (await app.inject({ method: 'GET', url: `/v1/journeys/${journeyId}`, headers: as(key) })).json<{ name: string; revision: number; latestVersion: number; graph: { description?: string } }>();

  it('creates a journey from a first draft, and refuses a name the workspace already has', async () => {
    const response = await create('Welcome series');
    expect(response.statusCode).toBe(201);
    const body = response.json<{ journeyId: string }>();
    expect(body).toEqual({ journeyId: expect.any(String), version: 1, revision: 1 });
    expect(await detail(body.journeyId)).toMatchObject({ name: 'Welcome series', status: 'draft', revision: 1, latestVersion: 1, publishedVersion: null });

    const taken = await create('Welcome series');
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'NAME_TAKEN', field: 'body.draft.name', message: expect.stringContaining('"Welcome series"') } });
    expect(await database.db.prisma.journey.count({ where: { workspaceId, name: 'Welcome series' } })).toBe(1);
    // Another workspace may use the name.
    expect((await create('Welcome series', otherKey)).statusCode).toBe(201);
  });

  it('saves a draft from the current revision, moving the revision on; into the draft version, then version n + 1 after a publish', async () => {
    const journeyId = await created('Autosaved');
    const first = await saveDraft(journeyId, draftNamed('Autosaved', 'one'), 1);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ journeyId, version: 1, revision: 2, savedAt: expect.any(String) });
    const second = await saveDraft(journeyId, draftNamed('Autosaved', 'two'), 2);
    expect(second.json<Saved>()).toMatchObject({ version: 1, revision: 3 });
    expect(Date.parse(second.json<Saved>().savedAt)).toBeGreaterThanOrEqual(Date.parse(first.json<Saved>().savedAt));
    expect(await detail(journeyId)).toMatchObject({ revision: 3, latestVersion: 1, graph: { description: 'two' } });

    expect((await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/publish`, headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
    // A publish changes no draft: the revision the canvas holds is still good.
    const afterPublish = await saveDraft(journeyId, draftNamed('Autosaved', 'three'), 3);
    expect(afterPublish.json<Saved>()).toMatchObject({ version: 2, revision: 4 });
    const versions = await database.db.prisma.journeyVersion.findMany({ where: { journeyId }, orderBy: { version: 'asc' }, select: { version: true, graph: true, publishedAt: true } });
    expect(versions.map((version) => [version.version, (version.graph as { description?: string }).description, version.publishedAt !== null])).toEqual([
      [1, 'two', true],
      [2, 'three', false],
    ]);
  });

  it('refuses a save from a stale revision with 409 DRAFT_CONFLICT and the current revision, writing nothing', async () => {
    const journeyId = await created('Two tabs');
    expect((await saveDraft(journeyId, draftNamed('Two tabs', 'tab A'), 1)).statusCode).toBe(200);
    const stale = await saveDraft(journeyId, draftNamed('Two tabs renamed', 'tab B'), 1);
    expect(stale.statusCode).toBe(409);
    const body = stale.json<{ error: { code: string; message: string; field: string }; revision: number; changedAt: string }>();
    expect(body).toEqual({
      error: { code: 'DRAFT_CONFLICT', message: expect.stringMatching(/^This journey was changed in another tab or by someone else at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; reload to see the newest version\.$/), field: 'body.revision', requestId: expect.any(String) },
      revision: 2,
      changedAt: expect.any(String),
    });
    expect(await detail(journeyId)).toMatchObject({ name: 'Two tabs', revision: 2, graph: { description: 'tab A' } });
    // A revision from the future is just as stale.
    expect((await saveDraft(journeyId, draftNamed('Two tabs'), 99)).json()).toMatchObject({ error: { code: 'DRAFT_CONFLICT' }, revision: 2 });
    // Reloaded, the save goes through.
    expect((await saveDraft(journeyId, draftNamed('Two tabs', 'tab B'), body.revision)).json()).toMatchObject({ revision: 3 });
  });

  it('lets exactly one of two saves from the same revision win when they race', async () => {
    const journeyId = await created('Race');
    const contenders = ['left', 'right', 'third', 'fourth'];
    const responses = await Promise.all(contenders.map((description) => saveDraft(journeyId, draftNamed('Race', description), 1)));
    const winners = responses.filter((response) => response.statusCode === 200);
    const losers = responses.filter((response) => response.statusCode === 409);
    expect({ winners: winners.length, losers: losers.length }).toEqual({ winners: 1, losers: contenders.length - 1 });
    for (const loser of losers) expect(loser.json()).toMatchObject({ error: { code: 'DRAFT_CONFLICT' }, revision: 2 });
    const winner = contenders[responses.findIndex((response) => response.statusCode === 200)];
    expect(await detail(journeyId)).toMatchObject({ revision: 2, graph: { description: winner } });
  });

  it("renames through draft.name, refusing another journey's name with 409 NAME_TAKEN naming body.draft.name", async () => {
    await created('Taken name');
    const journeyId = await created('Renamed later');
    const taken = await saveDraft(journeyId, draftNamed('Taken name', 'lost'), 1);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'NAME_TAKEN', field: 'body.draft.name' } });
    expect(await detail(journeyId)).toMatchObject({ name: 'Renamed later', revision: 1 });

    const renamed = await saveDraft(journeyId, draftNamed('Renamed now', 'new name'), 1);
    expect(renamed.json()).toMatchObject({ revision: 2 });
    expect(await detail(journeyId)).toMatchObject({ name: 'Renamed now', revision: 2, graph: { description: 'new name' } });
    const list = (await app.inject({ method: 'GET', url: '/v1/journeys?q=renamed', headers: as(key) })).json<{ journeys: { id: string; name: string; description: string | null }[] }>();
    expect(list.journeys).toEqual([expect.objectContaining({ id: journeyId, name: 'Renamed now', description: 'new name' })]);
  });

  it('moves the revision on when journeys as code save by name, so an open canvas learns its draft is stale', async () => {
    const journeyId = await created('Pushed from CI');
    const pushed = await app.inject({ method: 'PUT', url: '/v1/journeys/drafts', headers: as(key), payload: JSON.stringify(draftNamed('Pushed from CI', 'from git')) });
    expect(pushed.json()).toEqual({ journeyId, version: 1, created: false });
    expect((await detail(journeyId)).revision).toBe(2);
    expect((await saveDraft(journeyId, draftNamed('Pushed from CI', 'canvas'), 1)).json()).toMatchObject({ error: { code: 'DRAFT_CONFLICT' }, revision: 2 });
    // A journey first saved by name starts at revision 1, as a created one does.
    const fresh = await app.inject({ method: 'PUT', url: '/v1/journeys/drafts', headers: as(key), payload: JSON.stringify(draftNamed('Pushed fresh')) });
    expect((await detail(fresh.json<{ journeyId: string }>().journeyId)).revision).toBe(1);
  });

  it('validates the body naming the field', async () => {
    const journeyId = await created('Validated');
    expect((await saveDraft(journeyId, draftNamed('Validated'), undefined)).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.revision' } });
    expect((await saveDraft(journeyId, draftNamed('Validated'), -1)).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.revision' } });
    expect((await saveDraft(journeyId, draftNamed('Validated'), '1')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.revision' } });
    expect((await saveDraft(journeyId, { ...draftNamed('Validated'), schemaVersion: 3 }, 1)).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.draft.schemaVersion' } });
    expect((await saveDraft(journeyId, { ...draftNamed('Validated'), name: '' }, 1)).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.draft.name' } });
    const missing = await app.inject({ method: 'POST', url: '/v1/journeys', headers: as(key), payload: JSON.stringify({}) });
    expect(missing.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.draft' } });
    expect((await detail(journeyId)).revision).toBe(1);
  });

  it("never saves into another workspace's journey", async () => {
    const journeyId = await created('Not yours');
    const response = await saveDraft(journeyId, draftNamed('Mine now'), 1, otherKey);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await detail(journeyId)).toMatchObject({ name: 'Not yours', revision: 1 });
    // The answer is the same as for a journey that does not exist: nothing to learn from it.
    const absent = await saveDraft('00000000-0000-4000-8000-000000000000', draftNamed('Nobody'), 1);
    expect(absent.statusCode).toBe(404);
  });

  it('records journey.created and journey.draft_saved in the audit log, with version and revision', async () => {
    const journeyId = await created('Audited canvas');
    expect((await saveDraft(journeyId, draftNamed('Audited canvas', 'edited'), 1)).statusCode).toBe(200);
    expect((await saveDraft(journeyId, draftNamed('Audited canvas', 'stale'), 1)).statusCode).toBe(409);
    const rows = await database.db.prisma.auditEntry.findMany({ where: { workspaceId, targetType: 'journey', targetId: journeyId }, orderBy: { id: 'asc' }, select: { action: true, summary: true } });
    // The refused save wrote nothing, so it has no row.
    expect(rows).toEqual([
      { action: 'journey.created', summary: { version: 1, revision: 1 } },
      { action: 'journey.draft_saved', summary: { version: 1, revision: 2 } },
    ]);
  });

  it('describes the routes in the OpenAPI document', async () => {
    const paths = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>().paths;
    expect(Object.keys(paths['/v1/journeys/']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '409']));
    expect(Object.keys(paths['/v1/journeys/{journeyId}/draft']?.put?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409']));
  });
});
