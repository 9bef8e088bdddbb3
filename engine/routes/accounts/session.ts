import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { changePassword, checkSignIn, retryIn, listSessions, mayEnter, revokeSession, revokeUserSessions, switchSessionWorkspace, type SessionPrincipal } from '../../accounts';
import { ApiError } from '../../errors';
import { clearSessionCookie, personOfCookie } from '../../plugins/auth';
import { accountCall } from './errors';
import { PasswordBody, PasswordChanged, SessionList, SessionsEnded, SessionView, SignInBody, SwitchWorkspaceBody } from './schemas';
import { sessionView, signInAs } from './session-view';

const common = { tags: ['sign-in'] };
const signedIn = { ...common, security: [{ session: [] }] };
const errorReplies = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 403: { $ref: 'ErrorBody#' } } as const;

/** The guard lets only signed-in people reach these routes; this narrows the type. */
function personOf(request: FastifyRequest): SessionPrincipal {
  if (!request.person) throw new ApiError('UNAUTHORIZED');
  return request.person;
}

/** Signing in and out, the current session, switching workspace, and the person's password. */
export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  const { sessionPolicy } = app.services.accounts;

  app.post(
    '/v1/session',
    {
      schema: {
        ...common,
        summary: 'Sign in',
        description:
          'Checks the email and password and starts a session: the reply sets an HttpOnly session cookie and carries the CSRF token for writes. A wrong email and a wrong password get the same 401. Failed attempts are counted per account and per client address; after 4, each failure doubles the wait (1 s up to 15 min), answered 429 with retry-after.',
        body: SignInBody,
        response: { 200: SessionView, ...errorReplies, 429: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const result = await checkSignIn(prisma, { ...request.body, clientAddress: request.ip });
      if (result.kind === 'throttled') {
        reply.header('retry-after', String(Math.ceil(result.retryAfterMs / 1_000)));
        throw new ApiError('SIGN_IN_THROTTLED', retryIn(result.retryAfterMs));
      }
      if (result.kind === 'refused') throw new ApiError('SIGN_IN_FAILED');
      const facts = await signInAs(app, request, reply, result.userId, result.workspaceId);
      if (facts.workspaceId) request.audit = { actor: { type: 'user', id: result.userId }, workspaceId: facts.workspaceId };
      return sessionView(app, reply, facts);
    },
  );

  app.get(
    '/v1/session/state',
    {
      schema: {
        ...common,
        summary: 'Whether this browser is signed in',
        description: 'Answers 200 either way, so a page can ask without an error status; the session itself (person, workspaces, CSRF token) is GET /v1/session.',
        response: { 200: Type.Object({ signedIn: Type.Boolean() }) },
      },
    },
    async (request) => ({ signedIn: (await personOfCookie(app, request)) !== undefined }),
  );

  app.get('/v1/session', { schema: { ...signedIn, summary: 'The signed-in person, their workspaces and a CSRF token', response: { 200: SessionView, ...errorReplies } } }, async (request, reply) => {
    const person = personOf(request);
    const session = await prisma.userSession.findUniqueOrThrow({ where: { id: person.sessionId }, select: { expiresAt: true } });
    return sessionView(app, reply, { userId: person.userId, sessionId: person.sessionId, workspaceId: person.workspaceId, expiresAt: session.expiresAt });
  });

  app.delete('/v1/session', { schema: { ...signedIn, summary: 'Sign out this session', response: { 204: Type.Null(), ...errorReplies } } }, async (request, reply) => {
    await revokeSession(prisma, personOf(request).sessionId);
    clearSessionCookie(app, reply);
    return reply.status(204).send(null);
  });

  app.put(
    '/v1/session/workspace',
    { schema: { ...signedIn, summary: 'Switch this session to another workspace', body: SwitchWorkspaceBody, response: { 200: SessionView, ...errorReplies, 404: { $ref: 'ErrorBody#' } } } },
    async (request, reply) => {
      const person = personOf(request);
      const { workspaceId } = request.body;
      // Not a member and no such workspace look the same: a 404 either way.
      if (!(await mayEnter(prisma, person.userId, person.isOwner, workspaceId))) throw new ApiError('NOT_FOUND', `workspace ${workspaceId}`, 'body.workspaceId');
      await switchSessionWorkspace(prisma, person.sessionId, workspaceId);
      const session = await prisma.userSession.findUniqueOrThrow({ where: { id: person.sessionId }, select: { expiresAt: true } });
      return sessionView(app, reply, { userId: person.userId, sessionId: person.sessionId, workspaceId, expiresAt: session.expiresAt });
    },
  );

  app.get('/v1/sessions', { schema: { ...signedIn, summary: 'Where you are signed in', response: { 200: SessionList, ...errorReplies } } }, async (request) => {
    const person = personOf(request);
    const sessions = await listSessions(prisma, person.userId, sessionPolicy);
    return {
      sessions: sessions.map((session) => ({
        ...session,
        current: session.id === person.sessionId,
        createdAt: session.createdAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
      })),
    };
  });

  app.delete('/v1/sessions', { schema: { ...signedIn, summary: 'Sign out everywhere, this session included', response: { 200: SessionsEnded, ...errorReplies } } }, async (request, reply) => {
    const ended = await revokeUserSessions(prisma, personOf(request).userId, undefined, sessionPolicy);
    clearSessionCookie(app, reply);
    return { ended };
  });

  app.put(
    '/v1/me/password',
    {
      schema: {
        ...signedIn,
        summary: 'Change your password',
        description: 'Needs the current password. Every other session of yours is signed out; this one stays.',
        body: PasswordBody,
        response: { 200: PasswordChanged, ...errorReplies, 429: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => {
      const person = personOf(request);
      return accountCall(() => changePassword(prisma, { userId: person.userId, keepSessionId: person.sessionId, current: request.body.currentPassword, next: request.body.newPassword, clientAddress: request.ip }));
    },
  );
};
