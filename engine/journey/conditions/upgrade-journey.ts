import { isLegacyCondition, LegacyConditionError, upgradeCondition } from './legacy';
import { conditionSites } from './sites';
import { isRecord } from './json';

// Journey drafts, files and plans written before the one condition language (schema version
// 1) are upgraded where they are read: the compiler, the draft store, the interpreter workflow
// and the activities all pass documents through here, so nothing needs a data migration and
// a plan contacts are already running keeps its meaning.

export const CURRENT_SCHEMA_VERSION = 2;

export interface UpgradeProblem {
  readonly nodeId?: string;
  readonly field: string;
  readonly message: string;
}

export interface Upgraded {
  /** A copy in the current language; the input is never changed. */
  readonly document: unknown;
  /** Conditions that could not be said in today's language; they are left as they were for the marketer to fix. */
  readonly problems: UpgradeProblem[];
}


/**
 * Upgrades a draft, journey file or plan of any schema version to the current one. Conditions
 * are recognised by their shape, so an old condition pasted into a current file upgrades too.
 */
export function upgradeJourney(document: unknown): Upgraded {
  if (!isRecord(document)) return { document, problems: [] };
  const stale = document.schemaVersion === 1 || conditionSites(document).some((site) => isLegacyCondition(site.value));
  return stale ? upgradeCopy(document) : { document, problems: [] };
}

/**
 * A plan contacts are running, in the current language. Plans were checked when they were
 * published, and the upgrade changes nothing but conditions, so the copy keeps the plan's type;
 * a condition that cannot be upgraded stays as it was and tests as "no".
 */
export function upgradePlan<Plan extends { readonly schemaVersion: number }>(plan: Plan): Plan {
  if (plan.schemaVersion !== 1) return plan;
  return upgradeCopy(plan).document as Plan;
}

function upgradeCopy(document: object): Upgraded {
  // A JSON copy: drafts and plans are JSON, and this also runs in the workflow sandbox.
  const copy: unknown = JSON.parse(JSON.stringify(document));
  const problems: UpgradeProblem[] = [];
  for (const site of conditionSites(copy)) {
    if (!isLegacyCondition(site.value)) continue;
    try {
      site.replace(upgradeCondition(site.value));
    } catch (error) {
      if (!(error instanceof LegacyConditionError)) throw error;
      problems.push({ ...(site.nodeId !== undefined && { nodeId: site.nodeId }), field: site.field, message: `this condition is written the old way and cannot be upgraded: ${error.message}` });
    }
  }
  if (isRecord(copy) && copy.schemaVersion === 1) copy.schemaVersion = CURRENT_SCHEMA_VERSION;
  return { document: copy, problems };
}
