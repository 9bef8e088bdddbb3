import type { FastifyInstance, HTTPMethods } from 'fastify';
import { areaOf, LEVELS, levelOf, PEOPLE_ONLY_AREAS, PUBLIC, ROLES, ROUTE_ACCESS, roleAllows, SCOPES, scopeAllows, SIGNED_IN, type Permission, type Role, type Scope } from '../../../engine/access/permissions';
import { createApiKey } from '../../../engine/journeys';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { addPerson, signIn, type Browser } from '../../support/people';
import { journeyApp } from '../journeys/test-app';

interface Operation {
  security?: unknown[];
  responses?: Record<string, unknown>;
}
interface Route {
  method: HTTPMethods;
  path: string;
  secured: boolean;
  documents403: boolean;
}

const METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const isMethod = (value: string): value is HTTPMethods => (METHODS as readonly string[]).includes(value);
const NIL_ID = '00000000-0000-4000-8000-000000000000';

/**
 * The permission table held against the OpenAPI document the app serves, and every route
 * tried with a key of every scope and a signed-in person of every role: a route the scope or
 * role does not allow answers 403 naming what it needs, before the body is read (the body
 * sent does not even parse, so no write happens); a route it allows answers whatever the
 * route itself answers, never 401 or 403.
 */
describe.each(databaseKinds)('the access matrix (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let keys: Record<Scope, string>;
  let people: Record<Role, Browser>;
  let routes: Route[];

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    const workspace = await database.db.prisma.workspace.create({ data: { name: 'Matrix', slug: `matrix-${kind}` } });
    const keyOf = async (scope: Scope) => (await createApiKey(database.db.prisma, workspace.id, { name: scope, scope })).key;
    keys = { full: await keyOf('full'), ingest: await keyOf('ingest'), read: await keyOf('read') };
    const personOf = async (role: Role) => {
      await addPerson(database.db, workspace.id, role, `${role}-${kind}@matrix.test`);
      return signIn(app, `${role}-${kind}@matrix.test`);
    };
    people = { admin: await personOf('admin'), editor: await personOf('editor'), viewer: await personOf('viewer') };
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => {
        const upper = method.toUpperCase();
        return isMethod(upper) ? [{ method: upper, path, secured: (operation.security ?? []).length > 0, documents403: '403' in (operation.responses ?? {}) }] : [];
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const keyOf = (route: Route) => `${route.method} ${route.path}`;
  const permissionOf = (route: Route): Permission => {
    const access = ROUTE_ACCESS[keyOf(route)];
    if (access === undefined || access === PUBLIC || access === SIGNED_IN) throw new Error(`${keyOf(route)} has no permission`);
    return access;
  };
  const tryRoute = async (route: Route, headers: Record<string, string>) => {
    const response = await app.inject({
      method: route.method,
      url: route.path.replace(/\{[^}]+\}/g, NIL_ID),
      headers: { ...headers, 'content-type': 'application/json' },
      // Does not parse: a refusal must come before the body is looked at.
      ...(route.method === 'GET' ? {} : { payload: '{"not": "valid"' }),
    });
    const message = response.json<{ error?: { message?: string } }>().error?.message;
    return { route: keyOf(route), refused: response.statusCode === 403 || response.statusCode === 401, serverError: response.statusCode >= 500, ...(response.statusCode === 403 && { message }) };
  };

  it('declares every route, and nothing that is not a route', () => {
    expect(routes.length).toBeGreaterThan(50);
    const served = routes.map(keyOf);
    expect(served.filter((route) => !(route in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((route) => !served.includes(route))).toEqual([]);
  });

  it('leaves open exactly the routes the document shows without a key', () => {
    const open = routes.filter((route) => ROUTE_ACCESS[keyOf(route)] === PUBLIC);
    expect(open.filter((route) => route.secured).map(keyOf)).toEqual([]);
    expect(routes.filter((route) => !route.secured && ROUTE_ACCESS[keyOf(route)] !== PUBLIC).map(keyOf)).toEqual([]);
    // The guard adds the 403 to each guarded route's documented replies.
    expect(routes.filter((route) => route.secured && !route.documents403).map(keyOf)).toEqual([]);
  });

  it('gives a read key GET routes only and an ingest key the four ingestion routes only', () => {
    const declared = Object.entries(ROUTE_ACCESS).flatMap(([route, access]) => (access === PUBLIC || access === SIGNED_IN ? [] : [{ route, level: levelOf(access) }]));
    expect(declared.filter(({ level }) => !(LEVELS as readonly string[]).includes(level))).toEqual([]);
    expect(declared.filter(({ route, level }) => level === 'read' && !route.startsWith('GET ')).map(({ route }) => route)).toEqual([]);
    expect(declared.filter(({ level }) => level === 'ingest').map(({ route }) => route).sort()).toEqual(['POST /v1/batch', 'POST /v1/identify', 'POST /v1/orders', 'POST /v1/track']);
    // Keys, settings, members and the audit log are for admins, whatever the method.
    for (const route of ['GET /v1/api-keys/', 'POST /v1/api-keys/', 'DELETE /v1/api-keys/{keyId}', 'PUT /v1/consent/settings', 'PATCH /v1/workspace', 'PUT /v1/members/{userId}', 'POST /v1/invitations', 'GET /v1/audit/']) expect(ROUTE_ACCESS[route]).toMatch(/\.admin$/);
  });

  it.each(SCOPES)('answers a %s key as its scope allows, refusing before the body is read', async (scope) => {
    const outcomes = [];
    for (const route of routes.filter((candidate) => candidate.secured)) {
      const outcome = await tryRoute(route, { authorization: `Bearer ${keys[scope]}` });
      outcomes.push(outcome);
      const access = ROUTE_ACCESS[keyOf(route)];
      if (access === SIGNED_IN) expect(outcome).toEqual({ route: keyOf(route), refused: true, serverError: false, message: 'Forbidden: this route is for signed-in people, not API keys' });
      else if (PEOPLE_ONLY_AREAS.has(areaOf(permissionOf(route)))) {
        expect(outcome).toEqual({ route: keyOf(route), refused: true, serverError: false, message: `Forbidden: API keys cannot use ${permissionOf(route)}; sign in as a person with that permission` });
      } else if (!scopeAllows(scope, permissionOf(route))) expect(outcome).toEqual({ route: keyOf(route), refused: true, serverError: false, message: `Forbidden: this key's scope (${scope}) does not allow ${permissionOf(route)}` });
      else expect(outcome).toEqual({ route: keyOf(route), refused: false, serverError: false });
    }
    const allowed = outcomes.filter((outcome) => !outcome.refused).length;
    if (scope === 'ingest') expect(allowed).toBe(4);
    if (scope === 'read') expect(allowed).toBeGreaterThan(20);
  });

  it.each(ROLES)('answers a signed-in %s as the role allows, refusing before the body is read', async (role) => {
    const outcomes = [];
    for (const route of routes.filter((candidate) => candidate.secured)) {
      const browser = people[role];
      const outcome = await tryRoute(route, { cookie: browser.cookie, ...(route.method !== 'GET' && { 'x-csrf-token': browser.csrf }) });
      outcomes.push(outcome);
      const access = ROUTE_ACCESS[keyOf(route)];
      if (access === SIGNED_IN || roleAllows(role, permissionOf(route))) expect(outcome).toEqual({ route: keyOf(route), refused: false, serverError: false });
      else expect(outcome).toEqual({ route: keyOf(route), refused: true, serverError: false, message: `Forbidden: your role (${role}) does not allow ${permissionOf(route)}` });
    }
    const allowed = outcomes.filter((outcome) => !outcome.refused).length;
    if (role === 'admin') expect(allowed).toBe(outcomes.length);
    if (role === 'viewer') expect(outcomes.filter((outcome) => !outcome.refused && !outcome.route.startsWith('GET ')).map((outcome) => outcome.route).sort()).toEqual(
      Object.entries(ROUTE_ACCESS).filter(([route, access]) => access === SIGNED_IN && !route.startsWith('GET ')).map(([route]) => route).sort(),
    );
  });
});
