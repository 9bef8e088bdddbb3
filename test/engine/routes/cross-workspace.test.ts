import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { orderFollowUp } from '../journey/fixtures';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

/** Workspace A's resources, made through the API with A's key. */
interface Owned {
  contactId: string;
  otherContactId: string;
  segmentId: string;
  journeyId: string;
  enrollmentId: string;
  recomputeRunId: string;
  orderExternalId: string;
  templateId: string;
  bulkRunId: string;
  apiKeyId: string;
}

type Request = Omit<InjectOptions, 'headers'> & { url: string; contentType?: string };
type Check = (response: LightMyRequestResponse, owned: Owned) => void;

const notFound: Check = (response) => {
  expect({ status: response.statusCode, body: response.json() }).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
};
/** A collection read: it answers, and shows nothing of A's. */
const showsNothingOfA: Check = (response, owned) => {
  expect(response.statusCode).toBe(200);
  for (const id of Object.values(owned)) expect(response.body).not.toContain(id);
};
const accepted: Check = (response) => expect(response.statusCode).toBeLessThan(300);

/**
 * Every route that needs an API key, classified: what B's key tries against A's things, and
 * what it must get. A route missing here fails the first test, so a new route cannot skip the
 * question. After each attempt A's rows are compared with a snapshot: nothing may change.
 */
/**
 * Routes no key reaches (people only) or that name no id of another workspace (they act on the
 * caller's own session or workspace). People's isolation across workspaces is tested in
 * test/engine/accounts/ (workspaces, members, invitations).
 */
const NOT_PROBED_BY_KEY = new Set([
  'GET /v1/session',
  'DELETE /v1/session',
  'PUT /v1/session/workspace',
  'GET /v1/sessions',
  'DELETE /v1/sessions',
  'PUT /v1/me/password',
  'GET /v1/workspaces',
  'POST /v1/workspaces',
  'GET /v1/workspace',
  'PATCH /v1/workspace',
  'GET /v1/members',
  'PUT /v1/members/{userId}',
  'DELETE /v1/members/{userId}',
  'GET /v1/invitations',
  'POST /v1/invitations',
  'DELETE /v1/invitations/{invitationId}',
]);

