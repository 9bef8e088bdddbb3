import { loadFacts } from '../../../activities/journey/facts';
import { loadCrmContext } from '../../../engine/crm/context';
import { scoreContacts } from '../../../engine/crm/scores/score-contacts';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

// What a journey condition can read: the profile and every score the CRM computed, by the
// names rule fields use (`contact.journeyStage`, `score.lead.qualification`, ...).
describe.each(databaseKinds)('journey facts on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  it('exposes the computed scores and stages, and nothing of another workspace', async () => {
    const { prisma } = db;
    const now = new Date('2026-06-30T12:00:00Z');
    const workspace = await prisma.workspace.create({ data: { name: 'Facts', slug: `facts-${kind}`, currency: 'EUR' } });
    const contact = await prisma.contact.create({ data: { workspaceId: workspace.id, email: 'ada@example.com', company: 'Roastery' } });
    for (const daysAgo of [40, 10]) {
      await prisma.order.create({ data: { workspaceId: workspace.id, contactId: contact.id, status: 'paid', currency: 'EUR', amount: 120, placedAt: new Date(now.getTime() - daysAgo * 86_400_000) } });
    }
    await scoreContacts(prisma, await loadCrmContext(prisma, workspace.id, now), [contact.id]);

    const facts = await loadFacts(prisma, workspace.id, contact.id);
    expect(facts?.contact).toMatchObject({ lifecycleStage: 'active', journeyStage: 'retention' });
    expect(facts?.score).toMatchObject({
      rfm: { recency: 5, frequency: 2, monetary: 1, orderCount: 2 },
      clv: { historicalValue: 240, orderCount: 2, currency: 'EUR' },
      lead: { qualification: expect.stringMatching(/^(none|mql|sql)$/), engagementScore: expect.any(Number) },
      churn_risk: { band: 'low' },
      health: { level: expect.stringMatching(/^(excellent|good|fair|poor|critical)$/) },
    });
    const other = await prisma.workspace.create({ data: { name: 'Other', slug: `other-${kind}` } });
    expect(await loadFacts(prisma, other.id, contact.id)).toBeUndefined();
  });
});
