import type { PrismaClient } from '../../prisma/generated/client';
import { AccountError } from './errors';

/**
 * Sign-in back-off, per account and per client address, kept in the database so every API
 * process sees the same counts. The first few failures are free (typos happen); after that
 * each failure doubles the wait, up to a quarter of an hour. A success clears the account's
 * count, not the address's, so one valid account cannot launder guesses at others.
 *
 * `updatedAt` is always written explicitly: it dates the failures (they are forgotten after an
 * hour), and Prisma would otherwise stamp the machine's time over the caller's clock.
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

interface ThrottleRow {
  key: string;
  failures: number;
  lockedUntil: Date | null;
  updatedAt: Date;
}

/**
 * Counts an attempt before its password is checked, atomically with the lock check: the keys'
 * rows are locked (in one order, so two attempts cannot deadlock) and the attempt is counted
 * as a failure up front, with the lock that failure would bring. Attempts sent together
 * therefore queue here and each sees the others' counts: a burst gets the free failures and no
 * more. Returns 0 when the attempt may go on, else the milliseconds to wait (a refused attempt
 * does not count). Settle it with `settleAttempt`.
 */
export async function reserveAttempt(prisma: PrismaClient, keys: readonly string[], now: Date = new Date()): Promise<number> {
  const sorted = [...new Set(keys)].sort();
  const forgetBefore = now.getTime() - FORGET_AFTER_MS;
  return prisma.$transaction(async (tx) => {
    await tx.signInThrottle.createMany({ data: sorted.map((key) => ({ key, failures: 0, updatedAt: now })), skipDuplicates: true });
    const rows: ThrottleRow[] = [];
    for (const key of sorted) {
      const [row] = await tx.$queryRaw<ThrottleRow[]>`SELECT key, failures, locked_until AS "lockedUntil", updated_at AS "updatedAt" FROM sign_in_throttle WHERE key = ${key} FOR UPDATE`;
      if (row) rows.push(row);
    }
    const wait = Math.max(0, ...rows.map((row) => (row.lockedUntil ? row.lockedUntil.getTime() - now.getTime() : 0)));
    if (wait > 0) {
      // Rows made just now for this refused attempt would only be noise.
      await tx.signInThrottle.deleteMany({ where: { key: { in: sorted }, failures: 0 } });
      return wait;
    }
    for (const row of rows) {
      const failures = row.updatedAt.getTime() < forgetBefore ? 1 : row.failures + 1;
      const lock = lockFor(failures);
      await tx.signInThrottle.update({ where: { key: row.key }, data: { failures, lockedUntil: lock > 0 ? new Date(now.getTime() + lock) : null, updatedAt: now } });
    }
    return 0;
  });
}

/**
 * After the password check. A failure keeps its count, and its lock now runs from the moment
 * the failure was known (`at`, after the slow hash), so the wait announced is the wait served.
 * A success takes the attempt back: the account's record is cleared, the address's count goes
 * down by the one reserved (its earlier failures stay: one valid account cannot launder
 * guesses at others), and no lock is left from this attempt.
 */
export async function settleAttempt(prisma: Pick<PrismaClient, 'signInThrottle' | '$transaction'>, keys: readonly string[], outcome: 'failed' | 'succeeded', at: Date = new Date()): Promise<void> {
  const [accountKey, ...others] = keys;
  await prisma.$transaction(async (tx) => {
    if (outcome === 'failed') {
      for (const row of await tx.signInThrottle.findMany({ where: { key: { in: [...keys] }, failures: { gt: FREE_FAILURES } } })) {
        await tx.signInThrottle.update({ where: { key: row.key }, data: { lockedUntil: new Date(at.getTime() + lockFor(row.failures)), updatedAt: at } });
      }
      return;
    }
    if (accountKey !== undefined) await tx.signInThrottle.deleteMany({ where: { key: accountKey } });
    for (const key of others) {
      const row = await tx.signInThrottle.findUnique({ where: { key } });
      if (!row) continue;
      if (row.failures <= 1) await tx.signInThrottle.delete({ where: { key } });
      else await tx.signInThrottle.update({ where: { key }, data: { failures: row.failures - 1, lockedUntil: null, updatedAt: row.updatedAt } });
    }
  });
}

/** Records one failure (an attempt known to fail): reserved and settled. False when the keys were locked and it did not count. */
export async function recordFailure(prisma: PrismaClient, keys: readonly string[], now: Date = new Date()): Promise<boolean> {
  if ((await reserveAttempt(prisma, keys, now)) > 0) return false;
  await settleAttempt(prisma, keys, 'failed', now);
  return true;
}

export type GuardedCheck = { readonly kind: 'passed' } | { readonly kind: 'failed' } | { readonly kind: 'throttled'; readonly retryAfterMs: number };

/**
 * A password check under the back-off: sign-in, confirming an account on an invitation, and
 * changing a password all go through it. `keys` leads with the account's key. The check's
 * duration is added to `now`, so a caller's clock (tests) stays the one clock.
 */
export async function guardedPasswordCheck(prisma: PrismaClient, keys: readonly string[], check: () => Promise<boolean>, now: Date = new Date()): Promise<GuardedCheck> {
  const wait = await reserveAttempt(prisma, keys, now);
  if (wait > 0) return { kind: 'throttled', retryAfterMs: wait };
  const started = performance.now();
  const passed = await check();
  const at = new Date(now.getTime() + Math.round(performance.now() - started));
  await settleAttempt(prisma, keys, passed ? 'succeeded' : 'failed', at);
  return passed ? { kind: 'passed' } : { kind: 'failed' };
}

/** A wait in whole seconds, rounded up, as people read it: "1 second", "16 seconds". */
export function retryIn(ms: number): string {
  const seconds = Math.ceil(ms / 1_000);
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/**
 * `guardedPasswordCheck` for flows that confirm a known account's password (accepting an
 * invitation, changing the password): a refusal is an `AccountError` naming `field`.
 */
export async function requirePassword(prisma: PrismaClient, keys: readonly string[], check: () => Promise<boolean>, refusal: { readonly field: string; readonly wrong: string }, now: Date = new Date()): Promise<void> {
  const result = await guardedPasswordCheck(prisma, keys, check, now);
  if (result.kind === 'throttled') throw new AccountError('throttled', `retry in ${retryIn(result.retryAfterMs)}`, refusal.field);
  if (result.kind === 'failed') throw new AccountError('invalid', refusal.wrong, refusal.field);
}
