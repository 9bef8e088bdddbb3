import { computeClv } from '../clv/compute';
import type { CrmChange } from '../changes/topics';
import type { CrmContext } from '../context';
import { contactsWithIds, type ContactScope, type SqlClient } from '../sql';

type Step = (client: SqlClient, context: CrmContext, scope: ContactScope) => Promise<CrmChange[]>;

/**
 * Every per-contact score and stage, in dependency order: RFM first (lifecycle reads the RFM
 * segment), engagement before lead and health (both blend it in), churn before health, the
 * lifecycle and journey stages last. Each step is a few set-based statements over the scope.
 */
export const SCORING_STEPS: readonly { name: string; run: Step }[] = [{ name: 'clv', run: computeClv }];

export async function scoreContacts(client: SqlClient, context: CrmContext, contactIds: readonly string[]): Promise<CrmChange[]> {
  return scoreScope(client, context, contactsWithIds(contactIds));
}

export async function scoreScope(client: SqlClient, context: CrmContext, scope: ContactScope): Promise<CrmChange[]> {
  const changes: CrmChange[] = [];
  for (const step of SCORING_STEPS) changes.push(...(await step.run(client, context, scope)));
  return changes;
}
