import type { CrmChange } from '../changes/topics';
import { computeClv } from '../clv/compute';
import type { CrmContext } from '../context';
import { computeJourneyStages, computeLifecycleStages } from '../lifecycle';
import { computeRfm } from '../rfm';
import { contactsWithIds, type ContactScope, type SqlClient } from '../sql';
import { computeChurnRisk } from './churn';
import { computeEngagement } from './engagement';
import { computeHealth } from './health';
import { computeLeadScores } from './lead';
import { contactScoring, type ScoringOptions } from './scoring-options';

type Step = (client: SqlClient, context: CrmContext, scope: ContactScope, options: ScoringOptions) => Promise<CrmChange[]>;

/**
 * Every per-contact score and stage, in dependency order: engagement before lead and health
 * (both blend it in), RFM and CLV before churn and health (they read them), lifecycle after RFM
 * (it reads the RFM segment) and the journey stage last (it reads the lifecycle stage). Each step
 * is a few set-based statements over the whole scope, never a loop over contacts.
 */
export const SCORING_STEPS: readonly { name: string; run: Step }[] = [
  { name: 'engagement', run: computeEngagement },
  { name: 'rfm', run: computeRfm },
  { name: 'clv', run: computeClv },
  { name: 'churn', run: computeChurnRisk },
  { name: 'lead', run: computeLeadScores },
  { name: 'health', run: computeHealth },
  { name: 'lifecycle', run: computeLifecycleStages },
  { name: 'journey_stage', run: computeJourneyStages },
];

export async function scoreContacts(client: SqlClient, context: CrmContext, contactIds: readonly string[]): Promise<CrmChange[]> {
  return scoreScope(client, context, contactsWithIds(contactIds));
}

/** Every step over the scope; returns the changes handed back (none when the options announce them). */
export async function scoreScope(client: SqlClient, context: CrmContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const changes: CrmChange[] = [];
  for (const step of SCORING_STEPS) changes.push(...(await step.run(client, context, scope, options)));
  return changes;
}
