import type { FastifyInstance } from 'fastify';
import type { Prisma } from '../../../prisma/generated/client';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { orderFollowUp } from '../journey/fixtures';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

describe('/v1/journeys', () => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let key: string;
  let otherKey: string;
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
    app = await journeyApp(database.db);
    key = (await workspaceWithKey(database.db)).key;
    otherKey = (await workspaceWithKey(database.db)).key;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const as = (apiKey: string | undefined) => (apiKey ? { authorization: `Bearer ${apiKey}` } : {});
  const saveAs = (apiKey: string | undefined, draft: unknown) =>
    app.inject({ method: 'PUT', url: '/v1/journeys/drafts', headers: { ...as(apiKey), 'content-type': 'application/json' }, payload: JSON.stringify(draft) });
  const save = (draft: unknown) => saveAs(key, draft);

  it('requires a valid API key', async () => {
    for (const apiKey of [undefined, 'jek_not-a-key', 'something-else']) {
      const response = await saveAs(apiKey, orderFollowUp());
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
    // The key is checked before the body: a caller without one learns nothing about the schema.
    const malformed = await saveAs(undefined, { schemaVersion: 2 });
    expect(malformed.statusCode).toBe(401);
    const lowercase = await app.inject({ method: 'PUT', url: '/v1/journeys/drafts', headers: { authorization: `bearer ${key}` }, payload: { ...orderFollowUp(), name: 'Lowercase scheme' } });
    expect(lowercase.statusCode).toBe(200);
  });

  it('describes the routes in the OpenAPI document, behind the API key', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>> }>().paths;
    expect(paths['/v1/journeys/drafts']?.put?.security).toEqual([{ apiKey: [] }, { session: [] }]);
    expect(Object.keys(paths['/v1/journeys/{journeyId}/publish']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '404', '422']));
    expect(paths['/v1/journeys/{journeyId}/lint']?.post).toBeDefined();
  });

  it('saves, lints and publishes a journey', async () => {
    const saved = await save(orderFollowUp());
    expect(saved.statusCode).toBe(200);
    const { journeyId } = saved.json<{ journeyId: string }>();
    const lint = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/lint`, headers: as(key) });
    expect(lint.statusCode).toBe(200);
    expect(lint.json()).toMatchObject({ version: 1, compiles: true, issues: [] });
    // The workspace has never received these events: the linter says so.
    expect(lint.json<{ findings: { code: string }[] }>().findings.map((finding) => finding.code)).toContain('unknown_event');
    const published = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/publish`, headers: as(key) });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ version: 1, alreadyPublished: false });
  });

  it('rejects a malformed draft naming the field, and refuses to publish an invalid one with node-located issues', async () => {
    const malformed = await save({ ...orderFollowUp(), schemaVersion: 3 });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.schemaVersion' } });

    const draft = orderFollowUp();
    const invalid = { ...draft, name: 'Invalid', nodes: draft.nodes.map((node) => (node.id === 'wait-2d' ? { ...node, config: { type: 'delay', duration: { amount: 0, unit: 'days' } } } : node)) };
    const { journeyId } = (await save(invalid)).json<{ journeyId: string }>();
    const lint = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/lint`, headers: as(key) });
    expect(lint.json()).toMatchObject({ compiles: false, issues: [expect.objectContaining({ nodeId: 'wait-2d', field: 'config.duration.amount' })] });
    const published = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/publish`, headers: as(key) });
    expect(published.statusCode).toBe(422);
    expect(published.json()).toMatchObject({ error: { code: 'JOURNEY_INVALID' }, issues: [expect.objectContaining({ nodeId: 'wait-2d', field: 'config.duration.amount' })] });
  });

  it("never shows or changes another workspace's journey", async () => {
    const { journeyId } = (await save({ ...orderFollowUp(), name: 'Private' })).json<{ journeyId: string }>();
    for (const url of [`/v1/journeys/${journeyId}/lint`, `/v1/journeys/${journeyId}/publish`]) {
      const response = await app.inject({ method: 'POST', url, headers: as(otherKey) });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    const bad = await app.inject({ method: 'POST', url: '/v1/journeys/not-a-uuid/publish', headers: as(key) });
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'params.journeyId' } });
  });
  it('takes a journey file from before the one condition language, and shows stored old drafts in today\'s words', async () => {
    const v1Condition = { match: 'all', rules: [{ field: 'score.clv.predictedValue', operator: 'gt', value: 500 }] };
    const current = orderFollowUp();
    const old = {
      ...current,
      schemaVersion: 1,
      name: 'Old file',
      nodes: current.nodes.map((node) => (node.kind === 'branch' && node.config.type === 'condition' ? { ...node, config: { ...node.config, branches: node.config.branches.map((branch) => ({ ...branch, condition: v1Condition })) } } : node)),
    };
    const saved = await save(old);
    expect(saved.statusCode).toBe(200);
    const { journeyId } = saved.json<{ journeyId: string }>();
    const upgraded = { type: 'score', field: 'clv.predicted', operator: 'gt', value: 500 };
    const read = async () => (await app.inject({ method: 'GET', url: `/v1/journeys/${journeyId}`, headers: as(key) })).json<{ graph: { schemaVersion: number; nodes: { kind: string; config: { branches?: { condition: unknown }[] } }[] } }>().graph;
    const conditionsOf = (graph: Awaited<ReturnType<typeof read>>) => graph.nodes.flatMap((node) => node.config.branches?.map((branch) => branch.condition) ?? []);
    expect((await read()).schemaVersion).toBe(2);
    expect(conditionsOf(await read())).toEqual([upgraded]);
    // A draft stored as version 1 (saved before the upgrade shipped) reads back upgraded too.
    await database.db.prisma.journeyVersion.updateMany({ where: { journeyId }, data: { graph: JSON.parse(JSON.stringify(old)) as Prisma.InputJsonValue } });
    expect(conditionsOf(await read())).toEqual([upgraded]);
    const lint = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/lint`, headers: as(key) });
    expect(lint.json()).toMatchObject({ compiles: true, issues: [] });
  });
});
