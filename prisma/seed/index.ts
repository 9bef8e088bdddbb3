import { en, Faker } from '@faker-js/faker';
import type { Prisma, PrismaClient } from '../generated/client';
import { buildCatalogue } from './catalogue';
import { buildContactHistory, type ContactHistory } from './contact-history';
import { buildContactProfile } from './contact-profile';
import { buildLoyalty, LOYALTY_REWARDS, LOYALTY_TIERS, type LoyaltyRows } from './loyalty';
import { pickPersona } from './personas';
import { DEMO_SEGMENTS, DEMO_TEMPLATES, DEMO_TOPICS } from './reference-data';

export interface SeedOptions {
  /** How many contacts to create (default 1,000). */
  readonly contacts?: number;
  /** Faker seed: the same seed and `now` give the same data. */
  readonly seed?: number;
  /** The end of the two seeded years (default: the current time). */
  readonly now?: Date;
  readonly workspaceName?: string;
  readonly slug?: string;
}

export interface SeedResult {
  readonly workspaceId: string;
  /** False when a workspace with the slug already existed and nothing was written. */
  readonly created: boolean;
  readonly contacts: number;
  readonly orders: number;
  readonly events: number;
}

export const DEMO_WORKSPACE_SLUG = 'demo';

/** Rows per INSERT: large enough to be fast, small enough to stay far below Postgres' 65,535 bind parameters. */
const CHUNK = 500;

/**
 * Fills a demo workspace with a coffee roaster's two years of customers: contacts, orders
 * with items, behavioural events, consent with its history, lifecycle stages, a loyalty
 * programme, segments and templates. Runs in one transaction, so an interrupted seed
 * leaves nothing behind; running it again for the same slug is a no-op.
 */
