import { randomUUID } from 'node:crypto';

// The traffic a shop sends: product views, carts, searches and checkouts, each with a few
// properties, about contacts the engine mostly knows already. Identities are mixed the way
// SDKs send them: the engine's contact id where the shop stored it, the shop's own customer id
// or the email otherwise, and now and then an email the engine has not seen (a new contact).

/** The contacts seeded before the run, as the senders know them. */
export interface KnownContacts {
  readonly ids: readonly string[];
  readonly externalIds: readonly string[];
  readonly emails: readonly string[];
}

export interface TrackBody {
  readonly contactId?: string;
  readonly externalId?: string;
  readonly email?: string;
  readonly name: string;
  readonly properties: Record<string, string | number>;
  readonly messageId: string;
  readonly occurredAt: string;
}

const PRODUCTS = [
  { sku: 'BEANS-ESP-1KG', category: 'espresso', price: 32.5 },
  { sku: 'BEANS-FLT-250', category: 'filter', price: 11.9 },
  { sku: 'GRINDER-HND', category: 'equipment', price: 89 },
  { sku: 'KETTLE-GOOSE', category: 'equipment', price: 59 },
  { sku: 'DECAF-500', category: 'decaf', price: 16.4 },
] as const;

/** Most traffic is browsing; carts and checkouts are rarer. */
const NAMES = ['Viewed Product', 'Viewed Product', 'Viewed Product', 'Page Viewed', 'Page Viewed', 'Added to Cart', 'Searched', 'Checkout Started'] as const;

/** A small deterministic generator: runs are comparable, and no two messages share an id. */
export class Traffic {
  private state: number;
  private sent = 0;
  private readonly run = randomUUID().slice(0, 8);

  constructor(
    private readonly known: KnownContacts,
    seed = 17,
  ) {
    this.state = seed;
  }

  /** Events sent so far (each with its own message id). */
  get count(): number {
    return this.sent;
  }

  track(): TrackBody {
    this.sent += 1;
    const product = pick(PRODUCTS, this.next());
    const name = pick(NAMES, this.next());
    return {
      ...this.identity(),
      name,
      properties: { sku: product.sku, category: product.category, price: product.price, currency: 'EUR', path: `/products/${product.sku.toLowerCase()}` },
      messageId: `bench-${this.run}-${this.sent}`,
      // Sent a moment after it happened, as SDKs that queue do.
      occurredAt: new Date(Date.now() - (this.next() % 5_000)).toISOString(),
    };
  }

  batch(size: number): { items: (TrackBody & { type: 'track' })[] } {
    return { items: Array.from({ length: size }, () => ({ type: 'track' as const, ...this.track() })) };
  }

  /** 45% contact id, 30% external id, 20% known email, 5% an email never seen (creates a contact). */
  private identity(): Pick<TrackBody, 'contactId' | 'externalId' | 'email'> {
    const roll = this.next() % 100;
    const index = this.next();
    if (roll < 45) return { contactId: pick(this.known.ids, index) };
    if (roll < 75) return { externalId: pick(this.known.externalIds, index) };
    if (roll < 95) return { email: pick(this.known.emails, index) };
    return { email: `new-${this.run}-${this.sent}@example.com` };
  }

  private next(): number {
    this.state = (Math.imul(this.state, 1_103_515_245) + 12_345) >>> 0;
    return this.state >>> 8;
  }
}

function pick<T>(values: readonly T[], index: number): T {
  const value = values[index % values.length];
  if (value === undefined) throw new Error('cannot pick from an empty list');
  return value;
}
