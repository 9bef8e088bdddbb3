import type { Prisma, PrismaClient, WorkspaceRole } from '../../prisma/generated/client';
import { AccountError } from './errors';

export interface Member {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: WorkspaceRole;
  readonly isOwner: boolean;
  readonly joinedAt: Date;
}

export async function listMembers(prisma: PrismaClient, workspaceId: string): Promise<Member[]> {
  const rows = await prisma.membership.findMany({
    where: { workspaceId },
    orderBy: { createdAt: 'asc' },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true, isOwner: true } } },
  });
  return rows.map(({ role, createdAt, user }) => ({ userId: user.id, email: user.email, name: user.name, role, isOwner: user.isOwner, joinedAt: createdAt }));
}

/**
 * Changes a member's role. Refused: the owner's (they are admin everywhere), and the last
 * admin's demotion (a workspace must keep someone who can manage it). Both checks run under
 * a lock on the workspace's memberships, so two admins demoting each other cannot both win.
 */
export async function changeRole(prisma: PrismaClient, workspaceId: string, userId: string, role: WorkspaceRole): Promise<{ before: WorkspaceRole; after: WorkspaceRole }> {
  return prisma.$transaction(async (tx) => {
    const member = await lockedMember(tx, workspaceId, userId);
    if (member.isOwner && role !== 'admin') throw new AccountError('forbidden', 'the instance owner stays admin of every workspace', 'body.role');
    if (member.role === 'admin' && role !== 'admin') await keepAnAdmin(tx, workspaceId);
    await tx.membership.update({ where: { userId_workspaceId: { userId, workspaceId } }, data: { role } });
    return { before: member.role, after: role };
  });
}

/** Removes a member (and ends nothing else: their sessions lose this workspace at their next request). */
export async function removeMember(prisma: PrismaClient, workspaceId: string, userId: string): Promise<{ role: WorkspaceRole }> {
  return prisma.$transaction(async (tx) => {
    const member = await lockedMember(tx, workspaceId, userId);
    if (member.isOwner) throw new AccountError('forbidden', 'the instance owner cannot be removed', 'params.userId');
    if (member.role === 'admin') await keepAnAdmin(tx, workspaceId);
    await tx.membership.delete({ where: { userId_workspaceId: { userId, workspaceId } } });
    return { role: member.role };
  });
}

async function lockedMember(tx: Prisma.TransactionClient, workspaceId: string, userId: string): Promise<{ role: WorkspaceRole; isOwner: boolean }> {
  // Serialises membership changes per workspace: the admin count below stays true until commit.
  await tx.$queryRaw`SELECT id FROM workspace WHERE id = ${workspaceId}::uuid FOR UPDATE`;
  const member = await tx.membership.findUnique({ where: { userId_workspaceId: { userId, workspaceId } }, select: { role: true, user: { select: { isOwner: true } } } });
  if (!member) throw new AccountError('not_found', `member ${userId}`, 'params.userId');
  return { role: member.role, isOwner: member.user.isOwner };
}

async function keepAnAdmin(tx: Prisma.TransactionClient, workspaceId: string): Promise<void> {
  const admins = await tx.membership.count({ where: { workspaceId, role: 'admin' } });
  if (admins <= 1) throw new AccountError('conflict', 'a workspace keeps at least one admin; make someone else admin first');
}