export async function seedDemoWorkspace(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedResult> {
  const slug = options.slug ?? DEMO_WORKSPACE_SLUG;
  const existing = await prisma.workspace.findUnique({ where: { slug } });
  if (existing) {
    const [contacts, orders, events] = await Promise.all([
      prisma.contact.count({ where: { workspaceId: existing.id } }),
      prisma.order.count({ where: { workspaceId: existing.id } }),
      prisma.event.count({ where: { workspaceId: existing.id } }),
    ]);
    return { workspaceId: existing.id, created: false, contacts, orders, events };
  }

  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 20_261_122);
  const now = options.now ?? new Date();
  const workspaceId = faker.string.uuid();
  const programId = faker.string.uuid();
  const tierIdsByRank = new Map(LOYALTY_TIERS.map((tier) => [tier.rank, faker.string.uuid()]));
  const rewardIds = LOYALTY_REWARDS.map(() => faker.string.uuid());
  const catalogue = buildCatalogue(faker);
  const usedEmails = new Set<string>();

  const histories: ContactHistory[] = [];
  const loyalty: LoyaltyRows = { accounts: [], transactions: [], redemptions: [] };
  for (let index = 0; index < (options.contacts ?? 1_000); index += 1) {
    const profile = buildContactProfile(faker, index, usedEmails);
    const persona = pickPersona(faker, profile.type !== 'retail');
    const history = buildContactHistory(faker, { workspaceId, now, catalogue, profile, persona });
    histories.push(history);
    const rows = buildLoyalty(faker, { workspaceId, programId, tierIdsByRank, rewardIds }, history);
    loyalty.accounts.push(...rows.accounts);
    loyalty.transactions.push(...rows.transactions);
    loyalty.redemptions.push(...rows.redemptions);
  }
  const all = <T>(pick: (history: ContactHistory) => readonly T[]): T[] => histories.flatMap(pick);
  const orders = all((history) => history.orders);
  const events = all((history) => history.events);
  const tradeAccountSegmentId = faker.string.uuid();
  const tradeAccounts = histories.filter((history) => history.contact.type !== 'retail');

  await prisma.$transaction(
    async (tx) => {
      await tx.workspace.create({
        data: {
          id: workspaceId,
          name: options.workspaceName ?? 'Northwind Roasters (demo)',
          slug,
          timezone: 'America/New_York',
          // The preference center's look and the answer to an SMS HELP (engine/consent/settings.ts).
          settings: {
            consent: {
              preferenceCenter: { brandName: 'Northwind Roasters', brandColour: '#7c2d12' },
              smsHelpText: 'Northwind Roasters: restock alerts and order updates. Reply STOP to unsubscribe, START to resubscribe. Help: hello@northwind.example',
            },
          },
        },
      });
      await tx.loyaltyProgram.create({
        data: {
          id: programId,
          workspaceId,
          name: 'Northwind Rewards',
          pointsPerCurrencyUnit: 1,
          pointsExpireAfterMonths: 24,
          tiers: { createMany: { data: LOYALTY_TIERS.map((tier) => ({ ...tier, id: tierIdsByRank.get(tier.rank), benefits: [...tier.benefits] })) } },
          rewards: { createMany: { data: LOYALTY_REWARDS.map((reward, index) => ({ ...reward, id: rewardIds[index] })) } },
        },
      });
      await tx.messageTemplate.createMany({ data: DEMO_TEMPLATES.map((template) => ({ ...template, workspaceId })) });
      await tx.subscriptionTopic.createMany({ data: DEMO_TOPICS.map((topic) => ({ ...topic, workspaceId })) });
      await tx.segment.createMany({
        data: DEMO_SEGMENTS.map((segment) => ({
          ...segment,
          workspaceId,
          id: segment.kind === 'static' ? tradeAccountSegmentId : undefined,
        })),
      });

      await insertChunked(histories.map((history) => history.contact), (data) => tx.contact.createMany({ data }));
      await insertChunked(orders, (data) => tx.order.createMany({ data }));
      await insertChunked(all((history) => history.orderItems), (data) => tx.orderItem.createMany({ data }));
      await insertChunked(events, (data) => tx.event.createMany({ data }));
      await insertChunked(all((history) => history.consents), (data) => tx.consent.createMany({ data }));
      await insertChunked(all((history) => history.consentEvents), (data) => tx.consentEvent.createMany({ data }));
      await insertChunked(all((history) => history.stageChanges), (data) => tx.lifecycleStageChange.createMany({ data }));
      await insertChunked(loyalty.accounts, (data) => tx.loyaltyAccount.createMany({ data }));
      await insertChunked(loyalty.transactions, (data) => tx.loyaltyTransaction.createMany({ data }));
      await insertChunked(loyalty.redemptions, (data) => tx.loyaltyRedemption.createMany({ data }));
      await insertChunked(
        tradeAccounts.map((history) => membership(workspaceId, tradeAccountSegmentId, history)),
        (data) => tx.segmentMembership.createMany({ data }),
      );
      await insertChunked(
        tradeAccounts.map((history) => membershipChange(workspaceId, tradeAccountSegmentId, history)),
        (data) => tx.segmentMembershipChange.createMany({ data }),
      );
    },
    // Seeding 1,000 contacts writes ~40k rows; the default 5 s interactive timeout is for requests, not imports.
    { timeout: 300_000, maxWait: 30_000 },
  );
  return { workspaceId, created: true, contacts: histories.length, orders: orders.length, events: events.length };
}

function membership(workspaceId: string, segmentId: string, history: ContactHistory): Prisma.SegmentMembershipCreateManyInput {
  return { workspaceId, segmentId, contactId: contactIdOf(history), enteredAt: history.contact.createdAt, source: 'import' };
}

function membershipChange(workspaceId: string, segmentId: string, history: ContactHistory): Prisma.SegmentMembershipChangeCreateManyInput {
  return { workspaceId, segmentId, contactId: contactIdOf(history), change: 'entered', source: 'import', occurredAt: history.contact.createdAt };
}

function contactIdOf(history: ContactHistory): string {
  const id = history.contact.id;
  if (typeof id !== 'string') throw new Error('seed contacts are built with explicit ids');
  return id;
}

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
}