const PROBES: Record<string, (owned: Owned) => { request: Request; check: Check }[]> = {
  'POST /hello': () => [{ request: { method: 'POST', url: '/hello', payload: { name: '' } }, check: (response) => expect(response.statusCode).toBe(400) }],
  // A's journey has this name: B's of the same name is B's own (before the save by name below makes one).
  'POST /v1/journeys/': () => [{ request: { method: 'POST', url: '/v1/journeys/', payload: { draft: orderFollowUp() } }, check: accepted }],
  'PUT /v1/journeys/drafts': () => [{ request: { method: 'PUT', url: '/v1/journeys/drafts', payload: orderFollowUp() }, check: accepted }],
  // With A's current revision, so only the workspace can be the reason for the refusal.
  'PUT /v1/journeys/{journeyId}/draft': (owned) => [
    { request: { method: 'PUT', url: `/v1/journeys/${owned.journeyId}/draft`, payload: { draft: { ...orderFollowUp(), name: 'Mallory' }, revision: 1 } }, check: notFound },
  ],
  'POST /v1/journeys/{journeyId}/lint': (owned) => [{ request: { method: 'POST', url: `/v1/journeys/${owned.journeyId}/lint` }, check: notFound }],
  'POST /v1/journeys/{journeyId}/publish': (owned) => [{ request: { method: 'POST', url: `/v1/journeys/${owned.journeyId}/publish` }, check: notFound }],
  'GET /v1/journeys/': () => [{ request: { method: 'GET', url: '/v1/journeys/' }, check: showsNothingOfA }],
  'GET /v1/journeys/{journeyId}': (owned) => [{ request: { method: 'GET', url: `/v1/journeys/${owned.journeyId}` }, check: notFound }],
  'GET /v1/journeys/{journeyId}/versions': (owned) => [{ request: { method: 'GET', url: `/v1/journeys/${owned.journeyId}/versions` }, check: notFound }],
  'GET /v1/journeys/{journeyId}/versions/{version}': (owned) => [{ request: { method: 'GET', url: `/v1/journeys/${owned.journeyId}/versions/1` }, check: notFound }],
  'POST /v1/journeys/{journeyId}/pause': (owned) => [{ request: { method: 'POST', url: `/v1/journeys/${owned.journeyId}/pause` }, check: notFound }],
  'POST /v1/journeys/{journeyId}/resume': (owned) => [{ request: { method: 'POST', url: `/v1/journeys/${owned.journeyId}/resume` }, check: notFound }],
  'POST /v1/journeys/{journeyId}/archive': (owned) => [{ request: { method: 'POST', url: `/v1/journeys/${owned.journeyId}/archive` }, check: notFound }],
  'GET /v1/journeys/{journeyId}/stats': (owned) => [{ request: { method: 'GET', url: `/v1/journeys/${owned.journeyId}/stats` }, check: notFound }],
  'GET /v1/journeys/{journeyId}/enrollments': (owned) => [{ request: { method: 'GET', url: `/v1/journeys/${owned.journeyId}/enrollments` }, check: notFound }],
  'GET /v1/journeys/{journeyId}/enrollments/{enrollmentId}': (owned) => [
    { request: { method: 'GET', url: `/v1/journeys/${owned.journeyId}/enrollments/${owned.enrollmentId}` }, check: notFound },
  ],
  'POST /v1/journeys/{journeyId}/enrollments/{enrollmentId}/cancel': (owned) => [
    { request: { method: 'POST', url: `/v1/journeys/${owned.journeyId}/enrollments/${owned.enrollmentId}/cancel` }, check: notFound },
  ],
  'POST /v1/journeys/{journeyId}/enroll-segment': (owned) => [
    { request: { method: 'POST', url: `/v1/journeys/${owned.journeyId}/enroll-segment`, payload: { segmentId: owned.segmentId } }, check: notFound },
  ],
  'GET /v1/journeys/{journeyId}/enroll-segment/{runId}': (owned) => [
    { request: { method: 'GET', url: `/v1/journeys/${owned.journeyId}/enroll-segment/${owned.bulkRunId}` }, check: notFound },
  ],
  'POST /v1/journeys/{journeyId}/enroll': (owned) => [{ request: { method: 'POST', url: `/v1/journeys/${owned.journeyId}/enroll`, payload: { contactIds: [owned.contactId] } }, check: notFound }],
  'GET /v1/contacts/{contactId}/enrollments': (owned) => [{ request: { method: 'GET', url: `/v1/contacts/${owned.contactId}/enrollments` }, check: notFound }],
  'PUT /v1/segments/': () => [{ request: { method: 'PUT', url: '/v1/segments/', payload: { name: 'VIPs', kind: 'static' } }, check: accepted }],
  'POST /v1/segments/preview': () => [{ request: { method: 'POST', url: '/v1/segments/preview', payload: { criteria: { type: 'all' } } }, check: () => undefined }],
  'POST /v1/segments/{segmentId}/members': (owned) => [
    { request: { method: 'POST', url: `/v1/segments/${owned.segmentId}/members`, payload: { contactIds: [owned.contactId] } }, check: notFound },
  ],
  'DELETE /v1/segments/{segmentId}/members': (owned) => [
    { request: { method: 'DELETE', url: `/v1/segments/${owned.segmentId}/members`, payload: { contactIds: [owned.contactId] } }, check: notFound },
  ],
  'POST /v1/segments/{segmentId}/import': (owned) => [
    { request: { method: 'POST', url: `/v1/segments/${owned.segmentId}/import`, contentType: 'text/csv', payload: `contact_id\n${owned.contactId}\n` }, check: notFound },
  ],
  'GET /v1/segments/': () => [{ request: { method: 'GET', url: '/v1/segments/' }, check: showsNothingOfA }],
  'GET /v1/segments/{segmentId}': (owned) => [{ request: { method: 'GET', url: `/v1/segments/${owned.segmentId}` }, check: notFound }],
  'GET /v1/segments/{segmentId}/members': (owned) => [{ request: { method: 'GET', url: `/v1/segments/${owned.segmentId}/members` }, check: notFound }],
  'DELETE /v1/segments/{segmentId}': (owned) => [{ request: { method: 'DELETE', url: `/v1/segments/${owned.segmentId}` }, check: notFound }],
  'POST /v1/templates/': () => [{ request: { method: 'POST', url: '/v1/templates/', payload: { name: 'Welcome', channel: 'sms', body: 'Hi' } }, check: accepted }],
  'GET /v1/templates/': () => [{ request: { method: 'GET', url: '/v1/templates/' }, check: showsNothingOfA }],
  'GET /v1/templates/{templateId}': (owned) => [{ request: { method: 'GET', url: `/v1/templates/${owned.templateId}` }, check: notFound }],
  'PUT /v1/templates/{templateId}': (owned) => [{ request: { method: 'PUT', url: `/v1/templates/${owned.templateId}`, payload: { name: 'Mallory', channel: 'sms', body: 'Hi' } }, check: notFound }],
  'DELETE /v1/templates/{templateId}': (owned) => [{ request: { method: 'DELETE', url: `/v1/templates/${owned.templateId}` }, check: notFound }],
  'POST /v1/templates/{templateId}/preview': (owned) => [{ request: { method: 'POST', url: `/v1/templates/${owned.templateId}/preview`, payload: { contactId: owned.contactId } }, check: notFound }],
  'POST /v1/contacts/import': () => [
    { request: { method: 'POST', url: '/v1/contacts/import', contentType: 'text/csv', payload: 'email,first_name\nann@example.com,Mallory\n' }, check: accepted },
  ],
  'PUT /v1/contacts/': () => [{ request: { method: 'PUT', url: '/v1/contacts/', payload: { email: 'ann@example.com', firstName: 'Mallory' } }, check: accepted }],
  'GET /v1/contacts/': () => [{ request: { method: 'GET', url: '/v1/contacts/?q=ann' }, check: showsNothingOfA }],
  'GET /v1/contacts/{contactId}': (owned) => [{ request: { method: 'GET', url: `/v1/contacts/${owned.contactId}` }, check: notFound }],
  'GET /v1/contacts/attributes': () => [{ request: { method: 'GET', url: '/v1/contacts/attributes' }, check: (response) => expect(response.body).not.toContain('a_only_plan') }],
  'GET /v1/events/names': () => [{ request: { method: 'GET', url: '/v1/events/names' }, check: (response) => expect(response.json()).toEqual({ events: [] }) }],
  'DELETE /v1/contacts/{contactId}': (owned) => [{ request: { method: 'DELETE', url: `/v1/contacts/${owned.contactId}` }, check: notFound }],
  'POST /v1/contacts/{contactId}/merge': (owned) => [{ request: { method: 'POST', url: `/v1/contacts/${owned.contactId}/merge`, payload: { from: owned.otherContactId } }, check: notFound }],
  'GET /v1/contacts/{contactId}/export': (owned) => [{ request: { method: 'GET', url: `/v1/contacts/${owned.contactId}/export` }, check: notFound }],
  'POST /v1/contacts/{contactId}/erase': (owned) => [{ request: { method: 'POST', url: `/v1/contacts/${owned.contactId}/erase` }, check: notFound }],
  // Starting a recompute needs Temporal; B's run would only ever touch B's contacts.
  'POST /v1/scores/recompute': () => [],
  'GET /v1/scores/recompute': () => [{ request: { method: 'GET', url: '/v1/scores/recompute' }, check: showsNothingOfA }],
  'GET /v1/scores/recompute/{runId}': (owned) => [{ request: { method: 'GET', url: `/v1/scores/recompute/${owned.recomputeRunId}` }, check: notFound }],
  'GET /v1/scores/contacts/{contactId}': (owned) => [{ request: { method: 'GET', url: `/v1/scores/contacts/${owned.contactId}` }, check: notFound }],
  'GET /v1/outbox/': () => [{ request: { method: 'GET', url: '/v1/outbox/' }, check: showsNothingOfA }],
  'POST /v1/track': (owned) => [{ request: { method: 'POST', url: '/v1/track', payload: { contactId: owned.contactId, name: 'Viewed Product' } }, check: notFound }],
  'POST /v1/identify': (owned) => [
    { request: { method: 'POST', url: '/v1/identify', payload: { contactId: owned.contactId, firstName: 'Mallory' } }, check: notFound },
    // By email, B gets its own contact: A's, with the same address, is not touched.
    { request: { method: 'POST', url: '/v1/identify', payload: { email: 'ann@example.com', firstName: 'Mallory' } }, check: accepted },
  ],
  'POST /v1/orders': (owned) => [
    {
      request: {
        method: 'POST',
        url: '/v1/orders',
        payload: { externalId: owned.orderExternalId, contact: { contactId: owned.contactId }, status: 'refunded', currency: 'USD', amount: 1, placedAt: '2026-11-01T10:00:00Z' },
      },
      check: notFound,
    },
  ],
  'POST /v1/batch': (owned) => [
    {
      request: { method: 'POST', url: '/v1/batch', payload: { items: [{ type: 'identify', contactId: owned.contactId, firstName: 'Mallory' }] } },
      check: (response) => {
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ error: 1, results: [{ status: 'error', error: { field: 'contactId' } }] });
      },
    },
  ],
  'GET /v1/actions/': () => [{ request: { method: 'GET', url: '/v1/actions/' }, check: showsNothingOfA }],
  // B's admin key makes B's keys, lists only B's, and cannot revoke A's.
  'POST /v1/api-keys/': () => [{ request: { method: 'POST', url: '/v1/api-keys/', payload: { name: 'B tracking', scope: 'ingest' } }, check: accepted }],
  'GET /v1/api-keys/': () => [{ request: { method: 'GET', url: '/v1/api-keys/' }, check: showsNothingOfA }],
  'GET /v1/audit/': () => [{ request: { method: 'GET', url: '/v1/audit/' }, check: showsNothingOfA }],
  'DELETE /v1/api-keys/{keyId}': (owned) => [{ request: { method: 'DELETE', url: `/v1/api-keys/${owned.apiKeyId}` }, check: notFound }],
  'GET /v1/contacts/{contactId}/messages': (owned) => [{ request: { method: 'GET', url: `/v1/contacts/${owned.contactId}/messages` }, check: notFound }],
  'GET /v1/contacts/{contactId}/consent': (owned) => [{ request: { method: 'GET', url: `/v1/contacts/${owned.contactId}/consent` }, check: notFound }],
  'GET /v1/contacts/{contactId}/consent/history': (owned) => [{ request: { method: 'GET', url: `/v1/contacts/${owned.contactId}/consent/history` }, check: notFound }],
  'POST /v1/contacts/{contactId}/consent': (owned) => [
    { request: { method: 'POST', url: `/v1/contacts/${owned.contactId}/consent`, payload: { email: { marketing: 'withdrawn' } } }, check: notFound },
  ],
  // A defines the topic "newsletter": B sees none of A's topics, and its own of the same key is its own.
  'GET /v1/consent/settings': () => [{ request: { method: 'GET', url: '/v1/consent/settings' }, check: (response) => expect(response.json()).toEqual({}) }],
  // B's settings are B's: A's workspace row is in the snapshot.
  'PUT /v1/consent/settings': () => [{ request: { method: 'PUT', url: '/v1/consent/settings', payload: { doubleOptIn: { email: true } } }, check: accepted }],
  'GET /v1/consent/topics': () => [{ request: { method: 'GET', url: '/v1/consent/topics' }, check: (response) => expect(response.json()).toEqual({ topics: [] }) }],
  'PUT /v1/consent/topics/{key}': () => [{ request: { method: 'PUT', url: '/v1/consent/topics/newsletter', payload: { name: "B's letter", channel: 'sms' } }, check: accepted }],
  'DELETE /v1/consent/topics/{key}': () => [{ request: { method: 'DELETE', url: '/v1/consent/topics/newsletter-a' }, check: notFound }],
};

