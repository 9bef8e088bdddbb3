import type { Prisma } from '../../../prisma/generated/client';
import type { LoyaltyDb } from './db';
import { LoyaltyProgramInactiveError, LoyaltyProgramNotFoundError } from './errors';

export interface LoyaltyProgramRules {
  readonly id: string;
  readonly pointsPerCurrencyUnit: Prisma.Decimal;
  /** null = earned points never expire. */
  readonly pointsExpireAfterMonths: number | null;
}

/**
 * The program, looked up within the workspace (another workspace's program is "not found").
 * Earning and redeeming need it active; corrections and expiry do not (an inactive program's
 * balances still exist and can still be put right).
 */
export async function findProgram(
  db: Pick<LoyaltyDb, 'loyaltyProgram'>,
  workspaceId: string,
  programId: string,
  requirement: 'active' | 'any',
): Promise<LoyaltyProgramRules> {
  const program = await db.loyaltyProgram.findFirst({
    where: { id: programId, workspaceId },
    select: { id: true, active: true, pointsPerCurrencyUnit: true, pointsExpireAfterMonths: true },
  });
  if (!program) throw new LoyaltyProgramNotFoundError(programId);
  if (requirement === 'active' && !program.active) throw new LoyaltyProgramInactiveError(programId);
  return { id: program.id, pointsPerCurrencyUnit: program.pointsPerCurrencyUnit, pointsExpireAfterMonths: program.pointsExpireAfterMonths };
}
