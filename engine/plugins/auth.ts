import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Scope } from '../access/permissions';
import { ApiError } from '../errors';
import { authenticateApiKey } from '../journeys/api-keys';

declare module 'fastify' {
  interface FastifyRequest {
    /** The workspace of the request's API key; every query of a protected route is scoped by it. */
    workspaceId: string;
    /** The API key that authenticated the request: who did it, for consent history (and audit). */
    apiKeyId: string;
    /** What the key may do (`engine/access/permissions.ts`); checked by the route guard. */
    apiKeyScope: Scope | undefined;
  }
}

/**
 * The request decorations `requireApiKey` fills. Which routes need a key, and which scope,
 * is declared once in `engine/access/permissions.ts` and enforced by `engine/access/guard.ts`.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('workspaceId', '');
    app.decorateRequest('apiKeyId', '');
    app.decorateRequest('apiKeyScope', undefined);
  },
  { name: 'auth', dependencies: ['services'] },
);

/** The auth scheme is case-insensitive (RFC 9110); the key is whatever follows it. */
const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * An `onRequest` hook: it runs before the body is parsed and validated, so a caller without a
 * valid key learns nothing about the route's schema (a 401, never a 400). Authenticating once
 * is enough when a plugin also registers it.
 */
export async function requireApiKey(this: FastifyInstance, request: FastifyRequest): Promise<void> {
  if (request.apiKeyScope) return;
  const key = BEARER.exec(request.headers.authorization ?? '')?.[1];
  const principal = key ? await authenticateApiKey(this.services.db.prisma, key) : undefined;
  if (!principal) throw new ApiError('UNAUTHORIZED');
  request.workspaceId = principal.workspaceId;
  request.apiKeyId = principal.apiKeyId;
  request.apiKeyScope = principal.scope;
}
