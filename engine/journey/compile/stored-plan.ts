import { upgradeJourney } from '../conditions/upgrade-journey';
import { JourneyPlan } from '../schema';
import { check, errors } from './validators';

const isPlan = (value: unknown): value is JourneyPlan => check(JourneyPlan, value);

export type StoredPlan = { ok: true; plan: JourneyPlan } | { ok: false; problem: string };

/**
 * A plan read back from the database: upgraded to the current schema version (plans published
 * before the one condition language are still live) and checked against the plan schema, so a
 * damaged row is reported clearly instead of reaching a workflow.
 */
export function readStoredPlan(value: unknown): StoredPlan {
  const { document } = upgradeJourney(value);
  if (isPlan(document)) return { ok: true, plan: document };
  const first = errors(JourneyPlan, document)[0];
  return { ok: false, problem: `does not match the plan schema${first ? ` (${first.instancePath || 'plan'}: ${first.message})` : ''}` };
}
