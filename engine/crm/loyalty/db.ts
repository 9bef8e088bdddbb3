import type { PrismaClient } from '../../../prisma/generated/client';

/** What the loyalty service needs of the database: the client (or a test double of it). */
export type LoyaltyDb = Pick<PrismaClient, '$transaction' | 'loyaltyProgram' | 'loyaltyReward' | 'loyaltyTransaction' | 'order'>;

/** The client an interactive transaction hands its callback. */
export type LoyaltyTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Movements wait on one account's row lock when requests for it arrive together (a burst of
 * redemptions queues behind each other), and a small pool may have to free a connection
 * first: allow for that rather than failing at Prisma's 2-second default.
 */
export const MOVEMENT_TRANSACTION = { maxWait: 10_000, timeout: 30_000 } as const;
