import { Type } from 'typebox';
import { isUniqueViolation } from '../../../engine/db/unique-violation';
import type { PrismaClient } from '../../../prisma/generated/client';
import { defineAction, type ActionContext } from '../definition';
import { PermanentActionError } from '../errors';

const LoyaltyInput = Type.Object(
  {
    programId: Type.String({ format: 'uuid', title: 'Programme' }),
    points: Type.Integer({ minimum: 1, maximum: 1_000_000, title: 'Points' }),
    reason: Type.String({ minLength: 1, maxLength: 200, title: 'Reason' }),
  },
  { additionalProperties: false },
);

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * One ledger movement in one transaction: the balance changes atomically in SQL (a redemption
 * only if the balance covers it, so no interleaving can take it below zero), the ledger row
 * carries the step's idempotency key (a retry's duplicate rolls the whole movement back), and
 * the tier follows lifetime points.
 */
async function move(context: ActionContext, programId: string, points: number, reason: string, kind: 'earned' | 'redeemed'): Promise<{ outcome: string }> {
  const { prisma } = context.deps.db;
  const program = await prisma.loyaltyProgram.findFirst({ where: { id: programId, workspaceId: context.workspaceId, active: true }, select: { id: true } });
  if (!program) throw new PermanentActionError(`loyalty programme ${programId} does not exist or is inactive`);
  const done = await prisma.loyaltyTransaction.findUnique({ where: { workspaceId_idempotencyKey: { workspaceId: context.workspaceId, idempotencyKey: context.idempotencyKey } }, select: { id: true } });
  if (done) return { outcome: 'done' };
  try {
    return await prisma.$transaction(async (tx) => {
      const account = await tx.loyaltyAccount.upsert({
        where: { programId_contactId: { programId, contactId: context.contactId } },
        create: { workspaceId: context.workspaceId, programId, contactId: context.contactId },
        update: {},
        select: { id: true },
      });
      const rows =
        kind === 'earned'
          ? await tx.$queryRaw<{ balance: number; lifetime_points: number }[]>`
              UPDATE loyalty_account SET balance = balance + ${points}, lifetime_points = lifetime_points + ${points}, updated_at = now()
              WHERE id = ${account.id}::uuid RETURNING balance, lifetime_points`
          : await tx.$queryRaw<{ balance: number; lifetime_points: number }[]>`
              UPDATE loyalty_account SET balance = balance - ${points}, updated_at = now()
              WHERE id = ${account.id}::uuid AND balance >= ${points} RETURNING balance, lifetime_points`;
      const [after] = rows;
      if (!after) return { outcome: 'insufficient' };
      await tx.loyaltyTransaction.create({
        data: { workspaceId: context.workspaceId, accountId: account.id, type: kind, points: kind === 'earned' ? points : -points, balanceAfter: after.balance, reason, idempotencyKey: context.idempotencyKey },
      });
      if (kind === 'earned') await recalculateTier(tx, programId, account.id, after.lifetime_points);
      return { outcome: 'done' };
    });
  } catch (error) {
    // A concurrent attempt of the same step committed first: its movement stands, this one rolled back.
    if (isUniqueViolation(error)) return { outcome: 'done' };
    throw error;
  }
}

/** The highest tier the lifetime points qualify for. */
async function recalculateTier(tx: Transaction, programId: string, accountId: string, lifetimePoints: number): Promise<void> {
  const tier = await tx.loyaltyTier.findFirst({ where: { programId, threshold: { lte: lifetimePoints } }, orderBy: { rank: 'desc' }, select: { id: true } });
  if (tier) await tx.loyaltyAccount.update({ where: { id: accountId }, data: { tierId: tier.id } });
}

export const awardPointsAction = defineAction({
  id: 'loyalty.award_points',
  version: 1,
  label: 'Award loyalty points',
  description: 'Adds points to the contact’s account in a loyalty programme; the tier follows.',
  category: 'crm',
  icon: 'gift',
  input: LoyaltyInput,
  outputs: ['done'],
  run: (context, input) => move(context, input.programId, input.points, input.reason, 'earned'),
});

export const redeemPointsAction = defineAction({
  id: 'loyalty.redeem_points',
  version: 1,
  label: 'Redeem loyalty points',
  description: 'Takes points from the contact’s account; never below zero (the `insufficient` output).',
  category: 'crm',
  icon: 'gift',
  input: LoyaltyInput,
  outputs: ['done', 'insufficient'],
  run: (context, input) => move(context, input.programId, input.points, input.reason, 'redeemed'),
});
