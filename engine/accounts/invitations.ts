import { composeEmail } from '../../activities/channels/email/compose';
import { outboxDelivery } from '../../activities/channels/email/outbox';
import { smtpDelivery } from '../../activities/channels/email/smtp';
import type { MailDeps } from '../../activities/mail';
import type { PrismaClient, WorkspaceRole } from '../../prisma/generated/client';
import { isEmailAddress, normalizeEmail } from './email';
import { AccountError } from './errors';
import { invitationEmail } from './invitation-email';
import { checkNewUser } from './new-user';
import { verifyPassword } from './passwords';
import { requirePassword, throttleKeys } from './throttle';
import { hashToken, looksLikeToken, newToken } from './tokens';

/** Idempotency keys of invitation emails in the local outbox, which hides them from all but admins. */
export const INVITATION_MAIL_KEY_PREFIX = 'invitation:';

export const invitationUrl = (publicUrl: string, token: string): string => `${publicUrl}/invitations/${token}`;

export interface NewInvitation {
  readonly workspaceId: string;
  readonly email: string;
  readonly role: WorkspaceRole;
  readonly invitedBy: string;
  readonly validDays: number;
}

/**
 * Records an invitation and returns its link's token (stored hashed, shown once). Inviting an
 * address again replaces its pending invitation: only the newest link works.
 */
export async function createInvitation(prisma: PrismaClient, input: NewInvitation, now: Date = new Date()): Promise<{ id: string; token: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email);
  if (!isEmailAddress(email)) throw new AccountError('invalid', 'is not an email address', 'body.email');
  const member = await prisma.membership.count({ where: { workspaceId: input.workspaceId, user: { email } } });
  if (member > 0) throw new AccountError('conflict', 'this person is a member already', 'body.email');
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + input.validDays * 86_400_000);
  const invitation = await prisma.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { workspaceId: input.workspaceId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    return tx.invitation.create({ data: { workspaceId: input.workspaceId, email, role: input.role, tokenHash: hash, invitedBy: input.invitedBy, createdAt: now, expiresAt }, select: { id: true } });
  });
  return { id: invitation.id, token, expiresAt };
}

/**
 * Sends the invitation through the engine's mail path: SMTP when configured, else the local
 * outbox. Returns the delivery outcome; the invitation stands either way (inviting again
 * sends a new link).
 */
export async function sendInvitationEmail(
  services: { prisma: PrismaClient; mail: MailDeps },
  invitation: { id: string; workspaceId: string; email: string; role: WorkspaceRole; url: string; validDays: number; inviterName: string },
): Promise<void> {
  const workspace = await services.prisma.workspace.findUniqueOrThrow({ where: { id: invitation.workspaceId }, select: { name: true } });
  const { content, variables } = invitationEmail({ workspaceName: workspace.name, inviterName: invitation.inviterName, role: invitation.role, acceptUrl: invitation.url, validDays: invitation.validDays });
  const idempotencyKey = `${INVITATION_MAIL_KEY_PREFIX}${invitation.id}`;
  const email = await composeEmail({ from: services.mail.from, to: invitation.email, content, variables, idempotencyKey, domain: services.mail.domain });
  const delivery = services.mail.smtp ? smtpDelivery(services.mail.smtp, email) : outboxDelivery(services.prisma, invitation.workspaceId, email, idempotencyKey);
  await delivery.deliver();
}

export interface OpenInvitation {
  readonly id: string;
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly email: string;
  readonly role: WorkspaceRole;
  /** The address has an account: accepting asks for its password instead of a new one. */
  readonly hasAccount: boolean;
}

const UNUSABLE = 'this invitation is unknown, used, withdrawn or expired; ask for a new one';

/** The invitation a link's token opens, while it can still be accepted. */
export async function openInvitation(prisma: PrismaClient, token: string, now: Date = new Date()): Promise<OpenInvitation> {
  const invitation = looksLikeToken(token)
    ? await prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, workspaceId: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, workspace: { select: { name: true } } } })
    : null;
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) throw new AccountError('link_unusable', UNUSABLE, 'token');
  const hasAccount = (await prisma.user.count({ where: { email: invitation.email } })) > 0;
  return { id: invitation.id, workspaceId: invitation.workspaceId, workspaceName: invitation.workspace.name, email: invitation.email, role: invitation.role, hasAccount };
}

/**
 * Accepts an invitation: a new person chooses a name and password; someone with an account
 * proves it with their password. The token is spent, the account (if new) and the membership
 * made, in one transaction: a refusal leaves no half-made user or membership.
 */
export async function acceptInvitation(
  prisma: PrismaClient,
  token: string,
  input: { readonly name?: string | undefined; readonly password: string; readonly clientAddress: string },
  now: Date = new Date(),
): Promise<{ userId: string; workspaceId: string; role: WorkspaceRole }> {
  const invitation = await openInvitation(prisma, token, now);
  const existing = await prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true, passwordHash: true } });
  // Counts like a sign-in (the same back-off per account and address): an invitation link is no way around it.
  if (existing) await requirePassword(prisma, throttleKeys(invitation.email, input.clientAddress), () => verifyPassword(input.password, existing.passwordHash), { field: 'body.password', wrong: 'is not the password of this account' }, now);
  const newUser = existing ? undefined : await checkNewUser({ email: invitation.email, name: input.name ?? '', password: input.password });
  return prisma.$transaction(async (tx) => {
    const spent = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
    if (spent.count === 0) throw new AccountError('link_unusable', UNUSABLE, 'token');
    const userId = newUser ? (await tx.user.create({ data: newUser, select: { id: true } })).id : (existing?.id ?? '');
    await tx.membership.upsert({
      where: { userId_workspaceId: { userId, workspaceId: invitation.workspaceId } },
      create: { userId, workspaceId: invitation.workspaceId, role: invitation.role },
      update: {},
    });
    return { userId, workspaceId: invitation.workspaceId, role: invitation.role };
  });
}

export async function listInvitations(prisma: PrismaClient, workspaceId: string, now: Date = new Date()) {
  return prisma.invitation.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
}

export async function revokeInvitation(prisma: PrismaClient, workspaceId: string, id: string, now: Date = new Date()): Promise<void> {
  const { count } = await prisma.invitation.updateMany({ where: { id, workspaceId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) throw new AccountError('not_found', `pending invitation ${id}`, 'params.invitationId');
}
