import type { Database } from '../../../../engine/db';
import { computeHealth } from '../../../../engine/crm/scores/health';
import { allContacts, contactsWithIds } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace, NOW, type FixtureWorkspace } from '../fixtures';

async function healthRows(db: Database, workspace: FixtureWorkspace) {
  const rows = await db.prisma.healthScore.findMany({ where: { workspaceId: workspace.workspaceId } });
  return Object.fromEntries(rows.map((row) => [workspace.nameOf(row.contactId), row]));
}

const only = (component: 'recency' | 'frequency' | 'engagement' | 'churn') => ({
  weights: { recency: 0, frequency: 0, engagement: 0, churn: 0, [component]: 1 },
});

describe.each(databaseKinds)('health on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  it('puts each level boundary on the right side (recency only, churn horizon 100 days: score = 100 − days)', async () => {
    const workspace = await createWorkspace(db);
    const cases: [number, number, string][] = [
      [0, 100, 'excellent'], [20, 80, 'excellent'], [21, 79, 'good'], [40, 60, 'good'], [41, 59, 'fair'],
      [60, 40, 'fair'], [61, 39, 'poor'], [80, 20, 'poor'], [81, 19, 'critical'], [150, 0, 'critical'],
    ];
    await workspace.customers(Object.fromEntries(cases.map(([days]) => [`d${days}`, [{ daysAgo: days }]])));
    await computeHealth(db.prisma, workspace.context({ health: only('recency'), lifecycle: { churnedAfterDays: 100 } }), allContacts);
    const rows = await healthRows(db, workspace);
    for (const [days, score, level] of cases) expect([days, rows[`d${days}`]?.score, rows[`d${days}`]?.level]).toEqual([days, score, level]);
  });

  it('uses the configured levels', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ d10: [{ daysAgo: 10 }], d11: [{ daysAgo: 11 }], d70: [{ daysAgo: 70 }], d71: [{ daysAgo: 71 }] });
    const levels = { excellent: 90, good: 70, fair: 50, poor: 30 };
    await computeHealth(db.prisma, workspace.context({ health: { ...only('recency'), levels }, lifecycle: { churnedAfterDays: 100 } }), allContacts);
    const rows = await healthRows(db, workspace);
    expect([rows.d10?.level, rows.d11?.level, rows.d70?.level, rows.d71?.level]).toEqual(['excellent', 'good', 'poor', 'critical']);
  });

  it('blends the four components with the default weights (hand-computed)', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ blend: [{ daysAgo: 73 }, { daysAgo: 100 }, { daysAgo: 200 }, { daysAgo: 400 }] });
    const contactId = workspace.id('blend');
    await db.prisma.engagementScore.create({ data: { workspaceId: workspace.workspaceId, contactId, score: 40, computedAt: NOW } });
    await db.prisma.churnRiskScore.create({ data: { workspaceId: workspace.workspaceId, contactId, probability: 0.25, band: 'low', computedAt: NOW } });
    await computeHealth(db.prisma, workspace.context(), allContacts);
    // recency 100 × (1 − 73/365) = 80, frequency 100 × 3/4 = 75, engagement 40, churn 100 × 0.75 = 75:
    // 0.3 × 80 + 0.25 × 75 + 0.25 × 40 + 0.2 × 75 = 67.75 → 68, good.
    const row = (await healthRows(db, workspace)).blend;
    expect(row).toMatchObject({ score: 68, level: 'good' });
    expect(row?.components).toEqual({
      recency: 80, frequency: 75, engagement: 40, churn: 75, churnUnknown: false, daysSinceLast: 73,
      ordersLast365Days: 3, ordersPrior365Days: 1,
      weights: { recency: 0.3, frequency: 0.25, engagement: 0.25, churn: 0.2 },
    });
  });

  it('scores the frequency trend against the year before (50 = flat)', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({
      flat: [{ daysAgo: 10 }, { daysAgo: 400 }],
      growing: [{ daysAgo: 10 }, { daysAgo: 20 }, { daysAgo: 30 }, { daysAgo: 400 }],
      fresh: [{ daysAgo: 5 }],
      shrinking: [{ daysAgo: 364.9 }, { daysAgo: 365 }, { daysAgo: 500 }, { daysAgo: 729 }],
      gone: [{ daysAgo: 731 }],
    });
    await computeHealth(db.prisma, workspace.context({ health: only('frequency') }), allContacts);
    const rows = await healthRows(db, workspace);
    // growing: 3 / 4 = 75; shrinking: 364.9 days is this year, exactly 365 days the year before → 1 / 4 = 25.
    expect(Object.fromEntries(Object.entries(rows).map(([name, row]) => [name, row.score]))).toEqual({ flat: 50, growing: 75, fresh: 100, shrinking: 25, gone: 0 });
  });

  it('treats a missing churn row as unknown (50) and a missing engagement row as 0', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ ann: [{ daysAgo: 3 }] });
    await computeHealth(db.prisma, workspace.context({ health: { weights: { recency: 0, frequency: 0, engagement: 1, churn: 1 } } }), allContacts);
    expect((await healthRows(db, workspace)).ann).toMatchObject({ score: 25, components: expect.objectContaining({ churn: 50, churnUnknown: true, engagement: 0 }) });
  });

  it('gives contacts without orders no row, and reports changes including a removed row', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ ann: [{ daysAgo: 20 }] });
    await workspace.contact('prospect');
    const ann = workspace.id('ann');
    const context = workspace.context({ health: only('recency'), lifecycle: { churnedAfterDays: 100 } });
    expect(await computeHealth(db.prisma, context, allContacts)).toEqual([{ topic: 'score.changed', contactId: ann, model: 'health', field: 'score', from: null, to: 80 }]);
    expect(Object.keys(await healthRows(db, workspace))).toEqual(['ann']);
    expect(await computeHealth(db.prisma, context, allContacts)).toEqual([]);
    await db.prisma.order.updateMany({ where: { contactId: ann }, data: { status: 'cancelled' } });
    expect(await computeHealth(db.prisma, context, contactsWithIds([ann]))).toEqual([{ topic: 'score.changed', contactId: ann, model: 'health', field: 'score', from: 80, to: null }]);
    expect(await healthRows(db, workspace)).toEqual({});
  });
});
