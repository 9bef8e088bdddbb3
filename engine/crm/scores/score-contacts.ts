import { dependencyTouchedBy } from '../changes/dependency-touched';
import type { CrmChange } from '../changes/topics';
import type { DependencyKey } from '../segments/dependencies';
import { computeClv } from '../clv/compute';
import type { CrmContext } from '../context';
import { computeJourneyStages, computeLifecycleStages } from '../lifecycle';
import { computeStages } from '../lifecycle/stages';
import { computeRfm } from '../rfm';
import { contactsWithIds, type ContactScope, type SqlClient } from '../sql';
import { computeChurnRisk } from './churn';
import { computeEngagement } from './engagement';
import { computeHealth } from './health';
import { computeLeadScores } from './lead';
import { contactScoring, type ScoringOptions } from './scoring-options';

type Step = (client: SqlClient, context: CrmContext, scope: ContactScope, options: ScoringOptions) => Promise<CrmChange[]>;

/**
 * What a step reads, as dependency keys: a key ending in `:` stands for all keys it begins
 * (`event:` is every event). A step's own `score:<model>` is among them: manual adjustments.
 */
type Reads = readonly string[];

/**
 * Every per-contact score and stage, in dependency order: engagement before lead and health
 * (both blend it in), RFM and CLV before churn and health (they read them), lifecycle after RFM
 * (it reads the RFM segment) and the journey stage last (it reads the lifecycle stage). Each step
 * is a few set-based statements over the whole scope, never a loop over contacts.
 */
export const SCORING_STEPS: readonly { name: string; reads: Reads; run: Step }[] = [
  { name: 'engagement', reads: ['event:', 'order', 'score:engagement'], run: computeEngagement },
  { name: 'rfm', reads: ['order', 'score:rfm'], run: computeRfm },
  { name: 'clv', reads: ['order', 'score:clv'], run: computeClv },
  { name: 'churn', reads: ['order', 'score:churn_risk'], run: computeChurnRisk },
  { name: 'lead', reads: ['event:', 'contact:', 'score:engagement', 'score:lead'], run: computeLeadScores },
  { name: 'health', reads: ['order', 'score:engagement', 'score:churn_risk', 'score:health'], run: computeHealth },
  { name: 'lifecycle', reads: ['order', 'score:rfm', 'lifecycle_stage'], run: computeLifecycleStages },
  { name: 'journey_stage', reads: ['event:', 'order', 'lifecycle_stage', 'journey_stage'], run: computeJourneyStages },
];

/**
 * The steps when every one runs (a recompute chunk, a full rescore): the same, with the two
 * stage steps as one statement that updates each contact row once (computeStages).
 */
export const FULL_SCORING_STEPS: readonly { name: string; run: Step }[] = SCORING_STEPS.filter((step) => step.name !== 'journey_stage').map((step) =>
  step.name === 'lifecycle' ? { name: 'stages', run: computeStages } : step,
);

const readsAny = (reads: Reads, touched: ReadonlySet<string>): boolean =>
  [...touched].some((key) => reads.some((read) => (read.endsWith(':') ? key.startsWith(read) : key === read)));

/**
 * Rescores contacts after a change. With `touched` (what the change touched, as dependency
 * keys), only the steps reading it run, and the steps reading a score that moved follow: an
 * event rescoring engagement, lead, health and the journey stage but not RFM, CLV or churn,
 * which read orders only; a contact just created (`created`) gets every step. Values that move with time alone are the nightly recompute's. Without
 * `touched`, every step runs.
 */
export async function scoreContacts(client: SqlClient, context: CrmContext, contactIds: readonly string[], touched?: readonly DependencyKey[], created: readonly string[] = []): Promise<CrmChange[]> {
  const scope = contactsWithIds(contactIds);
  if (touched === undefined) return scoreScope(client, context, scope);
  const listed = new Set(contactIds);
  const newcomers = created.filter((contactId) => listed.has(contactId));
  const moved = new Set<string>(touched);
  const changes: CrmChange[] = [];
  for (const step of SCORING_STEPS) {
    if (readsAny(step.reads, moved)) {
      const stepChanges = await step.run(client, context, scope, contactScoring);
      for (const change of stepChanges) moved.add(dependencyTouchedBy(change));
      changes.push(...stepChanges);
    } else if (newcomers.length > 0) {
      // Every step runs for the newcomers anyway: what moves for them needs no following.
      changes.push(...(await step.run(client, context, contactsWithIds(newcomers), contactScoring)));
    }
  }
  return changes;
}

/** Every step over the scope; returns the changes handed back (none when the options announce them). */
export async function scoreScope(client: SqlClient, context: CrmContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const changes: CrmChange[] = [];
  for (const step of FULL_SCORING_STEPS) changes.push(...(await step.run(client, context, scope, options)));
  return changes;
}
