import { Prisma } from '../../../../prisma/generated/client';
import type { Database } from '../../../../engine/db';
import { computeRfm } from '../../../../engine/crm/rfm/compute';
import { RFM_SEGMENTS, rfmSegmentOf, rfmSegmentSql } from '../../../../engine/crm/rfm/segments';
import { allContacts, contactsWithIds } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace, NOW, ordersEveryDay, type FixtureWorkspace } from '../fixtures';

interface Scores {
  recency: number;
  frequency: number;
  monetary: number;
  segment: string;
  orders: number;
  spend: string;
  days: number | null;
}

async function scoresByName(db: Database, workspace: FixtureWorkspace): Promise<Record<string, Scores>> {
  const rows = await db.prisma.rfmScore.findMany({ where: { workspaceId: workspace.workspaceId } });
  return Object.fromEntries(
    rows.map((row) => [
      workspace.nameOf(row.contactId),
      { recency: row.recency, frequency: row.frequency, monetary: row.monetary, segment: row.segmentLabel, orders: row.orderCount, spend: row.totalSpend.toFixed(2), days: row.daysSinceLast },
    ]),
  );
}

describe.each(databaseKinds)('threshold RFM on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  it('scores recency at every band boundary (whole days since the last order)', async () => {
    const workspace = await createWorkspace(db);
    const cases: [number, number][] = [[0, 5], [30, 5], [30.9, 5], [31, 4], [60, 4], [61, 3], [90, 3], [91, 2], [180, 2], [181, 1], [365, 1]];
    await workspace.customers(Object.fromEntries(cases.map(([days]) => [`r${days}`, [{ daysAgo: days }]])));
    await computeRfm(db.prisma, workspace.context(), allContacts);
    const scores = await scoresByName(db, workspace);
    for (const [days, expected] of cases) expect([days, scores[`r${days}`]?.recency]).toEqual([days, expected]);
    expect(scores['r30.9']?.days).toBe(30);
  });

  it('scores frequency at every band boundary (orders within the lookback)', async () => {
    const workspace = await createWorkspace(db);
    const cases: [number, number][] = [[1, 1], [2, 2], [3, 2], [4, 3], [6, 3], [7, 4], [9, 4], [10, 5], [25, 5]];
    await workspace.customers(Object.fromEntries(cases.map(([count]) => [`f${count}`, ordersEveryDay(count, 1, 1)])));
    await computeRfm(db.prisma, workspace.context(), allContacts);
    const scores = await scoresByName(db, workspace);
    for (const [count, expected] of cases) expect([count, scores[`f${count}`]?.frequency, scores[`f${count}`]?.orders]).toEqual([count, expected, count]);
  });

  it('scores monetary at every band boundary (spend within the lookback)', async () => {
    const workspace = await createWorkspace(db);
    const cases: [number, number][] = [[0.01, 1], [499.99, 1], [500, 2], [999.99, 2], [1000, 3], [2499.99, 3], [2500, 4], [4999.99, 4], [5000, 5], [12000, 5]];
    await workspace.customers(Object.fromEntries(cases.map(([amount]) => [`m${amount}`, [{ daysAgo: 3, amount }]])));
    await computeRfm(db.prisma, workspace.context(), allContacts);
    const scores = await scoresByName(db, workspace);
    for (const [amount, expected] of cases) expect([amount, scores[`m${amount}`]?.monetary]).toEqual([amount, expected]);
  });

  it('adds up several orders: monetary is the sum, and 2499.99 + 0.01 reaches 2500', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ split: [{ daysAgo: 3, amount: 2499.99 }, { daysAgo: 40, amount: 0.01 }] });
    await computeRfm(db.prisma, workspace.context(), allContacts);
    expect((await scoresByName(db, workspace)).split).toMatchObject({ recency: 5, frequency: 2, monetary: 4, spend: '2500.00', orders: 2 });
  });

  it('leaves out orders older than the lookback, and deletes the row of a contact left with none', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({
      edge: [{ daysAgo: 10, amount: 100 }, { daysAgo: 365, amount: 5000 }, { daysAgo: 365.9, amount: 1 }, { daysAgo: 366, amount: 5000 }, { daysAgo: 900, amount: 5000 }],
      old: [{ daysAgo: 400, amount: 9000 }],
      shortLookback: [{ daysAgo: 10, amount: 100 }, { daysAgo: 100, amount: 100 }],
    });
    await db.prisma.rfmScore.create({
      data: { workspaceId: workspace.workspaceId, contactId: workspace.id('old'), recency: 1, frequency: 1, monetary: 5, segmentLabel: 'lost', orderCount: 1, totalSpend: 9000, computedAt: NOW },
    });
    const changes = await computeRfm(db.prisma, workspace.context(), allContacts);
    const scores = await scoresByName(db, workspace);
    expect(scores.edge).toMatchObject({ frequency: 2, monetary: 5, orders: 3, spend: '5101.00' });
    expect(scores.old).toBeUndefined();
    expect(changes.filter((change) => change.contactId === workspace.id('old'))).toEqual([]);

    await computeRfm(db.prisma, workspace.context({ rfm: { lookbackDays: 90 } }), contactsWithIds(workspace.ids('shortLookback')));
    expect((await scoresByName(db, workspace)).shortLookback).toMatchObject({ frequency: 1, orders: 1, spend: '100.00' });
  });

  it('counts only paid and fulfilled orders in the workspace currency, placed by now', async () => {
    const workspace = await createWorkspace(db, { currency: 'EUR' });
    await workspace.customers({
      mixed: [
        { daysAgo: 5, amount: 100, status: 'paid' },
        { daysAgo: 6, amount: 200, status: 'fulfilled' },
        { daysAgo: 7, amount: 6000, status: 'cancelled' },
        { daysAgo: 8, amount: 6000, status: 'refunded' },
        { daysAgo: 9, amount: 6000, status: 'pending' },
        { daysAgo: 1, amount: 6000, currency: 'USD' },
        { daysAgo: -2, amount: 6000 },
      ],
      onlyExcluded: [{ daysAgo: 5, amount: 100, status: 'cancelled' }, { daysAgo: 5, amount: 100, currency: 'USD' }, { daysAgo: -1, amount: 100 }],
    });
    await computeRfm(db.prisma, workspace.context(), allContacts);
    const scores = await scoresByName(db, workspace);
    expect(scores.mixed).toMatchObject({ recency: 5, frequency: 2, monetary: 1, orders: 2, spend: '300.00', days: 5 });
    expect(scores.onlyExcluded).toBeUndefined();
  });

  it('reports label and score changes against the previous row, and nothing when nothing moved', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ ann: [{ daysAgo: 2, amount: 100 }], bea: [{ daysAgo: 100, amount: 100 }] });
    const context = workspace.context();
    const [ann, bea] = workspace.ids('ann', 'bea');
    const first = await computeRfm(db.prisma, context, allContacts);
    expect(first).toEqual(
      expect.arrayContaining([
        { topic: 'rfm.segment_changed', contactId: ann, from: null, to: 'new_customers' },
        { topic: 'score.changed', contactId: ann, model: 'rfm', field: 'score', from: null, to: 511 },
        { topic: 'rfm.segment_changed', contactId: bea, from: null, to: 'about_to_sleep' },
        { topic: 'score.changed', contactId: bea, model: 'rfm', field: 'score', from: null, to: 211 },
      ]),
    );
    expect(first).toHaveLength(4);
    expect(await computeRfm(db.prisma, context, allContacts)).toEqual([]);

    await workspace.orders('ann', [{ daysAgo: 1, amount: 100 }]);
    expect(await computeRfm(db.prisma, context, contactsWithIds([ann ?? '']))).toEqual([
      { topic: 'rfm.segment_changed', contactId: ann, from: 'new_customers', to: 'promising' },
      { topic: 'score.changed', contactId: ann, model: 'rfm', field: 'score', from: 511, to: 521 },
    ]);
    // A score move inside the same segment (R = 2 is about_to_sleep whatever F and M) reports the score only.
    await workspace.orders('bea', [{ daysAgo: 99, amount: 500 }]);
    expect(await computeRfm(db.prisma, context, allContacts)).toEqual([{ topic: 'score.changed', contactId: bea, model: 'rfm', field: 'score', from: 211, to: 222 }]);
  });

  it('scores only the contacts in an id scope', async () => {
    const workspace = await createWorkspace(db);
    await workspace.customers({ inside: [{ daysAgo: 2 }], outside: [{ daysAgo: 2 }] });
    await computeRfm(db.prisma, workspace.context(), contactsWithIds(workspace.ids('inside')));
    expect(Object.keys(await scoresByName(db, workspace))).toEqual(['inside']);
  });
});

