import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { orderFollowUp } from '../journey/fixtures';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

const as = (apiKey: string | undefined) => (apiKey ? { authorization: `Bearer ${apiKey}` } : {});

describe.each(databaseKinds)('journey lifecycle routes (%s)', (kind) => {
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

  const request = (method: 'GET' | 'POST', url: string, apiKey: string | undefined = key) => app.inject({ method, url, headers: as(apiKey) });
  const save = async (name: string): Promise<string> => {
    const saved = await app.inject({ method: 'PUT', url: '/v1/journeys/drafts', headers: as(key), payload: { ...orderFollowUp(), name } });
    expect(saved.statusCode).toBe(200);
    return saved.json<{ journeyId: string }>().journeyId;
  };
  const published = async (name: string): Promise<string> => {
    const journeyId = await save(name);
    expect((await request('POST', `/v1/journeys/${journeyId}/publish`)).statusCode).toBe(200);
    return journeyId;
  };

  it('lists journeys with their versions, a page at a time, filtered by status', async () => {
    const draft = await save('List draft');
    const live = await published('List live');
    await save('List live'); // version 2, a draft over published version 1
    const seen = new Map<string, { status: string; latestVersion: number | null; publishedVersion: number | null }>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await request('GET', `/v1/journeys?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json<{ journeys: { id: string; status: string; latestVersion: number | null; publishedVersion: number | null; updatedAt: string }[]; nextCursor: string | null }>();
      expect(page.journeys.length).toBeLessThanOrEqual(1);
      for (const journey of page.journeys) seen.set(journey.id, journey);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 50);
    expect(seen.get(draft)).toMatchObject({ status: 'draft', latestVersion: 1, publishedVersion: null });
    expect(seen.get(live)).toMatchObject({ status: 'active', latestVersion: 2, publishedVersion: 1 });

    const active = (await request('GET', '/v1/journeys?status=active&limit=200')).json<{ journeys: { id: string; status: string }[] }>();
    expect(active.journeys.map((journey) => journey.id)).toContain(live);
    expect(active.journeys.every((journey) => journey.status === 'active')).toBe(true);
    // The other workspace sees none of them.
    expect((await request('GET', '/v1/journeys', otherKey)).json()).toEqual({ journeys: [], nextCursor: null });
  });

  it('refuses bad list queries naming the field', async () => {
    for (const [url, field] of [
      ['/v1/journeys?status=running', 'querystring.status'],
      ['/v1/journeys?limit=0', 'querystring.limit'],
      ['/v1/journeys?cursor=nonsense', 'querystring.cursor'],
      ['/v1/journeys?colour=red', undefined],
    ] as const) {
      const response = await request('GET', url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', ...(field && { field }) } });
    }
  });

  it('shows one journey with its latest graph, and its versions newest first', async () => {
    const journeyId = await published('Detail');
    await app.inject({ method: 'PUT', url: '/v1/journeys/drafts', headers: as(key), payload: { ...orderFollowUp(), name: 'Detail', description: 'second draft' } });
    const detail = await request('GET', `/v1/journeys/${journeyId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: journeyId, name: 'Detail', status: 'active', latestVersion: 2, publishedVersion: 1, graph: { name: 'Detail', description: 'second draft' } });
    const versions = await request('GET', `/v1/journeys/${journeyId}/versions`);
    expect(versions.json()).toEqual({
      versions: [
        expect.objectContaining({ version: 2, publishedAt: null, createdAt: expect.any(String) }),
        expect.objectContaining({ version: 1, publishedAt: expect.any(String) }),
      ],
    });
  });

  it('pauses, resumes and archives, refusing impossible transitions with 409 naming the status', async () => {
    const draft = await save('Transitions draft');
    const pauseDraft = await request('POST', `/v1/journeys/${draft}/pause`);
    expect(pauseDraft.statusCode).toBe(409);
    expect(pauseDraft.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining('is draft') } });
    expect((await request('POST', `/v1/journeys/${draft}/resume`)).statusCode).toBe(409);

    const journeyId = await published('Transitions');
    expect((await request('POST', `/v1/journeys/${journeyId}/resume`)).json()).toEqual({ journeyId, status: 'active', changed: false });
    expect((await request('POST', `/v1/journeys/${journeyId}/pause`)).json()).toEqual({ journeyId, status: 'paused', changed: true });
    expect((await request('POST', `/v1/journeys/${journeyId}/pause`)).json()).toEqual({ journeyId, status: 'paused', changed: false });
    expect((await request('POST', `/v1/journeys/${journeyId}/resume`)).json()).toEqual({ journeyId, status: 'active', changed: true });
    expect((await request('POST', `/v1/journeys/${journeyId}/archive`)).json()).toEqual({ journeyId, status: 'archived', changed: true });
    for (const change of ['resume', 'pause']) {
      const refused = await request('POST', `/v1/journeys/${journeyId}/${change}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json<{ error: { message: string } }>().error.message).toContain('is archived');
    }
    expect((await request('POST', `/v1/journeys/${journeyId}/archive`)).json()).toEqual({ journeyId, status: 'archived', changed: false });
    expect((await database.db.prisma.journey.findUniqueOrThrow({ where: { id: journeyId } })).status).toBe('archived');
  });

  it('publishing a new version keeps a paused journey paused', async () => {
    const journeyId = await published('Paused edit');
    await request('POST', `/v1/journeys/${journeyId}/pause`);
    await save('Paused edit');
    expect((await request('POST', `/v1/journeys/${journeyId}/publish`)).json()).toMatchObject({ version: 2, alreadyPublished: false });
    expect((await request('GET', `/v1/journeys/${journeyId}`)).json()).toMatchObject({ status: 'paused', publishedVersion: 2 });
    expect((await request('POST', `/v1/journeys/${journeyId}/resume`)).json()).toMatchObject({ status: 'active', changed: true });
  });

  it('lists enrollments per journey and per contact, and counts per-node statistics', async () => {
    const { prisma } = database.db;
    const journeyId = await published('Stats');
    const version = await prisma.journeyVersion.findFirstOrThrow({ where: { journeyId } });
    const contacts = await Promise.all(['ann', 'ben', 'cat'].map((name) => prisma.contact.create({ data: { workspaceId, email: `${name}-${randomUUID()}@example.com` } })));
    const [ann, ben, cat] = contacts.map((contact) => contact.id);
    const enroll = (contactId: string | undefined, data: { status: 'running' | 'completed' | 'exited'; currentNodeId?: string; exitReason?: string }) =>
      prisma.journeyEnrollment.create({
        data: { workspaceId, journeyId, journeyVersionId: version.id, contactId: contactId ?? '', workflowId: `wf-${randomUUID()}`, runId: randomUUID(), ...data, ...(data.status !== 'running' && { endedAt: new Date() }) },
      });
    const running = await enroll(ann, { status: 'running', currentNodeId: 'wait-2d' });
    const done = await enroll(ben, { status: 'completed' });
    const goal = await enroll(cat, { status: 'exited', exitReason: 'goal_reached' });
    const visit = (enrollmentId: string, nodeId: string, status: 'entered' | 'completed' | 'failed', outcome?: string) =>
      prisma.nodeExecution.create({ data: { workspaceId, enrollmentId, journeyVersionId: version.id, nodeId, status, ...(outcome && { outcome }) } });
    for (const enrollment of [running, done, goal]) await visit(enrollment.id, 'placed', 'completed', 'event');
    await visit(running.id, 'wait-2d', 'entered');
    await visit(done.id, 'wait-2d', 'completed', 'completed');
    await visit(goal.id, 'wait-2d', 'completed', 'goal_reached');
    const send = (enrollmentId: string, contactId: string | undefined, status: 'delivered' | 'opened' | 'bounced') =>
      prisma.communication.create({
        data: { workspaceId, contactId: contactId ?? '', channel: 'email', status, journeyId, journeyVersionId: version.id, enrollmentId, nodeId: 'wait-2d', idempotencyKey: randomUUID() },
      });
    await send(done.id, ben, 'opened');
    await send(goal.id, cat, 'delivered');
    await send(running.id, ann, 'bounced');

    const stats = await request('GET', `/v1/journeys/${journeyId}/stats`);
    expect(stats.statusCode).toBe(200);
    const body = stats.json<{ versions: number[]; totals: unknown; nodes: { nodeId: string }[] }>();
    expect(body.versions).toEqual([1]);
    expect(body.totals).toEqual({ enrollments: { total: 3, running: 1, completed: 1, exited: 1, failed: 0, cancelled: 0 }, exitReasons: { goal_reached: 1 } });
    expect(body.nodes.find((node) => node.nodeId === 'wait-2d')).toMatchObject({
      kind: 'wait',
      label: 'Wait 2 days',
      visits: 3,
      entered: 3,
      inProgress: 1,
      completed: 1,
      exitedByGoal: 1,
      exitedByCriteria: 0,
      failed: 0,
      messages: { delivered: 1, opened: 1, bounced: 1, sent: 0 },
    });
    expect(body.nodes.find((node) => node.nodeId === 'placed')).toMatchObject({ kind: 'trigger', visits: 3, completed: 3, inProgress: 0 });
    // Every node of the plan is listed, visited or not.
    expect(body.nodes.length).toBe(orderFollowUp().nodes.length);
    expect((await request('GET', `/v1/journeys/${journeyId}/stats?version=1`)).statusCode).toBe(200);
    expect((await request('GET', `/v1/journeys/${journeyId}/stats?version=9`)).statusCode).toBe(404);
    expect((await request('GET', `/v1/journeys/${journeyId}/stats?version=zero`)).json()).toMatchObject({ error: { field: 'querystring.version' } });

    const all = await request('GET', `/v1/journeys/${journeyId}/enrollments?limit=2`);
    expect(all.statusCode).toBe(200);
    const first = all.json<{ enrollments: { id: string }[]; nextCursor: string | null }>();
    expect(first.enrollments).toHaveLength(2);
    const rest = (await request('GET', `/v1/journeys/${journeyId}/enrollments?limit=2&cursor=${first.nextCursor ?? ''}`)).json<{ enrollments: { id: string }[]; nextCursor: string | null }>();
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...first.enrollments, ...rest.enrollments].map((enrollment) => enrollment.id))).toEqual(new Set([running.id, done.id, goal.id]));
    const runningOnly = await request('GET', `/v1/journeys/${journeyId}/enrollments?status=running`);
    expect(runningOnly.json()).toEqual({
      enrollments: [
        { id: running.id, journeyId, journeyName: 'Stats', version: 1, contactId: ann, status: 'running', currentNodeId: 'wait-2d', startedAt: expect.any(String), endedAt: null, exitReason: null },
      ],
      nextCursor: null,
    });
    expect((await request('GET', `/v1/journeys/${journeyId}/enrollments?status=lost`)).json()).toMatchObject({ error: { field: 'querystring.status' } });

    const ofCat = await request('GET', `/v1/contacts/${cat}/enrollments`);
    expect(ofCat.statusCode).toBe(200);
    expect(ofCat.json()).toMatchObject({ enrollments: [{ id: goal.id, journeyId, journeyName: 'Stats', status: 'exited', exitReason: 'goal_reached', endedAt: expect.any(String) }], nextCursor: null });

    // Workspace B sees none of it.
    for (const url of [`/v1/journeys/${journeyId}/stats`, `/v1/journeys/${journeyId}/enrollments`, `/v1/contacts/${cat}/enrollments`]) {
      const response = await request('GET', url, otherKey);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it("never shows or changes another workspace's journey, and needs a key on every route", async () => {
    const journeyId = await published('Private lifecycle');
    const enrollmentId = randomUUID();
    const contactId = randomUUID();
    const routes: ['GET' | 'POST', string][] = [
      ['GET', `/v1/journeys/${journeyId}`],
      ['GET', `/v1/journeys/${journeyId}/versions`],
      ['GET', `/v1/journeys/${journeyId}/stats`],
      ['GET', `/v1/journeys/${journeyId}/enrollments`],
      ['POST', `/v1/journeys/${journeyId}/pause`],
      ['POST', `/v1/journeys/${journeyId}/resume`],
      ['POST', `/v1/journeys/${journeyId}/archive`],
      ['POST', `/v1/journeys/${journeyId}/enrollments/${enrollmentId}/cancel`],
    ];
    for (const [method, url] of routes) {
      const response = await request(method, url, otherKey);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
    }
    const enroll = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/enroll`, headers: as(otherKey), payload: { contactIds: [contactId] } });
    expect(enroll.statusCode).toBe(404);
    expect((await database.db.prisma.journey.findUniqueOrThrow({ where: { id: journeyId } })).status).toBe('active');

    for (const [method, url] of [...routes, ['GET', '/v1/journeys'], ['GET', `/v1/contacts/${contactId}/enrollments`], ['POST', `/v1/journeys/${journeyId}/enroll`]] as const) {
      const response = await request(method, url, ''); // no Authorization header
      expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
    }
  });

  it('validates ids and the manual enrollment body, naming the field', async () => {
    const journeyId = await published('Validation');
    expect((await request('GET', '/v1/journeys/not-a-uuid')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'params.journeyId' } });
    expect((await request('POST', `/v1/journeys/${journeyId}/enrollments/nope/cancel`)).json()).toMatchObject({ error: { field: 'params.enrollmentId' } });
    expect((await request('GET', '/v1/contacts/nope/enrollments')).json()).toMatchObject({ error: { field: 'params.contactId' } });
    const enroll = (payload: unknown) => app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/enroll`, headers: { ...as(key), 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    expect((await enroll({ contactIds: [] })).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'body.contactIds' } });
    expect((await enroll({ contactIds: ['x'] })).json()).toMatchObject({ error: { field: 'body.contactIds.0' } });
    expect((await enroll({ contactIds: Array.from({ length: 1_001 }, () => randomUUID()) })).json()).toMatchObject({ error: { field: 'body.contactIds' } });
  });

  it('refuses manual enrollment into a journey that is not active (409), before calling Temporal', async () => {
    const draft = await save('Enroll draft');
    const contact = await database.db.prisma.contact.create({ data: { workspaceId, email: `draft-${randomUUID()}@example.com` } });
    const refused = await app.inject({ method: 'POST', url: `/v1/journeys/${draft}/enroll`, headers: as(key), payload: { contactIds: [contact.id] } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining('is draft') } });
    const journeyId = await published('Enroll paused');
    await request('POST', `/v1/journeys/${journeyId}/pause`);
    const paused = await app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/enroll`, headers: as(key), payload: { contactIds: [contact.id] } });
    expect(paused.statusCode).toBe(409);
    expect(paused.json<{ error: { message: string } }>().error.message).toContain('is paused');
  });

  it('describes the new routes in the OpenAPI document', async () => {
    const paths = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { tags?: string[]; security?: unknown; responses: Record<string, unknown> }>> }>().paths;
    const expected: [string, string, string[]][] = [
      ['/v1/journeys/', 'get', ['200', '400', '401']],
      ['/v1/journeys/{journeyId}', 'get', ['200', '401', '404']],
      ['/v1/journeys/{journeyId}/versions', 'get', ['200', '404']],
      ['/v1/journeys/{journeyId}/pause', 'post', ['200', '404', '409']],
      ['/v1/journeys/{journeyId}/resume', 'post', ['200', '409']],
      ['/v1/journeys/{journeyId}/archive', 'post', ['200', '404']],
      ['/v1/journeys/{journeyId}/stats', 'get', ['200', '404']],
      ['/v1/journeys/{journeyId}/enrollments', 'get', ['200', '404']],
      ['/v1/journeys/{journeyId}/enrollments/{enrollmentId}/cancel', 'post', ['200', '404', '409', '503']],
      ['/v1/journeys/{journeyId}/enroll', 'post', ['200', '400', '404', '409', '503']],
      ['/v1/contacts/{contactId}/enrollments', 'get', ['200', '404']],
    ];
    for (const [path, method, statuses] of expected) {
      const operation = paths[path]?.[method] ?? paths[path.replace(/\/$/, '')]?.[method];
      expect({ path, security: operation?.security, tags: operation?.tags?.includes('journeys') }).toEqual({ path, security: [{ apiKey: [] }, { session: [] }], tags: true });
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(statuses));
    }
  });
});
