import { returnChanges, type ChangeDelivery } from '../changes/delivery';
import { inlineOrderFacts, type OrderFactsSource } from './order-facts';

/**
 * How a score or stage computation runs besides its scope: where it reads the order facts and
 * how it hands over its change events. A contact change computes the facts inline and gets the
 * events back; a batch chunk reads the facts it stored once and lets each statement announce
 * its own events.
 */
export interface ScoringOptions {
  readonly facts: OrderFactsSource;
  readonly delivery: ChangeDelivery;
}

export const contactScoring: ScoringOptions = { facts: inlineOrderFacts, delivery: returnChanges };
