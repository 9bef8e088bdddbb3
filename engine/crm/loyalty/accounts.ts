import type { LoyaltyTx } from './db';
import { LoyaltyContactNotFoundError } from './errors';

export interface LockedAccount {
  readonly id: string;
  readonly tierId: string | null;
  readonly balance: number;
}

interface AccountRow {
  id: string;
  tier_id: string | null;
  balance: number;
}

/**
 * The contact's account in the program, created empty on first use, and row-locked until the
 * transaction ends: every movement of one account queues here, so what it reads next (its
 * balance, its unspent grants) is what the previous movement committed.
 *
 * One statement, so two first movements of a new member cannot both create it (the second
 * waits on the unique (program, contact) index, then takes the existing row). The contact must
 * belong to the workspace; the program has been checked by the caller.
 */
export async function openAccount(tx: LoyaltyTx, input: { workspaceId: string; programId: string; contactId: string }): Promise<LockedAccount> {
  const [row] = await tx.$queryRaw<AccountRow[]>`
    INSERT INTO loyalty_account (id, workspace_id, program_id, contact_id)
    SELECT gen_random_uuid(), c.workspace_id, ${input.programId}::uuid, c.id
    FROM contact c WHERE c.id = ${input.contactId}::uuid AND c.workspace_id = ${input.workspaceId}::uuid
    ON CONFLICT (program_id, contact_id) DO UPDATE SET updated_at = loyalty_account.updated_at
    RETURNING id::text AS id, tier_id::text AS tier_id, balance`;
  if (!row) throw new LoyaltyContactNotFoundError(input.contactId);
  return { id: row.id, tierId: row.tier_id, balance: row.balance };
}

/** The existing account's id (no lock), or null when the contact never had one in the program. */
export async function findAccountId(tx: LoyaltyTx, input: { workspaceId: string; programId: string; contactId: string }): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM loyalty_account
    WHERE workspace_id = ${input.workspaceId}::uuid AND program_id = ${input.programId}::uuid AND contact_id = ${input.contactId}::uuid`;
  return row?.id ?? null;
}
