import type { Database } from '../../../../engine/db';
import type { CrmChange } from '../../../../engine/crm/changes/topics';
import { computeJourneyStages, computeLifecycleStages } from '../../../../engine/crm/lifecycle';
import { computeRfm } from '../../../../engine/crm/rfm';
import { computeChurnRisk, computeEngagement, computeHealth, computeLeadScores, type ScoringContext } from '../../../../engine/crm/scores';
import { allContacts, contactsWithIds, type ContactScope, type SqlClient } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace } from '../fixtures';

/**
 * The dependency order (the recompute's SCORING_STEPS must keep it): lead and health read the
 * engagement score, health reads churn risk, the champion stage reads the RFM segment, and
 * the journey stage reads the lifecycle stage.
 */
const IN_DEPENDENCY_ORDER = [computeEngagement, computeRfm, computeChurnRisk, computeLeadScores, computeHealth, computeLifecycleStages, computeJourneyStages];

async function computeContactScores(client: SqlClient, context: ScoringContext, scope: ContactScope): Promise<CrmChange[]> {
  const changes: CrmChange[] = [];
  for (const compute of IN_DEPENDENCY_ORDER) changes.push(...(await compute(client, context, scope)));
  return changes;
}

describe.each(databaseKinds)('all scores together on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  it('computes every score and stage in dependency order, and a re-run reports nothing', async () => {
    const workspace = await createWorkspace(db);
    // The champion of the lifecycle test: RFM champions → lifecycle champion → journey advocacy.
    await workspace.customers({ star: [5, 35, 65, 95, 125, 155, 185].map((daysAgo) => ({ daysAgo, amount: 400 })) });
    await workspace.contact('lead', { email: 'lead@example.com', company: 'Acme' });
    await workspace.events('lead', [{ name: 'Email Clicked', daysAgo: 1 }]);
    const context = workspace.context();
    const star = workspace.id('star');

    const changes = await computeContactScores(db.prisma, context, allContacts);
    const topics = (contactId: string) => changes.filter((change) => change.contactId === contactId).map((change) => (change.topic === 'score.changed' ? `${change.topic}:${change.model}` : change.topic));
    expect(topics(star)).toEqual([
      'score.changed:engagement',
      'rfm.segment_changed',
      'score.changed:rfm',
      'score.changed:churn_risk',
      'score.changed:lead',
      'score.changed:health',
      'lifecycle.stage_changed',
      'journey_stage.changed',
    ]);
    expect(changes).toContainEqual({ topic: 'lifecycle.stage_changed', contactId: star, from: 'prospect', to: 'champion', reason: 'RFM segment champions' });
    expect(changes).toContainEqual({ topic: 'journey_stage.changed', contactId: star, from: 'awareness', to: 'advocacy', reason: 'lifecycle stage champion' });
    expect(topics(workspace.id('lead'))).toEqual(['score.changed:engagement', 'score.changed:lead', 'journey_stage.changed']);

    expect(await computeContactScores(db.prisma, context, allContacts)).toEqual([]);
    expect(await computeContactScores(db.prisma, context, contactsWithIds([star]))).toEqual([]);
  });
});
