import type { PrismaClient } from '../../prisma/generated/client';
import { AccountError } from './errors';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { requirePassword, throttleKeys } from './throttle';

/**
 * Changes a password after checking the current one, and signs the person out of every other
 * session (someone who knew the old password may hold one). The caller's session stays.
 */
export async function changePassword(
  prisma: PrismaClient,
  change: { readonly userId: string; readonly keepSessionId: string; readonly current: string; readonly next: string; readonly clientAddress: string },
  now: Date = new Date(),
): Promise<{ sessionsEnded: number }> {
  const { userId, keepSessionId, current, next } = change;
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  // Under the sign-in back-off: a stolen session must not become a way to guess the password.
  await requirePassword(prisma, throttleKeys(user.email, change.clientAddress), () => verifyPassword(current, user.passwordHash), { field: 'body.currentPassword', wrong: 'is not your current password' }, now);
  const problem = passwordProblem(next, user.email);
  if (problem) throw new AccountError('invalid', problem, 'body.newPassword');
  if (next === current) throw new AccountError('invalid', 'must differ from the current password', 'body.newPassword');
  const passwordHash = await hashPassword(next);
  return prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
    // Only sessions that could still be used count as ended (expired ones are over already).
    const ended = await tx.userSession.updateMany({ where: { userId, revokedAt: null, expiresAt: { gt: now }, id: { not: keepSessionId } }, data: { revokedAt: now } });
    return { sessionsEnded: ended.count };
  });
}
