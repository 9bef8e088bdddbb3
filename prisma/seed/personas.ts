import type { Faker } from '@faker-js/faker';

/**
 * How a demo contact behaves over the two seeded years. Personas give the scores and
 * segments built later something real to find: champions, one-off buyers, lapsing
 * customers, browsers who never bought, and B2B accounts with large regular orders.
 */
export type Persona = 'browser' | 'one_time' | 'occasional' | 'loyal' | 'lapsed' | 'trade_account';

export interface PersonaProfile {
  /** Inclusive range of orders over the contact's lifetime. */
  readonly orders: readonly [number, number];
  /** Orders only happen in this window, in days before "now" (lapsed buyers stop early). */
  readonly activeDaysAgo: readonly [number, number];
  /** Item quantity range per order line. */
  readonly quantity: readonly [number, number];
  /** Behavioural events per contact. */
  readonly events: readonly [number, number];
}

export const PERSONAS: Record<Persona, PersonaProfile> = {
  browser: { orders: [0, 0], activeDaysAgo: [0, 730], quantity: [1, 1], events: [2, 10] },
  one_time: { orders: [1, 1], activeDaysAgo: [0, 730], quantity: [1, 2], events: [4, 12] },
  occasional: { orders: [2, 4], activeDaysAgo: [0, 730], quantity: [1, 2], events: [6, 18] },
  loyal: { orders: [5, 14], activeDaysAgo: [0, 730], quantity: [1, 3], events: [12, 30] },
  lapsed: { orders: [2, 6], activeDaysAgo: [270, 730], quantity: [1, 2], events: [4, 12] },
  trade_account: { orders: [6, 20], activeDaysAgo: [0, 730], quantity: [10, 60], events: [3, 10] },
};

export function pickPersona(faker: Faker, isTradeAccount: boolean): Persona {
  if (isTradeAccount) return 'trade_account';
  return faker.helpers.weightedArrayElement<Persona>([
    { value: 'browser', weight: 22 },
    { value: 'one_time', weight: 26 },
    { value: 'occasional', weight: 25 },
    { value: 'loyal', weight: 15 },
    { value: 'lapsed', weight: 12 },
  ]);
}
