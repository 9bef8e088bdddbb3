import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';
import { publishedJourney } from './published-journey';

describe.each(databaseKinds)('/v1/segments and /v1/scores (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  let theirs: { workspaceId: string; key: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
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

interface ErrorReply {
  error: { code: string; message: string; field?: string };
}
interface Summary {
  id: string;
  name: string;
  kind: string;
  members: number;
}

describe.each(databaseKinds)('/v1/segments: list, read, members, delete (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  let theirs: { workspaceId: string; key: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    mine = await workspaceWithKey(database.db);
    theirs = await workspaceWithKey(database.db);
    for (const [name, workspaceId, tags] of [['ada', mine.workspaceId, ['espresso']], ['bob', mine.workspaceId, ['espresso']], ['cy', mine.workspaceId, []], ['eve', theirs.workspaceId, ['espresso']]] as const) {
      ids[name] = (await database.db.prisma.contact.create({ data: { workspaceId, email: `${name}@example.com`, tags: [...tags] } })).id;
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  /** `key` null sends no Authorization header at all. */
  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, key: string | null = mine.key) =>
    app.inject({ method, url, headers: { ...(key !== null && { authorization: `Bearer ${key}` }), ...(payload !== undefined && { 'content-type': 'application/json' }) }, ...(payload !== undefined && { payload: JSON.stringify(payload) }) });
  const errorOf = (response: { statusCode: number; json<T>(): T }) => ({ status: response.statusCode, ...response.json<ErrorReply>().error });
  const save = async (body: Record<string, unknown>, key = mine.key): Promise<string> => {
    const response = await call('PUT', '/v1/segments', body, key);
    expect(response.statusCode).toBe(200);
    return response.json<{ segmentId: string }>().segmentId;
  };
  const espresso = { type: 'tag', operator: 'has', tag: 'espresso' };

  it('lists segments with member counts a page at a time, reads one with its definition and counts', async () => {
    const dynamic = await save({ name: 'Espresso lovers', description: 'Tagged espresso', kind: 'dynamic', criteria: espresso });
    const picked = await save({ name: 'Hand-picked', kind: 'static' });
    await call('POST', `/v1/segments/${picked}/members`, { contactIds: [ids.cy] });
    await save({ name: 'Theirs', kind: 'dynamic', criteria: espresso }, theirs.key);

    const first = (await call('GET', '/v1/segments?limit=1')).json<{ segments: Summary[]; nextCursor: string | null }>();
    expect(first.segments).toHaveLength(1);
    const second = (await call('GET', `/v1/segments?limit=1&cursor=${first.nextCursor ?? ''}`)).json<{ segments: Summary[]; nextCursor: string | null }>();
    expect(second.nextCursor).toBeNull();
    const listed = [...first.segments, ...second.segments].sort((a, b) => a.name.localeCompare(b.name));
    expect(listed).toMatchObject([
      { id: dynamic, name: 'Espresso lovers', kind: 'dynamic', members: 2, description: 'Tagged espresso' },
      { id: picked, name: 'Hand-picked', kind: 'static', members: 1, description: null },
    ]);
    expect(errorOf(await call('GET', '/v1/segments?cursor=%%%'))).toMatchObject({ status: 400, field: 'querystring.cursor' });

    const detail = await call('GET', `/v1/segments/${dynamic}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: dynamic, kind: 'dynamic', criteria: espresso, dependsOn: ['contact:tags'], timeBased: false, evaluatedAt: expect.any(String), counts: { members: 2, enteredLast30Days: 2, exitedLast30Days: 0 } });
    expect((await call('GET', `/v1/segments/${picked}`)).json()).toMatchObject({ criteria: null, counts: { members: 1, enteredLast30Days: 1 } });
  });

  it('lists members a page at a time with contact id, email and since', async () => {
    const segmentId = await save({ name: 'Members', kind: 'dynamic', criteria: espresso });
    const first = await call('GET', `/v1/segments/${segmentId}/members?limit=1`);
    expect(first.statusCode).toBe(200);
    const page = first.json<{ members: { contactId: string; email: string; since: string; source: string }[]; nextCursor: string | null }>();
    expect(page.members).toEqual([{ contactId: expect.any(String), email: expect.stringMatching(/@example\.com$/), since: expect.any(String), source: 'criteria_changed' }]);
    const rest = (await call('GET', `/v1/segments/${segmentId}/members?cursor=${page.nextCursor ?? ''}`)).json<{ members: { contactId: string }[]; nextCursor: string | null }>();
    expect(rest.nextCursor).toBeNull();
    expect([...page.members, ...rest.members].map((member) => member.contactId).sort()).toEqual([ids.ada, ids.bob].sort());
    expect(errorOf(await call('GET', `/v1/segments/${segmentId}/members?limit=0`))).toMatchObject({ status: 400, field: 'querystring.limit' });
  });

  it('refuses to delete a segment a live journey or another segment uses, naming them', async () => {
    const vips = await save({ name: 'VIPs', kind: 'static' });
    const trigger = { kind: 'trigger', config: { type: 'segment_entered', segmentId: vips } };
    await publishedJourney(database.db, mine.workspaceId, 'VIP welcome', { start: trigger });
    expect(errorOf(await call('DELETE', `/v1/segments/${vips}`))).toMatchObject({ status: 409, code: 'CONFLICT', message: expect.stringContaining('journey "VIP welcome"') });

    const tagged = await save({ name: 'Tagged', kind: 'static' });
    await publishedJourney(database.db, mine.workspaceId, 'Tagger', { tag: { kind: 'action', config: { actionId: 'segment.add', actionVersion: 1, input: { segmentId: tagged } } } }, 'paused');
    expect(errorOf(await call('DELETE', `/v1/segments/${tagged}`))).toMatchObject({ status: 409, message: expect.stringContaining('journey "Tagger"') });

    const base = await save({ name: 'Base', kind: 'dynamic', criteria: espresso });
    await save({ name: 'Built on base', kind: 'dynamic', criteria: { all: [{ type: 'segment', segmentId: base, operator: 'member' }] } });
    expect(errorOf(await call('DELETE', `/v1/segments/${base}`))).toMatchObject({ status: 409, message: expect.stringContaining('segment "Built on base"') });
    expect(await database.db.prisma.segment.count({ where: { id: { in: [vips, tagged, base] } } })).toBe(3);

    // An archived journey with no contact left running does not hold a segment.
    const old = await save({ name: 'Old', kind: 'static' });
    await publishedJourney(database.db, mine.workspaceId, 'Old journey', { start: { kind: 'trigger', config: { type: 'segment_exited', segmentId: old } } }, 'archived');
    expect((await call('DELETE', `/v1/segments/${old}`)).statusCode).toBe(200);
  });

  it('deletes a segment and announces each member as segment.exited', async () => {
    const segmentId = await save({ name: 'Doomed', kind: 'dynamic', criteria: espresso });
    const outboxBefore = await database.db.prisma.outboxEntry.count({ where: { workspaceId: mine.workspaceId, topic: 'segment.exited' } });
    const response = await call('DELETE', `/v1/segments/${segmentId}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ segmentId, exited: 2 });
    const exits = await database.db.prisma.outboxEntry.findMany({ where: { workspaceId: mine.workspaceId, topic: 'segment.exited' }, orderBy: { id: 'asc' }, skip: outboxBefore });
    expect(exits.map((entry) => entry.payload)).toEqual(expect.arrayContaining([{ contactId: ids.ada, segmentId, source: 'segment_deleted' }, { contactId: ids.bob, segmentId, source: 'segment_deleted' }]));
    expect(await database.db.prisma.segmentMembership.count({ where: { segmentId } })).toBe(0);
    expect(errorOf(await call('GET', `/v1/segments/${segmentId}`))).toMatchObject({ status: 404 });
    expect(errorOf(await call('DELETE', `/v1/segments/${segmentId}`))).toMatchObject({ status: 404 });
  });

  it('needs an API key, and shows or changes nothing of another workspace (404)', async () => {
    const segmentId = await save({ name: 'Private', kind: 'dynamic', criteria: espresso });
    for (const [method, url] of [['GET', '/v1/segments'], ['GET', `/v1/segments/${segmentId}`], ['GET', `/v1/segments/${segmentId}/members`], ['DELETE', `/v1/segments/${segmentId}`]] as const) {
      expect(errorOf(await call(method, url, undefined, null))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    }
    const before = await database.db.prisma.segmentMembership.findMany({ where: { segmentId }, orderBy: { contactId: 'asc' } });
    expect(errorOf(await call('GET', `/v1/segments/${segmentId}`, undefined, theirs.key))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(errorOf(await call('GET', `/v1/segments/${segmentId}/members`, undefined, theirs.key))).toMatchObject({ status: 404 });
    expect(errorOf(await call('DELETE', `/v1/segments/${segmentId}`, undefined, theirs.key))).toMatchObject({ status: 404 });
    const listed = await call('GET', '/v1/segments', undefined, theirs.key);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(segmentId);
    expect(await database.db.prisma.segment.count({ where: { id: segmentId } })).toBe(1);
    expect(await database.db.prisma.segmentMembership.findMany({ where: { segmentId }, orderBy: { contactId: 'asc' } })).toEqual(before);
  });
});
