import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { ApiError } from '../errors';
import { authenticate, requireCsrfForSessions } from '../plugins/auth';
import { accessOf, areaOf, PEOPLE_ONLY_AREAS, roleAllows, routeKey, scopeAllows, SIGNED_IN, type Permission } from './permissions';

/**
 * After authentication: a key's scope, or a person's role in the session's workspace, must
 * grant the route's permission.
 */
const requirePermission = (permission: Permission) =>
  async function checkPermission(request: FastifyRequest): Promise<void> {
    const { person } = request;
    if (person) {
      if (!person.workspaceId) throw new ApiError('FORBIDDEN', 'you are not a member of any workspace; ask an admin for an invitation');
      if (!person.role) throw new ApiError('FORBIDDEN', 'you are no longer a member of this workspace; switch to another (PUT /v1/session/workspace)');
      if (!roleAllows(person.role, permission)) throw new ApiError('FORBIDDEN', `your role (${person.role}) does not allow ${permission}`);
      return;
    }
    const scope = request.apiKeyScope;
    if (scope && PEOPLE_ONLY_AREAS.has(areaOf(permission))) throw new ApiError('FORBIDDEN', `API keys cannot use ${permission}; sign in as a person with that permission`);
    if (!scope || !scopeAllows(scope, permission)) throw new ApiError('FORBIDDEN', `this key's scope (${scope ?? 'none'}) does not allow ${permission}`);
  };

/** Routes about the signed-in person themselves: a key has no person to speak for. */
async function requirePerson(request: FastifyRequest): Promise<void> {
  if (!request.person) throw new ApiError('FORBIDDEN', 'this route is for signed-in people, not API keys');
}

/** Fails closed: a route nobody classified answers 403 to every caller, key or not. */
const undeclared = (key: string) =>
  async function refuseUndeclared(): Promise<void> {
    throw new ApiError('FORBIDDEN', `${key} has no permission declared in engine/access/permissions.ts`);
  };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const asArray = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/**
 * Registered once, on the context the API routes are registered in: every route added after
 * it gets its checks from the permission table as `onRequest` hooks, which run before the body
 * is parsed or validated, so a refusal (401, 403) never depends on, or reveals, the schema.
 * People and keys go through the same checks; a person's cookie-authenticated writes also
 * need their CSRF token.
 */
export function guardRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    // A plugin's '/' route is served at '/prefix' too; the twin needs what the route needs.
    const url = route.prefix !== '' && route.url === route.prefix ? `${route.url}/` : route.url;
    const checks = checksFor(asArray(route.method), url);
    if (checks.length === 0) return;
    route.onRequest = [...checks, ...asArray(route.onRequest)];
    // People reach every guarded route with their session cookie, keys all but the people-only ones.
    const security = route.schema?.security;
    if (Array.isArray(security) && !security.some((requirement) => 'session' in requirement)) security.push({ session: [] });
    // Every guarded route can answer 403, so its documented replies say so, in the shape of its 401.
    const response = route.schema?.response;
    if (isRecord(response) && !('403' in response) && '401' in response) response['403'] = response['401'];
  });
}

function checksFor(methods: string[], url: string): onRequestHookHandler[] {
  const accesses = new Set(methods.map((method) => accessOf(method, url)));
  const [access] = accesses;
  // A route serving several methods is checked only when they all need the same thing.
  if (accesses.size !== 1 || access === undefined) return [undeclared(methods.map((method) => routeKey(method, url)).join(', '))];
  if (access === 'public') return [];
  if (access === SIGNED_IN) return [authenticate, requirePerson, requireCsrfForSessions];
  return [authenticate, requirePermission(access), requireCsrfForSessions];
}