/** A's rows in every table the probes could reach, for before/after comparison. */
async function snapshotOf(db: Database, workspaceId: string): Promise<unknown> {
  const where = { workspaceId };
  const orderBy = { id: 'asc' } as const;
  const { prisma } = db;
  return {
    workspace: await prisma.workspace.findUnique({ where: { id: workspaceId } }),
    contacts: await prisma.contact.findMany({ where, orderBy }),
    segments: await prisma.segment.findMany({ where, orderBy }),
    memberships: await prisma.segmentMembership.findMany({ where: { segment: where }, orderBy: [{ segmentId: 'asc' }, { contactId: 'asc' }] }),
    journeys: await prisma.journey.findMany({ where, orderBy }),
    versions: await prisma.journeyVersion.findMany({ where, orderBy }),
    enrollments: await prisma.journeyEnrollment.findMany({ where, orderBy }),
    orders: await prisma.order.findMany({ where, orderBy }),
    events: await prisma.event.count({ where }),
    recomputeRuns: await prisma.scoreRecomputeRun.findMany({ where, orderBy }),
    templates: await prisma.messageTemplate.findMany({ where, orderBy }),
    bulkEnrollmentRuns: await prisma.bulkEnrollmentRun.findMany({ where, orderBy }),
    consents: await prisma.consent.findMany({ where, orderBy }),
    consentEvents: await prisma.consentEvent.findMany({ where, orderBy }),
    topics: await prisma.subscriptionTopic.findMany({ where, orderBy }),
    topicSubscriptions: await prisma.topicSubscription.findMany({ where, orderBy }),
    apiKeys: await prisma.apiKey.findMany({ where, orderBy }),
  };
}

