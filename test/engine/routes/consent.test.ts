import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

describe.each(databaseKinds)('consent through the API (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let mine: { workspaceId: string; key: string };
  let theirs: { workspaceId: string; key: string };
  const segments: Record<string, string> = {};
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    mine = await workspaceWithKey(database.db);
    theirs = await workspaceWithKey(database.db);
    expect((await call('PUT', '/v1/consent/topics/newsletter', { name: 'Newsletter', description: 'Monthly roast notes', channel: 'email' })).statusCode).toBe(201);
    expect((await call('PUT', '/v1/consent/topics/offers', { name: 'Offers', channel: 'email', defaultSubscribed: true })).statusCode).toBe(201);
    for (const [name, criteria] of [
      ['Email subscribers', { type: 'consent', channel: 'email', status: 'granted' }],
      ['SMS subscribers', { type: 'consent', channel: 'sms', status: 'granted' }],
      ['Newsletter readers', { type: 'topic', topic: 'newsletter', subscribed: true }],
      ['Offer takers', { type: 'topic', topic: 'offers', subscribed: true }],
    ] as const) {
      const saved = await call('PUT', '/v1/segments', { name, kind: 'dynamic', criteria });
      expect(saved.statusCode).toBe(200);
      segments[name] = saved.json<{ segmentId: string }>().segmentId;
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, key = mine.key, contentType = 'application/json') =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}`, 'user-agent': 'consent-test/1', ...(payload === undefined ? {} : { 'content-type': contentType }) },
      ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });
  const memberOf = async (segment: string, contactId: string): Promise<boolean> =>
    (await database.db.prisma.segmentMembership.count({ where: { segmentId: segments[segment] ?? '', contactId } })) === 1;
  const history = (contactId: string) => database.db.prisma.consentEvent.findMany({ where: { contactId }, orderBy: { recordedAt: 'asc' } });

  it('a contact created with marketing consent is granted, recorded with its provenance, and a segment member at once', async () => {
    const created = await call('PUT', '/v1/contacts', { email: 'ada@example.com', phone: '+14155550101', consent: { email: { marketing: 'granted' }, sms: { marketing: 'granted' } } });
    expect(created.statusCode).toBe(201);
    const { contact, changed } = created.json<{ contact: { id: string }; changed: string[] }>();
    expect(changed).toEqual(expect.arrayContaining(['email', 'consent.email.marketing', 'consent.sms.marketing']));
    const consent = await call('GET', `/v1/contacts/${contact.id}/consent`);
    expect(consent.statusCode).toBe(200);
    expect(consent.json<{ channels: unknown[] }>().channels).toEqual([
      expect.objectContaining({ channel: 'email', purpose: 'marketing', status: 'granted', source: 'api' }),
      expect.objectContaining({ channel: 'sms', purpose: 'marketing', status: 'granted', source: 'api' }),
    ]);
    const [first] = await history(contact.id);
    const apiKey = await database.db.prisma.apiKey.findFirstOrThrow({ where: { workspaceId: mine.workspaceId } });
    expect(first).toMatchObject({ source: 'api', actor: `api_key:${apiKey.id}`, userAgent: 'consent-test/1', status: 'granted' });
    expect(await memberOf('Email subscribers', contact.id)).toBe(true);
    expect(await memberOf('SMS subscribers', contact.id)).toBe(true);
    // The re-sent upsert restates the same consent: nothing new in the history.
    const again = await call('PUT', '/v1/contacts', { email: 'ada@example.com', consent: { email: { marketing: 'granted' } } });
    expect(again.json<{ changed: string[] }>().changed).toEqual([]);
    expect(await history(contact.id)).toHaveLength(2);
  });

  it('withdrawing SMS consent with a reason records it, emits consent.changed and moves the segment in the same request', async () => {
    const contactId = await contactIdOf('ada@example.com');
    const response = await call('POST', `/v1/contacts/${contactId}/consent`, { sms: { marketing: 'withdrawn' }, reason: 'asked by phone', proof: { formId: 'support-call', ipAddress: '203.0.113.9' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ changed: ['consent.sms.marketing'], awaitingConfirmation: [] });
    expect(await memberOf('SMS subscribers', contactId)).toBe(false);
    expect(await memberOf('Email subscribers', contactId)).toBe(true);
    const latest = await call('GET', `/v1/contacts/${contactId}/consent/history?limit=1`);
    expect(latest.json<{ history: unknown[] }>().history).toEqual([
      expect.objectContaining({ channel: 'sms', purpose: 'marketing', status: 'withdrawn', source: 'api', reason: 'asked by phone', formId: 'support-call', ipAddress: '203.0.113.9' }),
    ]);
    const outbox = await database.db.prisma.outboxEntry.findMany({ where: { workspaceId: mine.workspaceId, topic: 'consent.changed' }, orderBy: { id: 'asc' } });
    expect(outbox.at(-1)?.payload).toMatchObject({ contactId, channel: 'sms', purpose: 'marketing', subscriptionTopic: null, from: 'granted', to: 'withdrawn', source: 'api' });
    const exited = await database.db.prisma.outboxEntry.findMany({ where: { workspaceId: mine.workspaceId, topic: 'segment.exited' } });
    expect(exited.map((entry) => entry.payload)).toContainEqual(expect.objectContaining({ contactId, segmentId: segments['SMS subscribers'] }));
    // A deliberate repeat is still a request worth keeping; it changes no state.
    const repeat = await call('POST', `/v1/contacts/${contactId}/consent`, { sms: { marketing: 'withdrawn' } });
    expect(repeat.json()).toMatchObject({ changed: [] });
  });

  it('topics: opt-in needs a choice, opt-out counts until left, and neither reaches a contact without channel consent', async () => {
    const contactId = await contactIdOf('ada@example.com');
    expect(await memberOf('Newsletter readers', contactId)).toBe(false);
    expect(await memberOf('Offer takers', contactId)).toBe(true);
    const response = await call('POST', `/v1/contacts/${contactId}/consent`, { topics: { newsletter: 'granted', offers: 'withdrawn' } });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ consent: { topics: unknown[] } }>().consent.topics).toEqual([
      expect.objectContaining({ key: 'newsletter', status: 'granted', subscribed: true }),
      expect.objectContaining({ key: 'offers', status: 'withdrawn', subscribed: false, defaultSubscribed: true }),
    ]);
    expect(await memberOf('Newsletter readers', contactId)).toBe(true);
    expect(await memberOf('Offer takers', contactId)).toBe(false);
    await call('POST', `/v1/contacts/${contactId}/consent`, { email: { marketing: 'withdrawn' } });
    expect(await memberOf('Newsletter readers', contactId)).toBe(false);
    expect((await history(contactId)).filter((entry) => entry.topic !== null).map((entry) => [entry.topic, entry.status])).toEqual([
      ['newsletter', 'granted'],
      ['offers', 'withdrawn'],
    ]);
  });

  it('refuses unknown topics, channels and purposes naming the field, and writes nothing', async () => {
    const contactId = await contactIdOf('ada@example.com');
    const before = (await history(contactId)).length;
    const cases: [unknown, string][] = [
      [{ topics: { nope: 'granted' } }, 'body.topics.nope'],
      [{ fax: { marketing: 'granted' } }, 'body.fax'],
      [{ email: { promotional: 'granted' } }, 'body.email.promotional'],
      [{ email: { marketing: 'yes' } }, 'body.email.marketing'],
      [{ reason: 'no decision' }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const response = await call('POST', `/v1/contacts/${contactId}/consent`, payload);
      expect({ payload, status: response.statusCode, field: response.json<{ error: { field?: string } }>().error.field }).toEqual({ payload, status: 400, field });
    }
    const upsert = await call('PUT', '/v1/contacts', { email: 'ada@example.com', firstName: 'Ada', consent: { topics: { nope: 'granted' } } });
    expect(upsert.statusCode).toBe(400);
    expect(upsert.json<{ error: { field: string } }>().error.field).toBe('body.consent.topics.nope');
    expect((await database.db.prisma.contact.findUniqueOrThrow({ where: { id: contactId } })).firstName).toBeNull();
    expect(await history(contactId)).toHaveLength(before);
  });

  it("identify and batch accept consent; another workspace's key finds nothing", async () => {
    const identified = await call('POST', '/v1/identify', { email: 'bob@example.com', consent: { email: { marketing: 'granted' }, topics: { newsletter: 'granted' } } });
    expect(identified.statusCode).toBe(200);
    const bob = identified.json<{ contactId: string; changed: string[] }>();
    expect(bob.changed).toEqual(expect.arrayContaining(['consent.email.marketing', 'consent.topics.newsletter']));
    expect(await memberOf('Newsletter readers', bob.contactId)).toBe(true);
    const batch = await call('POST', '/v1/batch', {
      items: [
        { type: 'identify', email: 'bob@example.com', consent: { email: { marketing: 'withdrawn' } } },
        { type: 'identify', email: 'cy@example.com', consent: { topics: { unknown: 'granted' } } },
      ],
    });
    expect(batch.statusCode).toBe(200);
    expect(batch.json<{ results: unknown[] }>().results).toEqual([
      { index: 0, status: 'ok' },
      expect.objectContaining({ index: 1, status: 'error', error: expect.objectContaining({ field: 'consent.topics.unknown' }) }),
    ]);
    expect(await memberOf('Email subscribers', bob.contactId)).toBe(false);
    expect((await call('GET', `/v1/contacts/${bob.contactId}/consent`, undefined, theirs.key)).statusCode).toBe(404);
    expect((await call('POST', `/v1/contacts/${bob.contactId}/consent`, { email: { marketing: 'granted' } }, theirs.key)).statusCode).toBe(404);
    expect((await call('GET', '/v1/consent/topics', undefined, theirs.key)).json()).toEqual({ topics: [] });
  });

  it('imports consent columns, refusing a bad cell by its column', async () => {
    const csv = ['email,consent.email.marketing,topic.newsletter', 'dee@example.com,yes,granted', 'eli@example.com,maybe,'].join('\n');
    const response = await call('POST', '/v1/contacts/import', csv, mine.key, 'text/csv');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ created: 1, invalid: [{ line: 3, field: 'consent.email.marketing' }] });
    const dee = await contactIdOf('dee@example.com');
    expect(await memberOf('Newsletter readers', dee)).toBe(true);
    expect((await history(dee)).map((entry) => entry.source)).toEqual(['import', 'import']);
    const rerun = await call('POST', '/v1/contacts/import', csv, mine.key, 'text/csv');
    expect(rerun.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await history(dee)).toHaveLength(2);
  });

  it('double opt-in keeps an email marketing grant pending until confirmed', async () => {
    await database.db.prisma.workspace.update({ where: { id: mine.workspaceId }, data: { settings: { quietHours: { from: '21:00', to: '08:00' } } } });
    const refused = await call('PUT', '/v1/consent/settings', { doubleOptIn: { email: 'yes' } });
    expect(refused.json<{ error: { field: string } }>().error.field).toBe('body.doubleOptIn.email');
    expect((await call('PUT', '/v1/consent/settings', { doubleOptIn: { email: true }, preferenceCenter: { brandColour: '#7c2d12' } })).statusCode).toBe(200);
    expect((await call('GET', '/v1/consent/settings')).json()).toEqual({ doubleOptIn: { email: true }, preferenceCenter: { brandColour: '#7c2d12' } });
    // Only the consent block changed: the sending policy is still there.
    expect((await database.db.prisma.workspace.findUniqueOrThrow({ where: { id: mine.workspaceId } })).settings).toMatchObject({ quietHours: { from: '21:00' } });
    try {
      const created = await call('PUT', '/v1/contacts', { email: 'fay@example.com', consent: { email: { marketing: 'granted' } } });
      const { contact } = created.json<{ contact: { id: string } }>();
      const consent = await call('GET', `/v1/contacts/${contact.id}/consent`);
      expect(consent.json<{ channels: unknown[] }>().channels).toEqual([expect.objectContaining({ channel: 'email', status: 'pending' })]);
      expect(await memberOf('Email subscribers', contact.id)).toBe(false);
      // The confirmation email went out through the mail path (the local outbox here), once.
      const confirmations = () => database.db.prisma.localOutboxMessage.findMany({ where: { workspaceId: mine.workspaceId, toAddress: 'fay@example.com' } });
      expect(await confirmations()).toHaveLength(1);
      const identified = await call('POST', '/v1/identify', { email: 'gus@example.com', consent: { email: { marketing: 'granted' } } });
      expect(identified.json()).toMatchObject({ awaitingConfirmation: ['email'] });
      expect(await database.db.prisma.localOutboxMessage.count({ where: { workspaceId: mine.workspaceId, toAddress: 'gus@example.com' } })).toBe(1);
      const repeated = await call('POST', `/v1/contacts/${contact.id}/consent`, { email: { marketing: 'granted' } });
      expect(repeated.json()).toMatchObject({ changed: [], awaitingConfirmation: ['email'] });
      // Asking again is a new request, with a new email; the re-sent upsert restates and sends nothing.
      expect(await confirmations()).toHaveLength(2);
      await call('PUT', '/v1/contacts', { email: 'fay@example.com', consent: { email: { marketing: 'granted' } } });
      expect(await confirmations()).toHaveLength(2);
    } finally {
      await database.db.prisma.workspace.update({ where: { id: mine.workspaceId }, data: { settings: {} } });
    }
  });

  it('a topic a segment reads cannot be deleted; an unused one can, its history kept', async () => {
    const refused = await call('DELETE', '/v1/consent/topics/newsletter');
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('Newsletter readers');
    expect((await call('PUT', '/v1/consent/topics/offers', { name: 'Offers', channel: 'sms' })).statusCode).toBe(400);
    expect((await call('DELETE', `/v1/segments/${segments['Offer takers'] ?? ''}`)).statusCode).toBe(200);
    expect((await call('DELETE', '/v1/consent/topics/offers')).statusCode).toBe(204);
    expect((await call('DELETE', '/v1/consent/topics/offers')).statusCode).toBe(404);
    expect(await database.db.prisma.consentEvent.count({ where: { workspaceId: mine.workspaceId, topic: 'offers' } })).toBeGreaterThan(0);
  });

  it("a contact's messages show a skipped send with its reason", async () => {
    const contactId = await contactIdOf('ada@example.com');
    const reason = 'Marketing sms consent is withdrawn.';
    await database.db.prisma.communication.create({
      data: { workspaceId: mine.workspaceId, contactId, channel: 'sms', messageType: 'marketing', status: 'suppressed', error: reason, idempotencyKey: 'test:sms:1', nodeId: 'reminder' },
    });
    const response = await call('GET', `/v1/contacts/${contactId}/messages?limit=5`);
    expect(response.statusCode).toBe(200);
    expect(response.json<{ messages: unknown[] }>().messages).toEqual([expect.objectContaining({ channel: 'sms', status: 'suppressed', reason, nodeId: 'reminder' })]);
  });

  async function contactIdOf(email: string): Promise<string> {
    return (await database.db.prisma.contact.findFirstOrThrow({ where: { workspaceId: mine.workspaceId, email } })).id;
  }
});
