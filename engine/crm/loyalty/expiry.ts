import { Prisma } from '../../../prisma/generated/client';
import type { LoyaltyDb, LoyaltyTx } from './db';
import { findProgram } from './programs';

const { sql, empty } = Prisma;

export interface ExpiryRun {
  readonly workspaceId: string;
  readonly now: Date;
  /** One program; all of the workspace's when absent. */
  readonly programId?: string;
}

export interface ExpiredPoints {
  /** Accounts that lost points in this run. */
  readonly accounts: number;
  /** Points expired in this run, in total (positive). */
  readonly points: number;
  /** The contacts whose balance fell, so what reads loyalty points can follow. */
  readonly contactIds: readonly string[];
}

/**
 * Expires what is left of the grants whose expiry has passed, set-based: per account one
 * `expired` ledger row for the sum of their `remaining` (what redemptions already spent is
 * not lost twice), those grants emptied and the balance lowered, in one transaction.
 *
 * Re-running does nothing twice: emptied grants have nothing left, and an account that already
 * has an expiry row for the run's date is left for the next day's run (grants lapsing later on
 * the same day are then expired tomorrow, rather than clashing with today's key).
 */
export async function expirePoints(db: Pick<LoyaltyDb, '$transaction' | 'loyaltyProgram'>, run: ExpiryRun): Promise<ExpiredPoints> {
  if (run.programId !== undefined) await findProgram(db, run.workspaceId, run.programId, 'any');
  return db.$transaction((tx) => expirePointsWithin(tx, run), { maxWait: 10_000, timeout: 600_000 });
}

/** expirePoints inside the caller's transaction, so what follows from the expiry commits with it. */
export async function expirePointsWithin(tx: LoyaltyTx, run: ExpiryRun): Promise<ExpiredPoints> {
  await lockLapsingAccounts(tx, run);
  const rows = await expireLapsedGrants(tx, run);
  return { accounts: rows.length, points: rows.reduce((sum, row) => sum + row.points, 0), contactIds: rows.map((row) => row.contact_id) };
}

const programFilter = (run: ExpiryRun): Prisma.Sql => (run.programId === undefined ? empty : sql`AND a.program_id = ${run.programId}::uuid`);

/**
 * Locks the accounts about to lose points, in id order, before touching their grants. A
 * redemption locks its account before its grants too, so the two can wait for each other but
 * never deadlock; and once the lock is held, the grants read next are the redemption's result.
 */
async function lockLapsingAccounts(tx: LoyaltyTx, run: ExpiryRun): Promise<void> {
  await tx.$queryRaw<{ locked: number }[]>(sql`
    SELECT count(*)::int AS locked FROM (
      SELECT a.id FROM loyalty_account a
      WHERE a.workspace_id = ${run.workspaceId}::uuid ${programFilter(run)}
        AND a.id IN (SELECT t.account_id FROM loyalty_transaction t
                     WHERE t.workspace_id = ${run.workspaceId}::uuid AND t.expires_at <= ${run.now}::timestamptz AND t.remaining > 0)
      ORDER BY a.id FOR UPDATE) locked`);
}

interface ExpiredRow {
  account_id: string;
  contact_id: string;
  points: number;
}

/** The expiry ledger row's idempotency key is `expiry:<account id>:<UTC date of the run>`. */
async function expireLapsedGrants(tx: LoyaltyTx, run: ExpiryRun): Promise<ExpiredRow[]> {
  const runDate = run.now.toISOString().slice(0, 10);
  const keyOf = (accountId: Prisma.Sql): Prisma.Sql => sql`('expiry:' || ${accountId}::text || ':' || ${runDate}::text)`;
  return tx.$queryRaw<ExpiredRow[]>(sql`
    WITH lapsed AS (
      -- LEAST: the balance can only fall to zero, even were the grants ever to exceed it.
      SELECT t.account_id, LEAST(a.balance, sum(t.remaining))::int AS points
      FROM loyalty_transaction t
      JOIN loyalty_account a ON a.id = t.account_id AND a.workspace_id = ${run.workspaceId}::uuid ${programFilter(run)}
      WHERE t.workspace_id = ${run.workspaceId}::uuid AND t.expires_at <= ${run.now}::timestamptz AND t.remaining > 0
        AND NOT EXISTS (SELECT 1 FROM loyalty_transaction k
                        WHERE k.workspace_id = ${run.workspaceId}::uuid AND k.idempotency_key = ${keyOf(sql`t.account_id`)})
      GROUP BY t.account_id, a.balance),
    debited AS (
      UPDATE loyalty_account a SET balance = a.balance - l.points, updated_at = now()
      FROM lapsed l
      WHERE a.id = l.account_id AND a.balance >= l.points
      RETURNING a.id, a.contact_id, a.balance AS balance_after, l.points),
    emptied AS (
      UPDATE loyalty_transaction t SET remaining = 0
      FROM debited d
      WHERE t.account_id = d.id AND t.expires_at <= ${run.now}::timestamptz AND t.remaining > 0),
    recorded AS (
      INSERT INTO loyalty_transaction (id, workspace_id, account_id, type, points, balance_after, reason, idempotency_key, occurred_at)
      SELECT gen_random_uuid(), ${run.workspaceId}::uuid, d.id, 'expired'::loyalty_transaction_type, -d.points, d.balance_after,
             'points expired', ${keyOf(sql`d.id`)}, ${run.now}::timestamptz
      FROM debited d)
    SELECT d.id::text AS account_id, d.contact_id::text AS contact_id, d.points FROM debited d ORDER BY d.id`);
}
