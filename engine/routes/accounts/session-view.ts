import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { revokeSessionToken, startSession, workspacesOf } from '../../accounts';
import { sessionCookieName, setSessionCookie } from '../../plugins/auth';

export interface SessionFacts {
  readonly userId: string;
  readonly sessionId: string;
  readonly workspaceId: string | null;
  readonly expiresAt: Date;
}

/** What `GET /v1/session` answers: the person, where they work, where they may switch, and a CSRF token bound to this session. */
export async function sessionView(app: FastifyInstance, reply: FastifyReply, facts: SessionFacts) {
  const { prisma } = app.services.db;
  const user = await prisma.user.findUniqueOrThrow({ where: { id: facts.userId }, select: { id: true, email: true, name: true, isOwner: true } });
  const workspaces = await workspacesOf(prisma, user.id, user.isOwner);
  return {
    user,
    workspace: workspaces.find((workspace) => workspace.id === facts.workspaceId) ?? null,
    workspaces,
    csrfToken: reply.generateCsrf({ userInfo: facts.sessionId }),
    expiresAt: facts.expiresAt.toISOString(),
  };
}

/** Starts a session for a person who just proved who they are, and sets its cookie. */
export async function signInAs(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, userId: string, workspaceId: string | null): Promise<SessionFacts> {
  // The browser's previous session (another person's, or one planted in it) ends here.
  const previous = request.cookies[sessionCookieName(app.services.accounts.secureCookies)];
  if (previous) await revokeSessionToken(app.services.db.prisma, previous);
  const session = await startSession(app.services.db.prisma, userId, workspaceId, { userAgent: request.headers['user-agent'], clientAddress: request.ip }, app.services.accounts.sessionPolicy);
  setSessionCookie(app, reply, session.token, session.expiresAt);
  return { userId, sessionId: session.sessionId, workspaceId, expiresAt: session.expiresAt };
}
