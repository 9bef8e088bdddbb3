import type { Database } from '../../../../engine/db';
import { computeEngagement } from '../../../../engine/crm/scores/engagement';
import { allContacts, contactsWithIds } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace, DAY_MS, daysAgo, NOW, type FixtureWorkspace } from '../fixtures';

async function engagementRows(db: Database, workspace: FixtureWorkspace) {
  const rows = await db.prisma.engagementScore.findMany({ where: { workspaceId: workspace.workspaceId } });
  return Object.fromEntries(rows.map((row) => [workspace.nameOf(row.contactId), row]));
}

describe.each(databaseKinds)('engagement on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  it('decays weighted touchpoints by the half-life (hand-computed, default settings)', async () => {
    const workspace = await createWorkspace(db);
    for (const name of ['clicker', 'mixed', 'nobody', 'saturated', 'old', 'faint', 'foreign']) await workspace.contact(name);
    await workspace.events('clicker', [{ name: 'Email Clicked', daysAgo: 30 }]);
    await workspace.events('mixed', [
      { name: 'Email Opened', daysAgo: 0 },
      { name: 'Email Clicked', daysAgo: 0 },
      { name: 'Store Visit', daysAgo: 60 },
      { name: 'Viewed Product', daysAgo: 100 },
    ]);
    await workspace.orders('mixed', [{ daysAgo: 30 }, { daysAgo: 1, status: 'cancelled' }]);
    await workspace.orders('saturated', Array.from({ length: 10 }, () => ({ daysAgo: 0 })));
    await workspace.events('old', [{ name: 'Email Clicked', daysAgo: 181 }, { name: 'Page Viewed', daysAgo: 0 }]);
    await workspace.events('faint', [{ name: 'Email Clicked', daysAgo: 150 }]);
    await workspace.orders('foreign', [{ daysAgo: 0, currency: 'USD' }]);

    await computeEngagement(db.prisma, workspace.context(), allContacts);
    const rows = await engagementRows(db, workspace);

    // One click 30 days ago: 3 × 0.5 = 1.5 points; 100 × 1.5 / 40 = 3.75 → 4.
    expect(rows.clicker).toMatchObject({ score: 4, lastEngagedAt: daysAgo(30) });
    expect(rows.clicker?.components).toEqual({
      opens: 0, clicks: 1.5, visits: 0, purchases: 0,
      counts90d: { opens: 0, clicks: 1, visits: 0, purchases: 0 },
      halfLifeDays: 30, windowDays: 180, saturation: 40, adjustment: 0,
    });
    // open 1 + click 3 + visits 0.25 (60 days) + 0.0992 (100 days: 0.5^(10/3)) + purchase 5 × 0.5 = 6.8492 → 17.12 → 17.
    const visits = 0.25 + 0.5 ** (100 / 30);
    expect(rows.mixed).toMatchObject({ score: Math.round((100 * (1 + 3 + visits + 2.5)) / 40), lastEngagedAt: NOW });
    expect(rows.mixed?.score).toBe(17);
    expect(rows.mixed?.components).toMatchObject({ opens: 1, clicks: 3, visits: Number(visits.toFixed(4)), purchases: 2.5, counts90d: { opens: 1, clicks: 1, visits: 1, purchases: 1 } });
    expect(rows.nobody).toMatchObject({ score: 0, lastEngagedAt: null });
    expect(rows.saturated).toMatchObject({ score: 100 });
    expect(rows.saturated?.components).toMatchObject({ purchases: 50 });
    expect(rows.old).toMatchObject({ score: 0, lastEngagedAt: null });
    // 3 × 0.5^5 = 0.09375 points: in the window, but 0.23 rounds to 0.
    expect(rows.faint).toMatchObject({ score: 0, lastEngagedAt: daysAgo(150) });
    expect(rows.faint?.components).toMatchObject({ clicks: 0.0938 });
    expect(rows.foreign).toMatchObject({ score: 0 });
  });

  it('uses the configured half-life, weights and saturation', async () => {
    const workspace = await createWorkspace(db);
    await workspace.contact('ann');
    await workspace.events('ann', [{ name: 'Email Clicked', daysAgo: 10 }, { name: 'Custom Open', daysAgo: 20 }]);
    const context = workspace.context({ engagement: { halfLifeDays: 10, saturation: 10, opens: ['Custom Open'], weights: { open: 2 } } });
    await computeEngagement(db.prisma, context, allContacts);
    // click 3 × 0.5 = 1.5, custom open 2 × 0.25 = 0.5 → 2 points of 10 → 20; window max(6 × 10, 90) = 90.
    const row = (await engagementRows(db, workspace)).ann;
    expect(row).toMatchObject({ score: 20 });
    expect(row?.components).toMatchObject({ opens: 0.5, clicks: 1.5, halfLifeDays: 10, windowDays: 90, saturation: 10 });
  });

  it('reports score changes (a first row counts as from null), nothing on a re-run, and keeps the last engagement date', async () => {
    const workspace = await createWorkspace(db);
    await workspace.contact('clicker');
    await workspace.contact('nobody');
    await workspace.events('clicker', [{ name: 'Email Clicked', daysAgo: 30 }]);
    const [clicker, nobody] = workspace.ids('clicker', 'nobody');
    const context = workspace.context();
    expect(await computeEngagement(db.prisma, context, allContacts)).toEqual(
      [
        { topic: 'score.changed', contactId: clicker, model: 'engagement', field: 'score', from: null, to: 4 },
        { topic: 'score.changed', contactId: nobody, model: 'engagement', field: 'score', from: null, to: 0 },
      ].sort((a, b) => (a.contactId ?? '').localeCompare(b.contactId ?? '')),
    );
    expect(await computeEngagement(db.prisma, context, allContacts)).toEqual([]);

    await workspace.events('clicker', [{ name: 'Email Clicked', daysAgo: 0 }]);
    // 1.5 + 3 = 4.5 points → 11.25 → 11.
    expect(await computeEngagement(db.prisma, context, contactsWithIds([clicker ?? '']))).toEqual([
      { topic: 'score.changed', contactId: clicker, model: 'engagement', field: 'score', from: 4, to: 11 },
    ]);

    // 200 days later nothing is in the window any more, but the last engagement is remembered.
    await computeEngagement(db.prisma, workspace.context({}, new Date(NOW.getTime() + 200 * DAY_MS)), allContacts);
    expect((await engagementRows(db, workspace)).clicker).toMatchObject({ score: 0, lastEngagedAt: NOW });
  });

  it('adds the adjustment ledger to the decayed score and clamps to 0..100', async () => {
    const workspace = await createWorkspace(db);
    for (const name of ['boosted', 'lowered', 'capped']) await workspace.contact(name);
    await workspace.events('boosted', [{ name: 'Email Clicked', daysAgo: 30 }]);
    await workspace.events('lowered', [{ name: 'Email Clicked', daysAgo: 30 }]);
    await workspace.orders('capped', Array.from({ length: 10 }, () => ({ daysAgo: 0 })));
    const adjust = (name: string, delta: number, model: 'engagement' | 'lead' = 'engagement') =>
      db.prisma.scoreAdjustment.create({ data: { workspaceId: workspace.workspaceId, contactId: workspace.id(name), model, delta, reason: 'test', source: 'test', idempotencyKey: `${name}-${delta}-${model}` } });
    await adjust('boosted', 10);
    await adjust('boosted', 5);
    await adjust('boosted', 50, 'lead');
    await adjust('lowered', -9);
    await adjust('capped', 20);
    await computeEngagement(db.prisma, workspace.context(), allContacts);
    const rows = await engagementRows(db, workspace);
    // A click 30 days ago scores 4 (first test); + 15 of its own ledger, the lead adjustment not counted.
    expect(rows.boosted).toMatchObject({ score: 19 });
    expect(rows.boosted?.components).toMatchObject({ adjustment: 15 });
    expect(rows.lowered).toMatchObject({ score: 0 });
    expect(rows.capped).toMatchObject({ score: 100 });
  });

  it('writes rows for the contacts in an id scope only', async () => {
    const workspace = await createWorkspace(db);
    await workspace.contact('inside');
    await workspace.contact('outside');
    await computeEngagement(db.prisma, workspace.context(), contactsWithIds(workspace.ids('inside')));
    expect(Object.keys(await engagementRows(db, workspace))).toEqual(['inside']);
  });
});
