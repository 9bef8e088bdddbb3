import type { PrismaClient, WorkspaceRole } from '../../prisma/generated/client';
import { hashToken, looksLikeToken, newToken } from './tokens';

export interface SessionPolicy {
  /** A session ends after this long without a request. */
  readonly idleMs: number;
  /** …and this long after sign-in, however active. */
  readonly maxAgeMs: number;
}

/** Seen-at is written at most this often: a busy builder tab must not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionMeta {
  readonly userAgent: string | undefined;
  readonly clientAddress: string | undefined;
}

/**
 * Starts a session and returns the cookie's token (shown once; only its hash is stored). A
 * new token at every sign-in is the rotation: a token planted before sign-in never becomes
 * a signed-in one.
 */
export async function startSession(
  prisma: Pick<PrismaClient, 'userSession'>,
  userId: string,
  workspaceId: string | null,
  meta: SessionMeta,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + policy.maxAgeMs);
  const session = await prisma.userSession.create({
    data: {
      userId,
      tokenHash: hash,
      workspaceId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      clientAddress: meta.clientAddress ?? null,
    },
    select: { id: true },
  });
  return { token, sessionId: session.id, expiresAt };
}

/** Who a valid session belongs to, and their standing in the session's workspace. */
export interface SessionPrincipal {
  readonly sessionId: string;
  readonly userId: string;
  readonly email: string;
  readonly isOwner: boolean;
  readonly workspaceId: string | null;
  /** The person's role in that workspace: admin for the owner, undefined for a non-member. */
  readonly role: WorkspaceRole | undefined;
}

/**
 * The principal of a cookie's token; undefined when unknown, revoked, idle too long or past
 * its absolute expiry. Membership is read on every request, so a removed member or a changed
 * role takes effect at once.
 */
export async function resolveSession(prisma: PrismaClient, token: string, policy: SessionPolicy, now: Date = new Date()): Promise<SessionPrincipal | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const session = await prisma.userSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, workspaceId: true, lastSeenAt: true, expiresAt: true, revokedAt: true, user: { select: { id: true, email: true, isOwner: true } } },
  });
  if (!session || session.revokedAt) return undefined;
  if (session.expiresAt <= now || session.lastSeenAt.getTime() + policy.idleMs <= now.getTime()) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await prisma.userSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const { user, workspaceId } = session;
  const membership = workspaceId ? await prisma.membership.findUnique({ where: { userId_workspaceId: { userId: user.id, workspaceId } }, select: { role: true } }) : null;
  return {
    sessionId: session.id,
    userId: user.id,
    email: user.email,
    isOwner: user.isOwner,
    workspaceId,
    role: user.isOwner && workspaceId ? 'admin' : membership?.role,
  };
}

export async function revokeSession(prisma: Pick<PrismaClient, 'userSession'>, sessionId: string, now: Date = new Date()): Promise<void> {
  await prisma.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends the session a cookie's token names, if any: signing in again replaces the browser's old session. */
export async function revokeSessionToken(prisma: Pick<PrismaClient, 'userSession'>, token: string, now: Date = new Date()): Promise<void> {
  if (looksLikeToken(token)) await prisma.userSession.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: now } });
}

/**
 * Signs a person out everywhere (but `keep`, the session asking, when given): every session not
 * revoked yet is revoked. Returns how many of them could still have been used; with a policy,
 * idle ones count as over already.
 */
export async function revokeUserSessions(prisma: Pick<PrismaClient, 'userSession'>, userId: string, keep?: string, policy?: SessionPolicy, now: Date = new Date()): Promise<number> {
  const open = { userId, revokedAt: null, ...(keep && { id: { not: keep } }) };
  const usable = await prisma.userSession.count({ where: { ...open, expiresAt: { gt: now }, ...(policy && { lastSeenAt: { gt: new Date(now.getTime() - policy.idleMs) } }) } });
  await prisma.userSession.updateMany({ where: open, data: { revokedAt: now } });
  return usable;
}

/** A person's sessions that can still be used, newest first: "where am I signed in". */
export async function listSessions(prisma: Pick<PrismaClient, 'userSession'>, userId: string, policy: SessionPolicy, now: Date = new Date()) {
  const sessions = await prisma.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - policy.idleMs) } },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, clientAddress: true },
  });
  return sessions;
}

/** Moves a session to another workspace; the caller has checked the person may work there. */
export async function switchSessionWorkspace(prisma: Pick<PrismaClient, 'userSession'>, sessionId: string, workspaceId: string): Promise<void> {
  await prisma.userSession.update({ where: { id: sessionId }, data: { workspaceId } });
}
