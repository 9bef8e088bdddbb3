import type { PrismaClient } from '../../prisma/generated/client';

/**
 * Sign-in back-off, per account and per client address, kept in the database so every API
 * process sees the same counts. The first few failures are free (typos happen); after that
 * each failure doubles the wait, up to a quarter of an hour. A success clears the account's
 * count, not the address's, so one valid account cannot launder guesses at others.
 */
export const FREE_FAILURES = 4;
const FIRST_LOCK_MS = 1_000;
const MAX_LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten: last month's typos do not lock anyone out today. */
const FORGET_AFTER_MS = 60 * 60_000;

export const throttleKeys = (email: string, clientAddress: string): string[] => [`account:${email}`, `address:${clientAddress}`];

export function lockFor(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES - 1));
}

/** Milliseconds until a sign-in may be tried for these keys; 0 when it may be tried now. */
export async function throttleWait(prisma: Pick<PrismaClient, 'signInThrottle'>, keys: readonly string[], now: Date = new Date()): Promise<number> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: [...keys] } }, select: { lockedUntil: true } });
  return Math.max(0, ...rows.map((row) => (row.lockedUntil ? row.lockedUntil.getTime() - now.getTime() : 0)));
}

export async function recordFailure(prisma: Pick<PrismaClient, 'signInThrottle' | '$queryRaw'>, keys: readonly string[], now: Date = new Date()): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  for (const key of keys) {
    // One statement, so concurrent failures for one key each count (no read-then-write race).
    const rows = await prisma.$queryRaw<{ failures: number }[]>`
      INSERT INTO sign_in_throttle (key, failures, updated_at) VALUES (${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN sign_in_throttle.updated_at < ${forgetBefore} THEN 1 ELSE sign_in_throttle.failures + 1 END,
        updated_at = ${now}
      RETURNING failures`;
    const lock = lockFor(Number(rows[0]?.failures ?? 1));
    if (lock > 0) await prisma.signInThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + lock) } });
  }
}

export async function clearFailures(prisma: Pick<PrismaClient, 'signInThrottle'>, key: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key } });
}