describe('RFM segments', () => {
  it('labels a handful of (R, F, M) by the table, vip first', () => {
    const cases: [number, number, number, string][] = [
      [5, 5, 5, 'vip'],
      [3, 4, 5, 'vip'],
      [2, 5, 5, 'cant_lose_them'],
      [5, 5, 4, 'champions'],
      [4, 3, 5, 'champions'],
      [5, 1, 5, 'new_customers'],
      [4, 1, 1, 'new_customers'],
      [3, 3, 3, 'loyal_customers'],
      [5, 3, 3, 'loyal_customers'],
      [4, 2, 2, 'potential_loyalists'],
      [3, 2, 2, 'need_attention'],
      [4, 2, 1, 'promising'],
      [3, 1, 1, 'promising'],
      [1, 4, 4, 'cant_lose_them'],
      [1, 3, 3, 'at_risk'],
      [2, 2, 4, 'at_risk'],
      [2, 1, 1, 'about_to_sleep'],
      [2, 2, 3, 'about_to_sleep'],
      [1, 2, 2, 'hibernating'],
      [1, 1, 2, 'lost'],
      [1, 1, 1, 'lost'],
    ];
    for (const [r, f, m, label] of cases) expect([r, f, m, rfmSegmentOf(r, f, m)]).toEqual([r, f, m, label]);
  });

  it('covers every one of the 125 cells, and every segment is reachable', () => {
    const labels = new Set<string>();
    for (let r = 1; r <= 5; r += 1) for (let f = 1; f <= 5; f += 1) for (let m = 1; m <= 5; m += 1) labels.add(rfmSegmentOf(r, f, m));
    expect([...labels].sort()).toEqual(RFM_SEGMENTS.map((segment) => segment.label).sort());
  });

  it('documents each rule from its predicate', () => {
    expect(RFM_SEGMENTS.map(({ label, rule }) => `${label}: ${rule}`)).toEqual([
      'vip: R ≥ 3 and F ≥ 4 and M = 5',
      'champions: R ≥ 4 and FM ≥ 4',
      'new_customers: R ≥ 4 and F = 1',
      'loyal_customers: R ≥ 3 and FM ≥ 3',
      'potential_loyalists: R ≥ 4 and FM ≥ 2',
      'need_attention: R = 3 and FM ≥ 2',
      'promising: R ≥ 3',
      'cant_lose_them: R ≤ 2 and FM ≥ 4',
      'at_risk: R ≤ 2 and FM ≥ 3',
      'about_to_sleep: R = 2',
      'hibernating: R = 1 and FM ≥ 2',
      'lost: R = 1',
    ]);
  });
});

describe.each(databaseKinds)('RFM segment SQL on %s', (kind) => {
  it('labels all 125 cells exactly as rfmSegmentOf does', async () => {
    const { db, dispose } = await openMigratedDatabase(kind);
    try {
      const rows = await db.prisma.$queryRaw<{ r: number; f: number; m: number; label: string }[]>(Prisma.sql`
        SELECT r, f, m, ${rfmSegmentSql(Prisma.raw('r'), Prisma.raw('f'), Prisma.raw('m'))} AS label
        FROM generate_series(1, 5) r, generate_series(1, 5) f, generate_series(1, 5) m`);
      expect(rows).toHaveLength(125);
      for (const row of rows) expect([row.r, row.f, row.m, row.label]).toEqual([row.r, row.f, row.m, rfmSegmentOf(row.r, row.f, row.m)]);
    } finally {
      await dispose();
    }
  });
});
