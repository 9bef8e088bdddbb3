import type { FastifyInstance } from 'fastify';
import { AUDIT_DECLARATIONS, isAudited } from '../../../engine/audit';
import { openMigratedDatabase } from '../../support/database';
import { journeyApp } from '../journeys/test-app';

/**
 * The audit table against the OpenAPI document the app serves: every writing route is declared
 * (audited with an action, or not audited with a reason), and nothing is declared for a route
 * that is gone. A route added later fails here until someone answers the question.
 */
describe('audit declarations', () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let routes: { key: string; method: string; params: string[] }[];
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
    app = await journeyApp(database.db);
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> }>();
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        params: (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
      })),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('declares every route that writes', () => {
    const undeclared = routes.filter((route) => route.method !== 'GET' && route.method !== 'HEAD' && AUDIT_DECLARATIONS[route.key] === undefined).map((route) => route.key);
    expect(undeclared).toEqual([]);
  });

  it('declares no route that does not exist', () => {
    const served = new Set(routes.map((route) => route.key));
    expect(Object.keys(AUDIT_DECLARATIONS).filter((key) => !served.has(key))).toEqual([]);
  });

  it('gives each audited route an action code and a target the route can supply; each other one a reason', () => {
    for (const route of routes) {
      const declaration = AUDIT_DECLARATIONS[route.key];
      if (declaration === undefined) continue;
      if (!isAudited(declaration)) {
        expect({ route: route.key, reason: declaration.notAudited.length > 10 }).toEqual({ route: route.key, reason: true });
        continue;
      }
      expect({ route: route.key, action: declaration.action }).toEqual({ route: route.key, action: expect.stringMatching(/^[a-z_]+\.[a-z_]+$/) });
      if ('param' in declaration.target) expect({ route: route.key, params: route.params }).toEqual({ route: route.key, params: expect.arrayContaining([declaration.target.param]) });
    }
  });

  it('records data exports although they read', () => {
    const exported = AUDIT_DECLARATIONS['GET /v1/contacts/{contactId}/export'];
    expect(exported && isAudited(exported) && exported.action).toBe('contact.exported');
  });
});
