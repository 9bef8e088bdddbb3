import type { PrismaClient } from '../../prisma/generated/client';
import { AccountError } from './errors';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

/**
 * Changes a password after checking the current one, and signs the person out of every other
 * session (someone who knew the old password may hold one). The caller's session stays.
 */
export async function changePassword(prisma: PrismaClient, userId: string, keepSessionId: string, current: string, next: string, now: Date = new Date()): Promise<{ sessionsEnded: number }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!(await verifyPassword(current, user.passwordHash))) throw new AccountError('invalid', 'is not your current password', 'body.currentPassword');
  const problem = passwordProblem(next, user.email);
  if (problem) throw new AccountError('invalid', problem, 'body.newPassword');
  if (next === current) throw new AccountError('invalid', 'must differ from the current password', 'body.newPassword');
  const passwordHash = await hashPassword(next);
  return prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
    const ended = await tx.userSession.updateMany({ where: { userId, revokedAt: null, id: { not: keepSessionId } }, data: { revokedAt: now } });
    return { sessionsEnded: ended.count };
  });
}