describe.each(databaseKinds)('a key of workspace B can neither read nor change anything of A (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let a: { workspaceId: string; key: string };
  let b: { workspaceId: string; key: string };
  let owned: Owned;

  const send = (key: string, request: Request) => {
    const { contentType, ...rest } = request;
    const json = typeof rest.payload === 'object';
    return app.inject({
      ...rest,
      headers: { authorization: `Bearer ${key}`, ...(contentType ? { 'content-type': contentType } : json ? { 'content-type': 'application/json' } : {}) },
    });
  };
  const asA = async <T>(request: Request): Promise<T> => {
    const response = await send(a.key, request);
    if (response.statusCode >= 300) throw new Error(`setup ${request.method} ${request.url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    [a, b] = [await workspaceWithKey(database.db), await workspaceWithKey(database.db)];
    await asA({ method: 'PUT', url: '/v1/consent/settings', payload: { smsHelpText: 'A answers HELP' } });
    await asA({ method: 'PUT', url: '/v1/consent/topics/newsletter', payload: { name: 'Newsletter', channel: 'email' } });
    await asA({ method: 'PUT', url: '/v1/consent/topics/newsletter-a', payload: { name: 'Only A has it', channel: 'email' } });
    const contact = await asA<{ contact: { id: string } }>({
      method: 'PUT',
      url: '/v1/contacts/',
      payload: { email: 'ann@example.com', firstName: 'Ann', attributes: { a_only_plan: 'pro' }, consent: { email: { marketing: 'granted' }, topics: { newsletter: 'granted' } } },
    });
    const other = await asA<{ contact: { id: string } }>({ method: 'PUT', url: '/v1/contacts/', payload: { email: 'ann.dup@example.com' } });
    const { segmentId } = await asA<{ segmentId: string }>({ method: 'PUT', url: '/v1/segments/', payload: { name: 'VIPs', kind: 'static' } });
    await asA({ method: 'POST', url: `/v1/segments/${segmentId}/members`, payload: { contactIds: [contact.contact.id] } });
    const { journeyId } = await asA<{ journeyId: string }>({ method: 'PUT', url: '/v1/journeys/drafts', payload: orderFollowUp() });
    const { journeyVersionId } = await asA<{ journeyVersionId: string }>({ method: 'POST', url: `/v1/journeys/${journeyId}/publish` });
    const orderExternalId = 'A-1001';
    await asA({
      method: 'POST',
      url: '/v1/orders',
      payload: { externalId: orderExternalId, contact: { contactId: contact.contact.id }, status: 'paid', currency: 'USD', amount: 42, placedAt: '2026-11-01T10:00:00Z' },
    });
    await asA({ method: 'POST', url: '/v1/track', payload: { contactId: contact.contact.id, name: 'Viewed Product' } });
    // Rows the API only creates through Temporal, written directly.
    const enrollment = await database.db.prisma.journeyEnrollment.create({
      data: { workspaceId: a.workspaceId, journeyId, journeyVersionId, contactId: contact.contact.id, workflowId: `journey-${journeyId}-${contact.contact.id}`, runId: randomUUID() },
    });
    const run = await database.db.prisma.scoreRecomputeRun.create({ data: { workspaceId: a.workspaceId, trigger: 'manual' } });
    const template = await asA<{ id: string }>({ method: 'POST', url: '/v1/templates/', payload: { name: 'Welcome', channel: 'email', subject: 'Hi {{ contact.firstName }}', body: '<p>Hi</p>' } });
    const bulkRun = await database.db.prisma.bulkEnrollmentRun.create({
      data: { workspaceId: a.workspaceId, journeyId, segmentId, trigger: 'api', audience: { kind: 'segment', segmentId }, workflowId: `bulk-enroll:${journeyId}:segment:${segmentId}`, ratePerSecond: 100 },
    });
    const apiKey = await database.db.prisma.apiKey.findFirstOrThrow({ where: { workspaceId: a.workspaceId }, select: { id: true } });
    owned = {
      contactId: contact.contact.id,
      otherContactId: other.contact.id,
      segmentId,
      journeyId,
      enrollmentId: enrollment.id,
      recomputeRunId: run.id,
      orderExternalId,
      templateId: template.id,
      bulkRunId: bulkRun.id,
      apiKeyId: apiKey.id,
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const securedRoutes = async (): Promise<string[]> => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>();
    return Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => (operation.security ?? []).length > 0)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
  };

  it('has a probe for every route that needs an API key', async () => {
    const routes = (await securedRoutes()).filter((route) => !NOT_PROBED_BY_KEY.has(route));
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((route) => !(route in PROBES))).toEqual([]);
    // And no probe for a route that no longer exists.
    expect(Object.keys(PROBES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('refuses every attempt on A and changes none of its rows', async () => {
    const before = await snapshotOf(database.db, a.workspaceId);
    for (const [route, probesOf] of Object.entries(PROBES)) {
      for (const { request, check } of probesOf(owned)) {
        const response = await send(b.key, request);
        try {
          check(response, owned);
        } catch (error) {
          throw new Error(`${route} (${request.method} ${request.url}) with B's key: ${response.statusCode} ${response.body}\n${String(error)}`);
        }
      }
    }
    expect(await snapshotOf(database.db, a.workspaceId)).toEqual(before);
    // A's own key still sees its contact as it was.
    const mine = await send(a.key, { method: 'GET', url: `/v1/contacts/${owned.contactId}` });
    expect(mine.json()).toMatchObject({ id: owned.contactId, firstName: 'Ann' });
  });
});
