import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { orderFollowUp } from '../journey/fixtures';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

interface Summary {
  id: string;
  name: string;
  publishedVersion: number | null;
  lastPublishedAt: string | null;
  counts: { entered: number; active: number; completed: number };
}

/** What the journeys page and the read-only canvas read: the list with its numbers and search, one version. */
describe.each(databaseKinds)('journey list and versions (%s)', (kind) => {
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

  const get = (url: string, apiKey = key) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${apiKey}` } });
  const save = async (name: string, description?: string): Promise<string> => {
    const saved = await app.inject({ method: 'PUT', url: '/v1/journeys/drafts', headers: { authorization: `Bearer ${key}` }, payload: { ...orderFollowUp(), name, ...(description && { description }) } });
    expect(saved.statusCode).toBe(200);
    return saved.json<{ journeyId: string }>().journeyId;
  };
  const publish = async (journeyId: string) => expect((await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/publish`, headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
  const list = async (query = ''): Promise<Summary[]> => {
    const response = await get(`/v1/journeys?limit=200${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<{ journeys: Summary[] }>().journeys;
  };
  /** Enrollments as the entry activity writes them (the API makes them only through Temporal). */
  const enroll = async (journeyId: string, statuses: ('running' | 'completed' | 'exited' | 'failed' | 'cancelled')[]) => {
    const { prisma } = database.db;
    const versions = await prisma.journeyVersion.findMany({ where: { journeyId, publishedAt: { not: null } }, select: { id: true } });
    for (const [index, status] of statuses.entries()) {
      const versionId = versions[index % versions.length]?.id ?? '';
      const contact = await prisma.contact.create({ data: { workspaceId, email: `${randomUUID()}@example.com` } });
      await prisma.journeyEnrollment.create({
        data: { workspaceId, journeyId, journeyVersionId: versionId, contactId: contact.id, workflowId: `wf-${randomUUID()}`, runId: randomUUID(), status, ...(status !== 'running' && { endedAt: new Date() }) },
      });
    }
  };

  it('gives each journey its enrollment counts over every version and when it was last published', async () => {
    const busy = await save('Counted');
    await publish(busy);
    await save('Counted', 'second version');
    await publish(busy);
    await enroll(busy, ['running', 'running', 'completed', 'completed', 'completed', 'exited', 'failed', 'cancelled']);
    const quiet = await save('Published, nobody yet');
    await publish(quiet);
    const draft = await save('Never published');

    const journeys = new Map((await list()).map((journey) => [journey.id, journey]));
    expect(journeys.get(busy)).toMatchObject({ publishedVersion: 2, counts: { entered: 8, active: 2, completed: 3 } });
    const lastPublished = await database.db.prisma.journeyVersion.findFirstOrThrow({ where: { journeyId: busy, version: 2 } });
    expect(journeys.get(busy)?.lastPublishedAt).toBe(lastPublished.publishedAt?.toISOString());
    expect(journeys.get(quiet)).toMatchObject({ counts: { entered: 0, active: 0, completed: 0 }, lastPublishedAt: expect.any(String) });
    expect(journeys.get(draft)).toMatchObject({ publishedVersion: null, lastPublishedAt: null, counts: { entered: 0, active: 0, completed: 0 } });
    // The single journey carries the same numbers, and its revision.
    expect((await get(`/v1/journeys/${busy}`)).json()).toMatchObject({ counts: { entered: 8, active: 2, completed: 3 }, lastPublishedAt: journeys.get(busy)?.lastPublishedAt, revision: 2 });
    // Counts are per journey of the page, whatever the page size.
    const paged = await get('/v1/journeys?limit=1');
    expect(paged.json<{ journeys: Summary[] }>().journeys[0]?.counts).toEqual(expect.objectContaining({ entered: expect.any(Number) }));
  });

  it('finds journeys by a part of their name, ignoring case, with % and _ taken literally', async () => {
    const spring = await save('Spring SALE reminder');
    const percent = await save('50% off win-back');
    const underscore = await save('vip_only');
    await save('Vipxonly');
    const names = async (q: string) => (await list(`&q=${encodeURIComponent(q)}`)).map((journey) => journey.id);
    expect(await names('sale')).toEqual([spring]);
    expect(await names('%')).toEqual([percent]);
    expect(await names('0% OFF')).toEqual([percent]);
    expect(await names('p_o')).toEqual([underscore]);
    expect(await names('\\')).toEqual([]);
    expect(await names('nothing like it')).toEqual([]);
    // With the status filter and pages as before.
    expect((await get('/v1/journeys?q=sale&status=active')).json()).toEqual({ journeys: [], nextCursor: null });
    expect((await get('/v1/journeys?q=')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'querystring.q' } });
    // Another workspace finds none of them.
    expect((await get('/v1/journeys?q=sale', otherKey)).json()).toEqual({ journeys: [], nextCursor: null });
  });

  it('shows one version with its graph, and 404 naming the version or the journey', async () => {
    const journeyId = await save('Versioned', 'first');
    await publish(journeyId);
    await save('Versioned', 'second');
    const first = await get(`/v1/journeys/${journeyId}/versions/1`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ version: 1, publishedAt: expect.any(String), createdAt: expect.any(String), graph: expect.objectContaining({ name: 'Versioned', description: 'first' }) });
    expect((await get(`/v1/journeys/${journeyId}/versions/2`)).json()).toMatchObject({ version: 2, publishedAt: null, graph: { description: 'second' } });

    const absent = await get(`/v1/journeys/${journeyId}/versions/3`);
    expect(absent.statusCode).toBe(404);
    expect(absent.json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'params.version', message: expect.stringContaining('version 3') } });
    expect((await get(`/v1/journeys/${journeyId}/versions/0`)).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'params.version' } });
    expect((await get(`/v1/journeys/${journeyId}/versions/one`)).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'params.version' } });

    // Another workspace's journey does not exist for this key.
    const foreign = await get(`/v1/journeys/${journeyId}/versions/1`, otherKey);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'params.journeyId' } });
    expect((await get(`/v1/journeys/${journeyId}`, otherKey)).statusCode).toBe(404);
  });
});
