import type { Prisma } from '../../prisma/generated/client';
import type { CrmChange } from '../crm/changes/topics';

export interface MergedLoyalty {
  /** Accounts that moved whole (the survivor had none in that programme). */
  readonly moved: number;
  /** Accounts folded into the survivor's account in the same programme. */
  readonly combined: number;
  readonly tierChanges: CrmChange[];
}

interface AccountPair {
  kept_id: string;
  absorbed_id: string;
  program_id: string;
  kept_tier_id: string | null;
  absorbed_tier_id: string | null;
  absorbed_rank_wins: boolean;
}

/**
 * Gives the survivor the absorbed contact's loyalty accounts. Where both are members of the
 * same programme the accounts combine: the ledger rows (with their redemptions and tier
 * history) move, so the balance still equals the sum of the ledger and no point is lost;
 * the higher of the two tiers is kept until the next qualification says otherwise.
 */
export async function mergeLoyalty(tx: Prisma.TransactionClient, workspaceId: string, fromId: string, toId: string, now: Date): Promise<MergedLoyalty> {
  const pairs = await tx.$queryRaw<AccountPair[]>`
    SELECT kept.id::text AS kept_id, absorbed.id::text AS absorbed_id, kept.program_id::text AS program_id,
           kept.tier_id::text AS kept_tier_id, absorbed.tier_id::text AS absorbed_tier_id,
           COALESCE(absorbed_tier.rank > kept_tier.rank, absorbed_tier.rank IS NOT NULL) AS absorbed_rank_wins
    FROM loyalty_account absorbed
    JOIN loyalty_account kept ON kept.program_id = absorbed.program_id AND kept.contact_id = ${toId}::uuid
    LEFT JOIN loyalty_tier kept_tier ON kept_tier.id = kept.tier_id
    LEFT JOIN loyalty_tier absorbed_tier ON absorbed_tier.id = absorbed.tier_id
    WHERE absorbed.contact_id = ${fromId}::uuid AND absorbed.workspace_id = ${workspaceId}::uuid
    ORDER BY kept.program_id`;
  const tierChanges: CrmChange[] = [];
  for (const pair of pairs) {
    const account = { accountId: pair.absorbed_id };
    const toKept = { accountId: pair.kept_id };
    await tx.loyaltyTransaction.updateMany({ where: account, data: toKept });
    await tx.loyaltyRedemption.updateMany({ where: account, data: toKept });
    await tx.loyaltyTierChange.updateMany({ where: account, data: toKept });
    const absorbed = await tx.loyaltyAccount.delete({ where: { id: pair.absorbed_id }, select: { balance: true, lifetimePoints: true } });
    const tierId = pair.absorbed_rank_wins ? pair.absorbed_tier_id : pair.kept_tier_id;
    await tx.loyaltyAccount.update({
      where: { id: pair.kept_id },
      data: { balance: { increment: absorbed.balance }, lifetimePoints: { increment: absorbed.lifetimePoints }, tierId },
    });
    if (tierId !== pair.kept_tier_id) {
      const reason = 'contact_merged';
      await tx.loyaltyTierChange.create({ data: { workspaceId, accountId: pair.kept_id, fromTierId: pair.kept_tier_id, toTierId: tierId, reason, occurredAt: now } });
      tierChanges.push({ topic: 'loyalty.tier_changed', contactId: toId, programId: pair.program_id, fromTierId: pair.kept_tier_id, toTierId: tierId, reason });
    }
  }
  const moved = (await tx.loyaltyAccount.updateMany({ where: { workspaceId, contactId: fromId }, data: { contactId: toId } })).count;
  return { moved, combined: pairs.length, tierChanges };
}
