import type { SqlClient } from '../crm/sql';
import { readStoredPlan } from '../journey/compile/stored-plan';
import type { JourneyPlan } from '../journey/schema';

/** What a published version's runs react to while they are going. */
export interface Listens {
  /** Event names its event waits and event exit criteria wait for. */
  readonly events: ReadonlySet<string> | 'all';
  /** Whether it has condition waits or condition exit criteria, re-checked on `contactChanged`. */
  readonly conditions: boolean;
}


/** A damaged plan cannot be read: its runs get every signal rather than miss one. */
const EVERYTHING: Listens = { events: 'all', conditions: true };

export function listensOf(plan: JourneyPlan): Listens {
  const events = new Set<string>();
  let conditions = false;
  for (const node of Object.values(plan.nodes)) {
    if (node.kind !== 'wait') continue;
    if (node.config.type === 'event') events.add(node.config.event);
    if (node.config.type === 'condition') conditions = true;
  }
  for (const criterion of plan.settings.exitCriteria) {
    if (criterion.type === 'event') events.add(criterion.event);
    else conditions = true;
  }
  return { events, conditions };
}

export const listensToEvent = (listens: Listens, name: string): boolean => listens.events === 'all' || listens.events.has(name);

/** Past this many versions the cache starts afresh: a bound, not a policy (versions are few). */
const MAX_CACHED_VERSIONS = 5_000;

/**
 * What each version listens to, by version id. Published versions never change, so an entry
 * never goes stale; the plans of versions not seen yet are read in one query.
 */
export class ListensCache {
  readonly #byVersion = new Map<string, Listens>();

  remember(journeyVersionId: string, plan: JourneyPlan): Listens {
    const known = this.#byVersion.get(journeyVersionId);
    if (known) return known;
    const listens = listensOf(plan);
    this.#store(journeyVersionId, listens);
    return listens;
  }

  async forVersions(sql: SqlClient, journeyVersionIds: readonly string[]): Promise<ReadonlyMap<string, Listens>> {
    const missing = [...new Set(journeyVersionIds)].filter((id) => !this.#byVersion.has(id));
    if (missing.length > 0) {
      const rows = await sql.$queryRaw<{ id: string; plan: unknown }[]>`
        SELECT id::text AS id, plan FROM journey_version WHERE id = ANY(${missing}::uuid[])`;
      for (const row of rows) {
        const stored = readStoredPlan(row.plan);
        this.#store(row.id, stored.ok ? listensOf(stored.plan) : EVERYTHING);
      }
    }
    const result = new Map<string, Listens>();
    for (const id of journeyVersionIds) result.set(id, this.#byVersion.get(id) ?? EVERYTHING);
    return result;
  }

  #store(journeyVersionId: string, listens: Listens): void {
    if (this.#byVersion.size >= MAX_CACHED_VERSIONS) this.#byVersion.clear();
    this.#byVersion.set(journeyVersionId, listens);
  }
}
