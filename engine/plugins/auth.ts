import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createHmac } from 'node:crypto';
import { resolveSession, type SessionPrincipal } from '../accounts';
import type { Scope } from '../access/permissions';
import { ApiError } from '../errors';
import { authenticateApiKey } from '../journeys/api-keys';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's workspace (its key's, or the signed-in person's current one); every query of a protected route is scoped by it. */
    workspaceId: string;
    /** The API key that authenticated the request, when a key did. */
    apiKeyId: string;
    /** What the key may do (`engine/access/permissions.ts`); checked by the route guard. */
    apiKeyScope: Scope | undefined;
    /** The signed-in person, when a session cookie authenticated the request. */
    person: SessionPrincipal | undefined;
  }
}

/** Names of the two cookies; `__Host-` (Secure, path /, no domain) whenever cookies are Secure. */
export const sessionCookieName = (secure: boolean): string => (secure ? '__Host-je_session' : 'je_session');
const csrfCookieName = (secure: boolean): string => (secure ? '__Host-je_csrf' : 'je_csrf');

/** Who did it, for audit rows and consent history: a person or a key. */
export type RequestActor = { readonly type: 'user'; readonly id: string } | { readonly type: 'api_key'; readonly id: string };

export function actorOf(request: FastifyRequest): RequestActor | undefined {
  if (request.person) return { type: 'user', id: request.person.userId };
  return request.apiKeyId ? { type: 'api_key', id: request.apiKeyId } : undefined;
}

/** `user:<id>` or `api_key:<id>`, as the `created_by` and consent `actor` columns spell it. */
export const actorLabel = (request: FastifyRequest): string => {
  const actor = actorOf(request);
  return actor ? `${actor.type}:${actor.id}` : 'unknown';
};

/**
 * The request decorations `authenticate` fills, the cookie parser, and CSRF protection for
 * writes authenticated by a session cookie (@fastify/csrf-protection: the secret lives in its
 * own signed, HttpOnly cookie, and each token is bound to the session it was issued for, so a
 * token from another session does not work). Which routes need what is declared once in
 * `engine/access/permissions.ts` and enforced by `engine/access/guard.ts`.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    const { secret, secureCookies } = app.services.accounts;
    app.decorateRequest('workspaceId', '');
    app.decorateRequest('apiKeyId', '');
    app.decorateRequest('apiKeyScope', undefined);
    app.decorateRequest('person', undefined);
    // Separate keys for separate jobs, derived from the one secret.
    await app.register(fastifyCookie, { secret: createHmac('sha256', secret).update('cookie-signing').digest('base64url') });
    await app.register(fastifyCsrfProtection, {
      cookieKey: csrfCookieName(secureCookies),
      cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: secureCookies, signed: true },
      csrfOpts: { hmacKey: createHmac('sha256', secret).update('csrf-user-info').digest('base64url') },
      getUserInfo: (request: FastifyRequest) => request.person?.sessionId ?? '',
      // Headers only: the guard checks before the body is parsed.
      getToken: (request: FastifyRequest) => {
        const token = request.headers['x-csrf-token'];
        return typeof token === 'string' ? token : undefined;
      },
    });
  },
  { name: 'auth', dependencies: ['services'] },
);

/** The auth scheme is case-insensitive (RFC 9110); the key is whatever follows it. */
const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * An `onRequest` hook: it runs before the body is parsed and validated, so a caller without
 * credentials learns nothing about the route's schema (a 401, never a 400). An Authorization
 * header decides alone (a wrong key is a 401 even with a session cookie); without one, the
 * session cookie is tried. Authenticating once is enough when several hooks ask.
 */
export async function authenticate(this: FastifyInstance, request: FastifyRequest): Promise<void> {
  if (request.apiKeyScope || request.person) return;
  if (request.headers.authorization !== undefined) {
    const key = BEARER.exec(request.headers.authorization)?.[1];
    const principal = key ? await authenticateApiKey(this.services.db.prisma, key) : undefined;
    if (!principal) throw new ApiError('UNAUTHORIZED');
    request.workspaceId = principal.workspaceId;
    request.apiKeyId = principal.apiKeyId;
    request.apiKeyScope = principal.scope;
    return;
  }
  const token = request.cookies[sessionCookieName(this.services.accounts.secureCookies)];
  const person = token ? await resolveSession(this.services.db.prisma, token, this.services.accounts.sessionPolicy) : undefined;
  if (!person) throw new ApiError('UNAUTHORIZED');
  request.person = person;
  request.workspaceId = person.workspaceId ?? '';
}

/** The signed-in person behind the request's session cookie, if any, for routes open to everyone. */
export async function personOfCookie(app: FastifyInstance, request: FastifyRequest): Promise<SessionPrincipal | undefined> {
  const token = request.cookies[sessionCookieName(app.services.accounts.secureCookies)];
  return token ? resolveSession(app.services.db.prisma, token, app.services.accounts.sessionPolicy) : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write authenticated by a session cookie must carry its CSRF token: a browser sends the
 * cookie with a cross-site form post too, but another site cannot read the token. Writes with
 * an API key need none (a key is never sent by a browser on its own).
 */
export async function requireCsrfForSessions(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.person || SAFE_METHODS.has(request.method)) return undefined;
  let passed = false;
  // Synchronous: it calls `next` when the token matches, else sends the 403 itself.
  this.csrfProtection(request, reply, () => {
    passed = true;
  });
  return passed ? undefined : reply;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https, for the session's lifetime. */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string, expiresAt: Date): void {
  const secure = app.services.accounts.secureCookies;
  reply.setCookie(sessionCookieName(secure), token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply): void {
  const secure = app.services.accounts.secureCookies;
  reply.clearCookie(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
