import type { FastifyInstance, HTTPMethods } from 'fastify';
import { openMigratedDatabase } from '../../support/database';
import { addPerson, signIn, type Browser } from '../../support/people';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

interface Operation {
  security?: unknown[];
  parameters?: { in: string; name: string; schema?: { format?: string } }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: { required?: string[] } }> };
}
interface Route {
  method: HTTPMethods;
  path: string;
  operation: Operation;
}

const METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const isMethod = (value: string): value is HTTPMethods => (METHODS as readonly string[]).includes(value);

/**
 * Rules every route of the API keeps, checked over the OpenAPI document the app serves, so a
 * route added later is covered without a line here: a key or a session is required (missing,
 * malformed and unknown keys get the same 401 before anything else happens), and malformed input
 * gets a 400 naming the field (tried as a signed-in admin, who reaches every guarded route).
 */
describe('every route', () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let key: string;
  let admin: Browser;
  let routes: Route[];
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
    app = await journeyApp(database.db);
    const workspace = await workspaceWithKey(database.db);
    key = workspace.key;
    // A signed-in admin reaches every guarded route (keys do not reach the people-only ones).
    await addPerson(database.db, workspace.workspaceId, 'admin', 'admin@every-route.test');
    admin = await signIn(app, 'admin@every-route.test');
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => {
        const upper = method.toUpperCase();
        return isMethod(upper) ? [{ method: upper, path, operation }] : [];
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const adminHeaders = () => ({ cookie: admin.cookie, 'x-csrf-token': admin.csrf });
  const secured = () => routes.filter((route) => (route.operation.security ?? []).length > 0);
  const withIds = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);
  const OPEN = [
    'GET /health',
    'GET /unsubscribe/{token}',
    'POST /unsubscribe/{token}',
    'GET /preferences/{token}',
    'POST /preferences/{token}',
    'GET /confirm/{token}',
    'POST /confirm/{token}',
    'POST /v1/callbacks/twilio/status',
    'POST /v1/callbacks/twilio/inbound',
    // Signing in, first run and joining: the password or the link's token is the credential.
    'POST /v1/session',
    'GET /v1/session/state',
    'GET /setup',
    'POST /setup',
    'GET /invitations/{token}',
    'POST /invitations/{token}',
    'POST /v1/invitations/accept',
  ];

  it('needs an API key or a session everywhere except health, docs, callbacks, sign-in and the pages opened from links', () => {
    const open = routes.filter((route) => (route.operation.security ?? []).length === 0).map((route) => `${route.method} ${route.path}`);
    expect(open.sort()).toEqual([...OPEN].sort());
  });

  it.each(['', 'Bearer ', 'Bearer jek_not-a-key', 'Basic dXNlcjpwYXNz'])('answers 401 before reading the request when the authorization is %j', async (authorization) => {
    for (const route of secured()) {
      const response = await app.inject({
        method: route.method,
        url: withIds(route.path, '00000000-0000-4000-8000-000000000000'),
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        // A body that would fail validation: the key is checked first, so it is never parsed.
        ...(route.method === 'GET' ? {} : { payload: '{"not": "valid"' }),
      });
      expect({ route: `${route.method} ${route.path}`, status: response.statusCode, code: response.json<{ error?: { code?: string } }>().error?.code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
        code: 'UNAUTHORIZED',
      });
    }
  });

  it('refuses a malformed id in the path with a 400 naming the parameter', async () => {
    const checked = secured().filter((route) => (route.operation.parameters ?? []).some((parameter) => parameter.in === 'path' && parameter.schema?.format === 'uuid'));
    expect(checked.length).toBeGreaterThan(10);
    for (const route of checked) {
      const name = (route.operation.parameters ?? []).find((parameter) => parameter.in === 'path' && parameter.schema?.format === 'uuid')?.name ?? '';
      const response = await app.inject({
        method: route.method,
        url: withIds(route.path, 'not-an-id'),
        headers: { ...adminHeaders(), 'content-type': 'application/json' },
        ...(route.method === 'GET' ? {} : { payload: '{}' }),
      });
      expect({ route: `${route.method} ${route.path}`, status: response.statusCode, body: response.json() }).toMatchObject({
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED', field: `params.${name}` } },
      });
    }
  });

  it('refuses a JSON body with an unknown field with a 400 naming it', async () => {
    const withJsonBody = secured().filter((route) => route.operation.requestBody?.content?.['application/json'] !== undefined);
    expect(withJsonBody.length).toBeGreaterThan(10);
    let named = 0;
    for (const route of withJsonBody) {
      // A missing required property is reported first (one error per request), and names itself.
      const required = route.operation.requestBody?.content?.['application/json']?.schema?.required ?? [];
      const expected = required.length === 0 ? 'body.surelyNotAField' : expect.stringMatching(new RegExp(`^body\\.(${required.join('|')})$`));
      if (required.length === 0) named += 1;
      const response = await app.inject({
        method: route.method,
        url: withIds(route.path, '00000000-0000-4000-8000-000000000000'),
        headers: { ...adminHeaders(), 'content-type': 'application/json' },
        payload: JSON.stringify({ surelyNotAField: 1 }),
      });
      expect({ route: `${route.method} ${route.path}`, status: response.statusCode, body: response.json() }).toMatchObject({
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED', field: expected } },
      });
    }
    expect(named).toBeGreaterThan(0);
  });

  it('answers a body that does not parse, or a content type no route reads, with a catalogue error', async () => {
    const headers = { authorization: `Bearer ${key}` };
    const broken = await app.inject({ method: 'PUT', url: '/v1/contacts', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"email": ' });
    expect({ status: broken.statusCode, body: broken.json() }).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_BODY', field: 'body' } } });
    const empty = await app.inject({ method: 'PUT', url: '/v1/contacts', headers: { ...headers, 'content-type': 'application/json' } });
    expect({ status: empty.statusCode, body: empty.json() }).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_BODY', field: 'body' } } });
    const xml = await app.inject({ method: 'PUT', url: '/v1/contacts', headers: { ...headers, 'content-type': 'application/xml' }, payload: '<contact/>' });
    expect({ status: xml.statusCode, body: xml.json() }).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'headers.content-type' } } });
  });
});
