import type { Database } from '../../../../engine/db';
import { churnProbabilityOf, computeChurnRisk, CHURN_FORMULA_VERSION } from '../../../../engine/crm/scores/churn';
import { allContacts, contactsWithIds } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace, type FixtureWorkspace } from '../fixtures';

async function churnRows(db: Database, workspace: FixtureWorkspace) {
  const rows = await db.prisma.churnRiskScore.findMany({ where: { workspaceId: workspace.workspaceId } });
  return Object.fromEntries(rows.map((row) => [workspace.nameOf(row.contactId), row]));
}

describe('churn formula', () => {
  it('matches the hand-computed examples of the file header', () => {
    expect(churnProbabilityOf(90, 1, 90)).toBeCloseTo(1 - 2 ** (-2 / 3), 12);
    expect(churnProbabilityOf(90, 1, 90)).toBeCloseTo(0.370039, 6);
    expect(churnProbabilityOf(60, 5, 30)).toBeCloseTo(1 - 2 ** (-16 / 9), 12);
    expect(churnProbabilityOf(60, 5, 30)).toBeCloseTo(0.708368, 6);
    expect(churnProbabilityOf(45, 3, 30)).toBe(0.5);
    expect(churnProbabilityOf(0, 1, 90)).toBe(0);
  });

  it('is monotone in the days, bounded, and sharper with more orders', () => {
    for (const orders of [1, 2, 3, 5, 8]) {
      let previous = -1;
      for (let days = 0; days <= 1000; days += 7) {
        const p = churnProbabilityOf(days, orders, 30);
        expect(p).toBeGreaterThanOrEqual(previous);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        previous = p;
      }
    }
    // Past 1.5 intervals more orders mean more risk; before it, less.
    expect(churnProbabilityOf(60, 5, 30)).toBeGreaterThan(churnProbabilityOf(60, 2, 30));
    expect(churnProbabilityOf(15, 5, 30)).toBeLessThan(churnProbabilityOf(15, 2, 30));
  });
});

describe.each(databaseKinds)('churn risk on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  it('computes the probability, band and factors from the own interval (hand-computed)', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({
      fresh: [{ daysAgo: 0 }],
      single90: [{ daysAgo: 90 }],
      single135: [{ daysAgo: 135 }],
      single180: [{ daysAgo: 180 }],
      fiveMonthly: [{ daysAgo: 60 }, { daysAgo: 90 }, { daysAgo: 120 }, { daysAgo: 150 }, { daysAgo: 180 }],
      fiveEarly: [{ daysAgo: 15 }, { daysAgo: 45 }, { daysAgo: 75 }, { daysAgo: 105 }, { daysAgo: 135 }],
      sameDay: [{ daysAgo: 10 }, { daysAgo: 10 }],
      // Interval 1 day, 3000 days quiet: (2000)^1.25 would underflow 2^-x in Postgres; p is 1.
      longGone: [{ daysAgo: 3000 }, { daysAgo: 3000 }],
      ignored: [{ daysAgo: 5, status: 'refunded' }, { daysAgo: 5, currency: 'USD' }],
    });
    await workspace.contact('prospect');
    await computeChurnRisk(db.prisma, workspace.context(), allContacts);
    const rows = await churnRows(db, workspace);

    const expected: Record<string, [number, string]> = {
      fresh: [0, 'low'],
      single90: [1 - 2 ** (-2 / 3), 'low'], // 0.370 < 0.4
      single135: [0.5, 'medium'], // ratio 1.5
      single180: [1 - 2 ** (-4 / 3), 'medium'], // 0.603
      fiveMonthly: [1 - 2 ** (-16 / 9), 'high'], // interval 30, ratio 2, k 2: 0.708
      fiveEarly: [1 - 2 ** (-1 / 9), 'low'], // ratio 0.5, k 2: 0.074
      sameDay: [1 - 2 ** -((10 / 1.5) ** 1.25), 'high'], // interval floored at 1 day, k 1.25
      longGone: [1, 'high'],
    };
    expect(Object.keys(rows).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [probability, band]] of Object.entries(expected)) {
      expect([name, rows[name]?.band]).toEqual([name, band]);
      expect(rows[name]?.probability).toBeCloseTo(probability, 9);
    }
    expect(rows.fiveMonthly?.factors).toEqual({
      daysSinceLast: 60,
      averageIntervalDays: 30,
      intervalSource: 'own',
      overdueRatio: 2,
      orderCount: 5,
      shape: 2,
      formula: CHURN_FORMULA_VERSION,
    });
    expect(rows.single90?.factors).toMatchObject({ averageIntervalDays: 90, intervalSource: 'default', overdueRatio: 1, shape: 1 });
  });

  it('uses the configured bands and default interval', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ single135: [{ daysAgo: 135 }], single60: [{ daysAgo: 60 }] });
    await computeChurnRisk(db.prisma, workspace.context({ churn: { mediumAt: 0.2, highAt: 0.5, defaultIntervalDays: 40 } }), allContacts);
    const rows = await churnRows(db, workspace);
    // interval 40: 135 days → ratio 3.375 → 1 − 2^(−2.25); 60 days → ratio 1.5 → 0.5, high at ≥ 0.5.
    expect(rows.single135?.probability).toBeCloseTo(1 - 2 ** -2.25, 9);
    expect(rows.single60?.probability).toBeCloseTo(0.5, 12);
    expect([rows.single135?.band, rows.single60?.band]).toEqual(['high', 'high']);
  });

  it('reports changes rounded to 3 decimals, and a removed row as a change to null', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ ann: [{ daysAgo: 135 }] });
    const ann = workspace.id('ann');
    const context = workspace.context();
    expect(await computeChurnRisk(db.prisma, context, allContacts)).toEqual([
      { topic: 'score.changed', contactId: ann, model: 'churn_risk', field: 'probability', from: null, to: 0.5 },
    ]);
    expect(await computeChurnRisk(db.prisma, context, allContacts)).toEqual([]);

    await workspace.orders('ann', [{ daysAgo: 45 }]);
    // Two orders 90 days apart, last 45 days ago: ratio 0.5, k 1.25 → 1 − 2^(−(1/3)^1.25) ≈ 0.161.
    const moved = await computeChurnRisk(db.prisma, context, contactsWithIds([ann]));
    expect(moved).toEqual([{ topic: 'score.changed', contactId: ann, model: 'churn_risk', field: 'probability', from: 0.5, to: Number((1 - 2 ** -((1 / 3) ** 1.25)).toFixed(3)) }]);

    await db.prisma.order.updateMany({ where: { contactId: ann }, data: { status: 'refunded' } });
    expect(await computeChurnRisk(db.prisma, context, contactsWithIds([ann]))).toEqual([
      { topic: 'score.changed', contactId: ann, model: 'churn_risk', field: 'probability', from: 0.161, to: null },
    ]);
    expect(await churnRows(db, workspace)).toEqual({});
  });
});
