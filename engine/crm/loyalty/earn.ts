import { Prisma } from '../../../prisma/generated/client';
import { appendToOutbox } from '../changes/outbox';
import { openAccount } from './accounts';
import { creditPoints } from './balance';
import { MOVEMENT_TRANSACTION, type LoyaltyDb, type LoyaltyTx } from './db';
import { IdempotencyKeyReusedError, InvalidLoyaltyPointsError, LoyaltyOrderNotFoundError } from './errors';
import { oncePerKey } from './idempotency';
import { appendLedgerEntry, type StoredMovement } from './ledger';
import { addUtcMonths } from './months';
import { findProgram, type LoyaltyProgramRules } from './programs';
import { evaluateTiers, type TierChangedEvent } from './tiers';

export interface EarnPointsInput {
  readonly workspaceId: string;
  readonly programId: string;
  readonly contactId: string;
  /** Exactly this many points (a bonus, a journey award): no rate, no tier multiplier. */
  readonly points?: number;
  /** An order amount: floor(amount × the program's points per currency unit × the member's tier multiplier). */
  readonly amount?: number;
  /** The order the points are for (it must be the contact's); its amount counts when neither points nor amount is given. */
  readonly orderId?: string;
  readonly reason: string;
  readonly idempotencyKey: string;
  readonly now: Date;
}

export interface EarnedPoints {
  readonly transactionId: string;
  readonly accountId: string;
  readonly points: number;
  /** The balance right after this earning. */
  readonly balance: number;
  readonly expiresAt: Date | null;
  /** True when the key had been used: this is the first call's result and nothing changed. */
  readonly replayed: boolean;
  /** Tier changes this earning caused (already in the outbox); none on a replay. */
  readonly tierChanges: readonly TierChangedEvent[];
}

/** Where the points come from, checked before any write. */
type PointsSource = { readonly kind: 'points'; readonly points: number } | { readonly kind: 'amount'; readonly amount: Prisma.Decimal };

const MAX_POINTS = 2_147_483_647;

/**
 * Credits earned points: a ledger row whose `remaining` is all of them and whose expiry is the
 * program's (now + pointsExpireAfterMonths, or never), the balance and lifetime total moved in
 * SQL, then the member's tier re-qualified — all in one transaction, announced in the outbox
 * with it. At most once per idempotency key (idempotency.ts).
 */
export async function earnPoints(db: LoyaltyDb, input: EarnPointsInput): Promise<EarnedPoints> {
  const program = await findProgram(db, input.workspaceId, input.programId, 'active');
  const source = await pointsSource(db, input);
  return oncePerKey(db, input, (stored) => replayEarning(stored, input), () =>
    db.$transaction(async (tx) => {
      const account = await openAccount(tx, input);
      const points = source.kind === 'points' ? source.points : await pointsForAmount(tx, input.workspaceId, program, account.tierId, source.amount);
      const balance = await creditPoints(tx, { workspaceId: input.workspaceId, accountId: account.id }, points, true);
      const expiresAt = program.pointsExpireAfterMonths === null ? null : addUtcMonths(input.now, program.pointsExpireAfterMonths);
      const transactionId = await appendLedgerEntry(tx, {
        workspaceId: input.workspaceId,
        accountId: account.id,
        type: 'earned',
        points,
        balanceAfter: balance,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
        occurredAt: input.now,
        orderId: input.orderId ?? null,
        expiresAt,
        remaining: points,
      });
      const tierChanges = await evaluateTiers(tx, { workspaceId: input.workspaceId, now: input.now, programId: program.id, contactIds: [input.contactId] });
      await appendToOutbox(tx, input.workspaceId, tierChanges);
      return { transactionId, accountId: account.id, points, balance, expiresAt, replayed: false, tierChanges };
    }, MOVEMENT_TRANSACTION),
  );
}

async function pointsSource(db: Pick<LoyaltyDb, 'order'>, input: EarnPointsInput): Promise<PointsSource> {
  if (input.points !== undefined && input.amount !== undefined) throw new InvalidLoyaltyPointsError('give either points or an order amount to earn from, not both');
  const order = input.orderId === undefined ? null : await findOrder(db, input, input.orderId);
  if (input.points !== undefined) {
    if (!Number.isInteger(input.points) || input.points < 1 || input.points > MAX_POINTS) throw new InvalidLoyaltyPointsError(`points to earn must be a whole number from 1, not ${input.points}`);
    return { kind: 'points', points: input.points };
  }
  if (input.amount !== undefined) {
    if (!Number.isFinite(input.amount) || input.amount < 0) throw new InvalidLoyaltyPointsError(`an order amount must be zero or more, not ${input.amount}`);
    // From the number's shortest decimal form (19.99, not its binary approximation), so floor() is exact.
    return { kind: 'amount', amount: new Prisma.Decimal(input.amount) };
  }
  if (order) return { kind: 'amount', amount: order.amount };
  throw new InvalidLoyaltyPointsError('earning needs points, an order amount or an order');
}

async function findOrder(db: Pick<LoyaltyDb, 'order'>, input: EarnPointsInput, orderId: string): Promise<{ amount: Prisma.Decimal }> {
  const order = await db.order.findFirst({ where: { id: orderId, workspaceId: input.workspaceId, contactId: input.contactId }, select: { amount: true } });
  if (!order) throw new LoyaltyOrderNotFoundError(orderId);
  return order;
}

/** The tier held before this earning sets the multiplier (an upgrade it causes applies from the next one). */
async function pointsForAmount(tx: LoyaltyTx, workspaceId: string, program: LoyaltyProgramRules, tierId: string | null, amount: Prisma.Decimal): Promise<number> {
  const tier = tierId === null ? null : await tx.loyaltyTier.findFirst({ where: { id: tierId, programId: program.id, program: { workspaceId } }, select: { multiplier: true } });
  const points = amount.times(program.pointsPerCurrencyUnit).times(tier?.multiplier ?? 1).floor().toNumber();
  if (points > MAX_POINTS) throw new InvalidLoyaltyPointsError(`an amount of ${amount.toString()} earns more points than an account can hold`);
  return points;
}

function replayEarning(stored: StoredMovement, input: EarnPointsInput): EarnedPoints {
  if (stored.type !== 'earned' || stored.programId !== input.programId || stored.contactId !== input.contactId) throw new IdempotencyKeyReusedError(input.idempotencyKey);
  return { transactionId: stored.id, accountId: stored.accountId, points: stored.points, balance: stored.balanceAfter, expiresAt: stored.expiresAt, replayed: true, tierChanges: [] };
}
