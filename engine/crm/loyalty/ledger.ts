import type { LoyaltyTransactionType } from '../../../prisma/generated/client';
import type { SqlClient } from '../sql';
import type { LoyaltyDb, LoyaltyTx } from './db';

export interface LedgerEntry {
  readonly workspaceId: string;
  readonly accountId: string;
  readonly type: LoyaltyTransactionType;
  /** Signed: positive credits, negative debits. */
  readonly points: number;
  readonly balanceAfter: number;
  readonly reason: string | null;
  readonly idempotencyKey: string;
  readonly occurredAt: Date;
  readonly orderId?: string | null;
  readonly expiresAt?: Date | null;
  /** Set on credits only: the part not yet spent or expired (see balance.ts). */
  readonly remaining?: number | null;
}

/**
 * Appends a ledger row. Written through the model API rather than raw SQL so that a repeated
 * idempotency key surfaces as Prisma's P2002 on both database adapters, which is what makes
 * the caller roll the whole movement back (idempotency.ts).
 */
export async function appendLedgerEntry(tx: LoyaltyTx, entry: LedgerEntry): Promise<string> {
  const row = await tx.loyaltyTransaction.create({
    data: {
      workspaceId: entry.workspaceId,
      accountId: entry.accountId,
      type: entry.type,
      points: entry.points,
      balanceAfter: entry.balanceAfter,
      reason: entry.reason,
      idempotencyKey: entry.idempotencyKey,
      occurredAt: entry.occurredAt,
      orderId: entry.orderId ?? null,
      expiresAt: entry.expiresAt ?? null,
      remaining: entry.remaining ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/** A ledger row found by its idempotency key, with what a replay needs to check and answer. */
export interface StoredMovement {
  readonly id: string;
  readonly type: LoyaltyTransactionType;
  readonly points: number;
  readonly balanceAfter: number;
  readonly expiresAt: Date | null;
  readonly accountId: string;
  readonly programId: string;
  readonly contactId: string;
  readonly redemption: { readonly id: string; readonly rewardId: string; readonly code: string | null } | null;
}

export async function findMovement(db: Pick<LoyaltyDb, 'loyaltyTransaction'>, workspaceId: string, idempotencyKey: string): Promise<StoredMovement | null> {
  const row = await db.loyaltyTransaction.findUnique({
    where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey } },
    select: {
      id: true,
      type: true,
      points: true,
      balanceAfter: true,
      expiresAt: true,
      accountId: true,
      account: { select: { programId: true, contactId: true } },
      redemption: { select: { id: true, rewardId: true, code: true } },
    },
  });
  if (!row) return null;
  const { account, ...movement } = row;
  return { ...movement, programId: account.programId, contactId: account.contactId };
}

export interface LedgerMismatch {
  readonly accountId: string;
  readonly contactId: string;
  readonly balance: number;
  /** The sum of the account's ledger points: what the balance must equal. */
  readonly ledgerPoints: number;
  /** The sum of `remaining` over its credits: what the balance is made of, so also equal to it. */
  readonly unspentPoints: number;
}

interface MismatchRow {
  account_id: string;
  contact_id: string;
  balance: number;
  ledger_points: number;
  unspent_points: number;
}

/**
 * The workspace's accounts whose stored balance disagrees with their ledger: negative, not
 * the sum of the ledger, or not the sum of the unspent credits (every credit this service
 * writes carries `remaining`; credits migrated from before it may not, and show up here).
 * Empty when the books balance.
 */
export async function ledgerBalanceMismatches(client: SqlClient, workspaceId: string): Promise<LedgerMismatch[]> {
  const rows = await client.$queryRaw<MismatchRow[]>`
    SELECT a.id::text AS account_id, a.contact_id::text AS contact_id, a.balance,
           COALESCE(sum(t.points), 0)::int AS ledger_points,
           COALESCE(sum(t.remaining), 0)::int AS unspent_points
    FROM loyalty_account a
    LEFT JOIN loyalty_transaction t ON t.account_id = a.id AND t.workspace_id = a.workspace_id
    WHERE a.workspace_id = ${workspaceId}::uuid
    GROUP BY a.id
    HAVING a.balance < 0 OR a.balance <> COALESCE(sum(t.points), 0) OR a.balance <> COALESCE(sum(t.remaining), 0)
    ORDER BY a.id`;
  return rows.map((row) => ({
    accountId: row.account_id,
    contactId: row.contact_id,
    balance: row.balance,
    ledgerPoints: row.ledger_points,
    unspentPoints: row.unspent_points,
  }));
}
