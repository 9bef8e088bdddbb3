import { randomUUID } from 'node:crypto';
import type { Database } from '../../../engine/db';
import type { ScoringContext } from '../../../engine/crm/scores/context';
import { resolveCrmSettings } from '../../../engine/crm/settings';
import type { Prisma } from '../../../prisma/generated/client';

// Score and stage fixtures: a workspace per test, contacts by name, and orders and events at
// whole days before a fixed clock, so expected results can be computed by hand.

export const NOW = new Date('2026-06-30T12:00:00Z');
export const DAY_MS = 86_400_000;

/** `days` × 24 hours before `now` (fractions allowed: 30.5 is 30 days and 12 hours). */
export const daysAgo = (days: number, now: Date = NOW): Date => new Date(now.getTime() - days * DAY_MS);

export interface OrderSeed {
  readonly daysAgo: number;
  readonly amount?: number;
  readonly status?: Prisma.OrderCreateManyInput['status'];
  readonly currency?: string;
}

export interface EventSeed {
  readonly name: string;
  readonly daysAgo: number;
}

type ContactData = Omit<Prisma.ContactCreateManyInput, 'workspaceId'>;

export interface FixtureWorkspace {
  readonly workspaceId: string;
  readonly currency: string;
  /** Creates a contact known by `name`; returns its id. */
  contact(name: string, data?: ContactData): Promise<string>;
  /** Creates named contacts, each with the given orders (a compact way to build a table of cases). */
  customers(orders: Record<string, readonly OrderSeed[]>): Promise<void>;
  orders(name: string, orders: readonly OrderSeed[]): Promise<void>;
  events(name: string, events: readonly EventSeed[]): Promise<void>;
  id(name: string): string;
  ids(...names: string[]): string[];
  /** The fixture name of a contact id. */
  nameOf(id: string): string;
  /** A scoring context with the given (partial) crm settings, defaults for the rest. */
  context(settings?: unknown, now?: Date): ScoringContext;
}

export async function createWorkspace(db: Database, options: { currency?: string } = {}): Promise<FixtureWorkspace> {
  const { prisma } = db;
  const currency = options.currency ?? 'EUR';
  const slug = `scores-${randomUUID()}`;
  const { id: workspaceId } = await prisma.workspace.create({ data: { name: slug, slug, currency }, select: { id: true } });
  const ids = new Map<string, string>();
  let messages = 0;

  const id = (name: string): string => {
    const found = ids.get(name);
    if (!found) throw new Error(`no fixture contact ${name}`);
    return found;
  };
  const contact = async (name: string, data: ContactData = {}): Promise<string> => {
    const created = await prisma.contact.create({ data: { workspaceId, ...data }, select: { id: true } });
    ids.set(name, created.id);
    return created.id;
  };
  const orders = async (name: string, seeds: readonly OrderSeed[]): Promise<void> => {
    const contactId = id(name);
    await prisma.order.createMany({
      data: seeds.map((seed) => ({
        workspaceId,
        contactId,
        status: seed.status ?? 'paid',
        currency: seed.currency ?? currency,
        amount: seed.amount ?? 10,
        placedAt: daysAgo(seed.daysAgo),
      })),
    });
  };
  return {
    workspaceId,
    currency,
    contact,
    orders,
    customers: async (table) => {
      for (const [name, seeds] of Object.entries(table)) {
        await contact(name);
        await orders(name, seeds);
      }
    },
    events: async (name, seeds) => {
      const contactId = id(name);
      await prisma.event.createMany({
        data: seeds.map((seed) => ({ workspaceId, contactId, name: seed.name, messageId: `m-${(messages += 1)}`, occurredAt: daysAgo(seed.daysAgo) })),
      });
    },
    id,
    ids: (...names) => names.map(id),
    nameOf: (contactId) => [...ids].find(([, value]) => value === contactId)?.[0] ?? contactId,
    context: (settings = {}, now = NOW) => ({ workspaceId, now, currency, settings: resolveCrmSettings(settings) }),
  };
}

/** `count` orders of `amount` each, one a day starting `firstDaysAgo` days ago and going back. */
export const ordersEveryDay = (count: number, firstDaysAgo: number, amount = 10): OrderSeed[] =>
  Array.from({ length: count }, (_, index) => ({ daysAgo: firstDaysAgo + index, amount }));
