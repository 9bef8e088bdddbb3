import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { orderFollowUp } from '../journey/fixtures';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';
import { whereTextOccurs } from '../privacy/fixture';

interface Entry {
  id: string;
  actor: { type: string; id: string | null };
  action: string;
  target: { type: string | null; id: string | null };
  summary: Record<string, unknown>;
  requestId: string | null;
  clientAddress: string | null;
  occurredAt: string;
}
interface Page {
  entries: Entry[];
  nextCursor: string | null;
}

describe.each(databaseKinds)('the audit log (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string; keyId: string };
  let theirs: { workspaceId: string; key: string };
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    const made = await workspaceWithKey(database.db);
    const key = await database.db.prisma.apiKey.findFirstOrThrow({ where: { workspaceId: made.workspaceId }, select: { id: true } });
    mine = { ...made, keyId: key.id };
    theirs = await workspaceWithKey(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, key = mine.key) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload !== undefined && { payload }) });
  const audit = async (query = '', key = mine.key): Promise<Page> => {
    const response = await call('GET', `/v1/audit${query}`, undefined, key);
    expect(response.statusCode).toBe(200);
    return response.json<Page>();
  };
  const rowsFor = async (targetType: string, targetId: string): Promise<Entry[]> => (await audit(`?targetType=${targetType}&targetId=${targetId}`)).entries;
  const contact = async (email: string): Promise<string> => {
    const response = await call('PUT', '/v1/contacts/', { email, firstName: 'Erin', phone: '+14155550123' });
    expect(response.statusCode).toBeLessThan(300);
    return response.json<{ contact: { id: string } }>().contact.id;
  };

  it('records a publish with its version, and a pause with before and after, as this key from this address', async () => {
    const saved = await call('PUT', '/v1/journeys/drafts', { ...orderFollowUp(), name: 'Audited' });
    const { journeyId } = saved.json<{ journeyId: string }>();
    const published = await call('POST', `/v1/journeys/${journeyId}/publish`);
    expect(published.statusCode).toBe(200);
    expect((await call('POST', `/v1/journeys/${journeyId}/pause`)).statusCode).toBe(200);

    const [pause, publish, draft] = await rowsFor('journey', journeyId);
    expect(publish).toEqual({
      id: expect.any(String),
      actor: { type: 'api_key', id: mine.keyId },
      action: 'journey.published',
      target: { type: 'journey', id: journeyId },
      summary: { version: 1, alreadyPublished: false },
      requestId: expect.any(String),
      clientAddress: '127.0.0.1',
      occurredAt: expect.any(String),
    });
    expect(pause).toMatchObject({ action: 'journey.paused', summary: { from: 'active', to: 'paused', changed: true } });
    expect(draft).toMatchObject({ action: 'journey.draft_saved', summary: { version: 1, created: true } });
  });

  it('records a segment deletion, a consent change and a data export', async () => {
    const segmentId = (await call('PUT', '/v1/segments/', { name: 'Audit VIPs', kind: 'static' })).json<{ segmentId: string }>().segmentId;
    expect((await call('DELETE', `/v1/segments/${segmentId}`)).statusCode).toBeLessThan(300);
    expect((await rowsFor('segment', segmentId)).map((entry) => entry.action)).toEqual(['segment.deleted', 'segment.saved']);

    const contactId = await contact('consent.audit@example.com');
    expect((await call('POST', `/v1/contacts/${contactId}/consent`, { email: { marketing: 'withdrawn' } })).statusCode).toBe(200);
    expect((await call('GET', `/v1/contacts/${contactId}/export`)).statusCode).toBe(200);
    expect((await rowsFor('contact', contactId)).map((entry) => entry.action)).toEqual(['contact.exported', 'consent.changed', 'contact.upserted']);
  });

  it('records a settings change with the block before and after', async () => {
    expect((await call('PUT', '/v1/consent/settings', { doubleOptIn: { email: true } })).statusCode).toBe(200);
    expect((await call('PUT', '/v1/consent/settings', { doubleOptIn: { email: false }, smsHelpText: 'Reply STOP to opt out.' })).statusCode).toBe(200);
    const [second] = (await audit('?action=consent_settings.updated')).entries;
    expect(second).toMatchObject({
      target: { type: 'workspace', id: mine.workspaceId },
      summary: { before: { doubleOptIn: { email: true } }, after: { doubleOptIn: { email: false }, smsHelpText: 'Reply STOP to opt out.' } },
    });
  });

  it('records a key made and revoked, never its secret', async () => {
    const created = await call('POST', '/v1/api-keys/', { name: 'Audit probe', scope: 'read' });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json<{ id: string; key: string }>();
    expect((await call('DELETE', `/v1/api-keys/${id}`)).statusCode).toBeLessThan(300);
    expect((await rowsFor('api_key', id)).map((entry) => entry.action)).toEqual(['apikey.revoked', 'apikey.created']);
    expect((await whereTextOccurs(database.db, key)).filter((column) => column.startsWith('audit_entry'))).toEqual([]);
  });

  it('records nothing for a refused write (4xx)', async () => {
    const before = (await audit()).entries.length;
    expect((await call('POST', '/v1/journeys/00000000-0000-4000-8000-000000000000/pause')).statusCode).toBe(404);
    expect((await call('PUT', '/v1/segments/', { name: '' })).statusCode).toBe(400);
    const draft = (await call('PUT', '/v1/journeys/drafts', { ...orderFollowUp(), name: 'Never published' })).json<{ journeyId: string }>().journeyId;
    expect((await call('POST', `/v1/journeys/${draft}/pause`)).statusCode).toBe(409);
    const after = await audit();
    expect(after.entries.length).toBe(before + 1);
    expect(after.entries[0]).toMatchObject({ action: 'journey.draft_saved', target: { id: draft } });
  });

  it('keeps the rows of an erased contact but nothing personal in them', async () => {
    const email = 'erase.audit@example.com';
    const contactId = await contact(email);
    expect((await call('POST', `/v1/contacts/${contactId}/consent`, { email: { marketing: 'granted' } })).statusCode).toBe(200);
    expect((await call('POST', `/v1/contacts/${contactId}/erase`)).statusCode).toBe(200);
    const rows = await rowsFor('contact', contactId);
    expect(rows.map((entry) => entry.action)).toEqual(['contact.erased', 'consent.changed', 'contact.upserted']);
    // Rows written before the erasure are emptied in its transaction; the erasure's own row holds counts only.
    expect(rows.slice(1).map((entry) => entry.summary)).toEqual([{ scrubbed: 'contact_erased' }, { scrubbed: 'contact_erased' }]);
    expect(rows[0]?.summary).toEqual({ journeysCancelled: 0, segmentExitsAnnounced: expect.any(Number) });
    for (const needle of [email, '4155550123', 'Erin']) expect((await whereTextOccurs(database.db, needle)).filter((column) => column.startsWith('audit_entry'))).toEqual([]);
  });

  it('filters by action, actor, target and time, and pages newest first without gaps or repeats', async () => {
    for (const name of ['Page 1', 'Page 2', 'Page 3', 'Page 4', 'Page 5']) await call('PUT', '/v1/segments/', { name, kind: 'static' });
    const everything = (await audit('?limit=200')).entries;
    expect(everything.map((entry) => Number(entry.id))).toEqual([...everything.map((entry) => Number(entry.id))].sort((a, b) => b - a));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await audit(`?action=segment.saved&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((entry) => entry.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(everything.filter((entry) => entry.action === 'segment.saved').map((entry) => entry.id));
    expect(new Set(seen).size).toBe(seen.length);

    expect((await audit(`?actor=api_key:${mine.keyId}&limit=200`)).entries).toHaveLength(everything.length);
    expect((await audit('?actor=api_key:00000000-0000-4000-8000-000000000000')).entries).toEqual([]);
    const newest = everything[0];
    expect((await audit(`?from=${encodeURIComponent(newest?.occurredAt ?? '')}&limit=200`)).entries.map((entry) => entry.id)).toContain(newest?.id);
    expect((await audit(`?to=${encodeURIComponent(everything.at(-1)?.occurredAt ?? '')}`)).entries).toEqual([]);
  });

  it('refuses a bad filter or cursor naming the field', async () => {
    for (const [query, field] of [
      ['?cursor=bm90LWEtY3Vyc29y', 'querystring.cursor'],
      ['?targetId=x', 'querystring.targetId'],
      ['?from=yesterday', 'querystring.from'],
      ['?actor=root', 'querystring.actor'],
    ] as const) {
      const response = await call('GET', `/v1/audit${query}`);
      expect({ query, status: response.statusCode, body: response.json() }).toMatchObject({ query, status: 400, body: { error: { code: 'VALIDATION_FAILED', field } } });
    }
  });

  it("shows another workspace's key none of these rows", async () => {
    const page = await audit('?limit=200', theirs.key);
    expect(page.entries.filter((entry) => entry.actor.id === mine.keyId)).toEqual([]);
    expect((await audit('?limit=200')).entries.length).toBeGreaterThan(0);
  });
});
