import { randomUUID } from 'node:crypto';
import type { Database } from '../../../../engine/db';
import type { Prisma } from '../../../../prisma/generated/client';

// Loyalty fixtures: a workspace with one program per world, contacts by name, and ledger rows,
// orders and tiers written directly (not through the service), so each test states its
// starting books and can work out the expected result by hand.

/** The fixed clock tier tests evaluate at; a 12-month window then starts (exclusive) at 2025-06-30T12:00Z. */
export const NOW = new Date('2026-06-30T12:00:00Z');

export const at = (iso: string): Date => new Date(iso);

export interface TierSeed {
  readonly name: string;
  readonly rank: number;
  readonly threshold: number;
  readonly multiplier?: number;
}

type ProgramData = Omit<Prisma.LoyaltyProgramCreateManyInput, 'workspaceId' | 'name'>;

export interface GrantSeed {
  readonly points: number;
  readonly occurredAt: Date;
  readonly remaining?: number;
  readonly expiresAt?: Date | null;
}

export interface AccountState {
  readonly balance: number;
  readonly lifetimePoints: number;
  readonly tier: string | null;
}

export interface LoyaltyWorld {
  readonly workspaceId: string;
  readonly programId: string;
  /** Tier ids by name. */
  readonly tiers: Readonly<Record<string, string>>;
  contact(name: string): Promise<string>;
  id(name: string): string;
  /** A paid order (unless `status` says otherwise) in the workspace currency (unless `currency` does). */
  order(name: string, order: { amount: number; placedAt: Date; status?: Prisma.OrderCreateManyInput['status']; currency?: string }): Promise<string>;
  /** An earned ledger row written directly (balance and lifetime follow), without any tier evaluation. */
  grant(name: string, seed: GrantSeed): Promise<void>;
  /** Opens the contact's (empty) account: tiers are only evaluated for members. */
  join(name: string): Promise<void>;
  /** Puts the account (created if needed) in a tier, as if an earlier evaluation had. */
  setTier(name: string, tier: string | null): Promise<void>;
  account(name: string): Promise<AccountState>;
  /** The contact's earned rows, oldest first: [points, remaining]. */
  grants(name: string): Promise<Array<[number, number | null]>>;
  /** The contact's ledger, oldest first: [type, points, balanceAfter]. */
  ledger(name: string): Promise<Array<[string, number, number]>>;
  /** A fresh idempotency key. */
  key(): string;
}

export async function createLoyaltyWorld(db: Database, options: { program?: ProgramData; tiers?: readonly TierSeed[]; currency?: string } = {}): Promise<LoyaltyWorld> {
  const { prisma } = db;
  const slug = `loyalty-${randomUUID()}`;
  const currency = options.currency ?? 'EUR';
  const { id: workspaceId } = await prisma.workspace.create({ data: { name: slug, slug, currency }, select: { id: true } });
  const { id: programId } = await prisma.loyaltyProgram.create({ data: { workspaceId, name: 'Beans club', ...options.program }, select: { id: true } });
  const tiers: Record<string, string> = {};
  for (const tier of options.tiers ?? []) {
    const created = await prisma.loyaltyTier.create({ data: { programId, name: tier.name, rank: tier.rank, threshold: tier.threshold, multiplier: tier.multiplier ?? 1 }, select: { id: true } });
    tiers[tier.name] = created.id;
  }
  const contacts = new Map<string, string>();
  let keys = 0;

  const id = (name: string): string => {
    const found = contacts.get(name);
    if (!found) throw new Error(`no fixture contact ${name}`);
    return found;
  };
  const accountOf = async (name: string): Promise<string> => {
    const account = await prisma.loyaltyAccount.upsert({
      where: { programId_contactId: { programId, contactId: id(name) } },
      create: { workspaceId, programId, contactId: id(name) },
      update: {},
      select: { id: true },
    });
    return account.id;
  };
  const tierId = (tier: string | null): string | null => {
    if (tier === null) return null;
    const found = tiers[tier];
    if (!found) throw new Error(`no fixture tier ${tier}`);
    return found;
  };

  return {
    workspaceId,
    programId,
    tiers,
    id,
    async contact(name) {
      const created = await prisma.contact.create({ data: { workspaceId, email: `${name}-${randomUUID()}@example.com` }, select: { id: true } });
      contacts.set(name, created.id);
      return created.id;
    },
    async order(name, order) {
      const created = await prisma.order.create({
        data: { workspaceId, contactId: id(name), status: order.status ?? 'paid', currency: order.currency ?? currency, amount: order.amount, placedAt: order.placedAt },
        select: { id: true },
      });
      return created.id;
    },
    async grant(name, seed) {
      const accountId = await accountOf(name);
      const account = await prisma.loyaltyAccount.update({
        where: { id: accountId },
        data: { balance: { increment: seed.remaining ?? seed.points }, lifetimePoints: { increment: seed.points } },
      });
      // A grant partly spent before the test: its spending is a redemption row, so the ledger still sums to the balance.
      const spent = seed.points - (seed.remaining ?? seed.points);
      await prisma.loyaltyTransaction.create({
        data: {
          workspaceId,
          accountId,
          type: 'earned',
          points: seed.points,
          balanceAfter: account.balance + spent,
          idempotencyKey: `fixture-${randomUUID()}`,
          occurredAt: seed.occurredAt,
          expiresAt: seed.expiresAt ?? null,
          remaining: seed.remaining ?? seed.points,
        },
      });
      if (spent > 0) {
        await prisma.loyaltyTransaction.create({
          data: { workspaceId, accountId, type: 'redeemed', points: -spent, balanceAfter: account.balance, idempotencyKey: `fixture-${randomUUID()}`, occurredAt: seed.occurredAt },
        });
      }
    },
    async join(name) {
      await accountOf(name);
    },
    async setTier(name, tier) {
      const accountId = await accountOf(name);
      await prisma.loyaltyAccount.update({ where: { id: accountId }, data: { tierId: tierId(tier) } });
    },
    async account(name) {
      const account = await prisma.loyaltyAccount.findUniqueOrThrow({
        where: { programId_contactId: { programId, contactId: id(name) } },
        select: { balance: true, lifetimePoints: true, tier: { select: { name: true } } },
      });
      return { balance: account.balance, lifetimePoints: account.lifetimePoints, tier: account.tier?.name ?? null };
    },
    async grants(name) {
      const rows = await prisma.loyaltyTransaction.findMany({
        where: { workspaceId, type: 'earned', account: { programId, contactId: id(name) } },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        select: { points: true, remaining: true },
      });
      return rows.map((row) => [row.points, row.remaining]);
    },
    async ledger(name) {
      const rows = await prisma.loyaltyTransaction.findMany({
        where: { workspaceId, account: { programId, contactId: id(name) } },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        select: { type: true, points: true, balanceAfter: true },
      });
      return rows.map((row) => [row.type, row.points, row.balanceAfter]);
    },
    key() {
      keys += 1;
      return `step-${keys}-${randomUUID()}`;
    },
  };
}
