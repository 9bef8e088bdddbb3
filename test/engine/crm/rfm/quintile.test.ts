import type { Database } from '../../../../engine/db';
import { computeRfm } from '../../../../engine/crm/rfm/compute';
import { computeRfmQuintileBoundaries, prepareRfmModel, quintileScoreOf, readRfmQuintileBoundaries, RFM_QUINTILE_TIE_RULE } from '../../../../engine/crm/rfm/quintile';
import { rfmSegmentOf } from '../../../../engine/crm/rfm/segments';
import { allContacts, contactsWithIds } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace, NOW, ordersEveryDay, type FixtureWorkspace } from '../fixtures';

const quintile = { rfm: { model: 'quintile' } };

async function rfmRows(db: Database, workspace: FixtureWorkspace): Promise<Record<string, [number, number, number, string]>> {
  const rows = await db.prisma.rfmScore.findMany({ where: { workspaceId: workspace.workspaceId } });
  for (const row of rows) expect(row.model).toBe('quintile');
  return Object.fromEntries(rows.map((row) => [workspace.nameOf(row.contactId), [row.recency, row.frequency, row.monetary, row.segmentLabel]]));
}

/** c1..c10: contact i has i orders of 100, the last (11 − i) × 10 days ago: ten distinct values of each variable. */
async function tenDistinctCustomers(db: Database): Promise<FixtureWorkspace> {
  const workspace = await createWorkspace(db);
  await workspace.customers(Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`c${index + 1}`, ordersEveryDay(index + 1, (10 - index) * 10, 100)])));
  return workspace;
}

describe.each(databaseKinds)('quintile RFM on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  it('splits ten distinct customers into exact fifths and stores the boundaries', async () => {
    const workspace = await tenDistinctCustomers(db);
    await computeRfm(db.prisma, workspace.context(quintile), allContacts);
    const expected = Object.fromEntries(
      Array.from({ length: 10 }, (_, index) => {
        const score = Math.ceil((index + 1) / 2);
        return [`c${index + 1}`, [score, score, score, rfmSegmentOf(score, score, score)]];
      }),
    );
    expect(await rfmRows(db, workspace)).toEqual(expected);
    expect(expected.c5?.[3]).toBe('loyal_customers');
    expect(expected.c10?.[3]).toBe('vip');
    expect(await readRfmQuintileBoundaries(db.prisma, workspace.context(quintile))).toEqual({
      recencyDays: [90, 70, 50, 30],
      frequency: [2, 4, 6, 8],
      monetary: [200, 400, 600, 800],
      lookbackDays: 365,
      sampleSize: 10,
      computedAt: NOW,
    });
  });

  it('gives tied values the same score across a boundary (hand-computed)', async () => {
    const workspace = await createWorkspace(db);
    // Order counts 1,1,1,2,2,2,3,4,5,6 (100 each) → boundaries [1,2,2,4] → F = M = 1,1,1,2,2,2,4,4,5,5.
    // Days since the last order 60,60,60,45,45,30,30,30,15,5 → worst-first boundaries [60,45,30,30] → R = 1,1,1,2,2,3,3,3,5,5.
    const counts = [1, 1, 1, 2, 2, 2, 3, 4, 5, 6];
    const lastDays = [60, 60, 60, 45, 45, 30, 30, 30, 15, 5];
    await workspace.customers(Object.fromEntries(counts.map((count, index) => [`t${index + 1}`, ordersEveryDay(count, lastDays[index] ?? 0, 100)])));
    await computeRfm(db.prisma, workspace.context(quintile), allContacts);
    const recency = [1, 1, 1, 2, 2, 3, 3, 3, 5, 5];
    const frequency = [1, 1, 1, 2, 2, 2, 4, 4, 5, 5];
    const rows = await rfmRows(db, workspace);
    expect(Object.keys(rows)).toHaveLength(10);
    recency.forEach((r, index) => {
      const f = frequency[index] ?? 0;
      expect([`t${index + 1}`, rows[`t${index + 1}`]]).toEqual([`t${index + 1}`, [r, f, f, rfmSegmentOf(r, f, f)]]);
    });
    expect(await readRfmQuintileBoundaries(db.prisma, workspace.context(quintile))).toMatchObject({
      recencyDays: [60, 45, 30, 30],
      frequency: [1, 2, 2, 4],
      monetary: [100, 200, 200, 400],
    });
  });

  it('scores single contacts with the stored boundaries exactly as the full computation does', async () => {
    const workspace = await tenDistinctCustomers(db);
    const context = workspace.context(quintile);
    await computeRfm(db.prisma, context, allContacts);
    const full = await rfmRows(db, workspace);
    const stored = await readRfmQuintileBoundaries(db.prisma, context);

    await db.prisma.rfmScore.deleteMany({ where: { workspaceId: workspace.workspaceId } });
    const later = workspace.context(quintile, new Date(NOW.getTime() + 1000));
    for (let index = 1; index <= 10; index += 1) await computeRfm(db.prisma, later, contactsWithIds(workspace.ids(`c${index}`)));
    expect(await rfmRows(db, workspace)).toEqual(full);
    expect(await readRfmQuintileBoundaries(db.prisma, context)).toEqual(stored);
  });

  it('re-scores a changed contact against the stored boundaries, without re-ranking anybody', async () => {
    const workspace = await tenDistinctCustomers(db);
    const context = workspace.context(quintile);
    await computeRfm(db.prisma, context, allContacts);
    const before = await readRfmQuintileBoundaries(db.prisma, context);

    await workspace.orders('c1', [{ daysAgo: 0, amount: 5000 }, { daysAgo: 0, amount: 5000 }]);
    const changes = await computeRfm(db.prisma, context, contactsWithIds(workspace.ids('c1')));
    // 3 orders, 10100 spent, 0 days: F = 2 (3 beats only the boundary 2), M = 5, R = 5; FM = 3.5 → loyal_customers.
    expect((await rfmRows(db, workspace)).c1).toEqual([5, 2, 5, 'loyal_customers']);
    expect(changes).toContainEqual({ topic: 'score.changed', contactId: workspace.id('c1'), model: 'rfm', field: 'score', from: 111, to: 525 });
    expect(await readRfmQuintileBoundaries(db.prisma, context)).toEqual(before);
    expect(quintileScoreOf(3, before?.frequency ?? [], 'higher')).toBe(2);
    expect(quintileScoreOf(0, before?.recencyDays ?? [], 'lower')).toBe(5);
  });

  it('computes the boundaries first when a single contact is scored and none are stored', async () => {
    const workspace = await tenDistinctCustomers(db);
    const context = workspace.context(quintile);
    expect(await readRfmQuintileBoundaries(db.prisma, context)).toBeNull();
    await computeRfm(db.prisma, context, contactsWithIds(workspace.ids('c4')));
    expect(await rfmRows(db, workspace)).toEqual({ c4: [2, 2, 2, 'about_to_sleep'] });
    expect(await readRfmQuintileBoundaries(db.prisma, context)).toMatchObject({ sampleSize: 10, frequency: [2, 4, 6, 8] });
  });

  it('recomputes stored boundaries taken with another lookback', async () => {
    const workspace = await tenDistinctCustomers(db);
    await computeRfmQuintileBoundaries(db.prisma, workspace.context({ rfm: { model: 'quintile', lookbackDays: 55 } }));
    // Within 55 days: c6 (last order 50 days ago, 1 order inside) … c10.
    expect(await readRfmQuintileBoundaries(db.prisma, workspace.context(quintile))).toMatchObject({ lookbackDays: 55, sampleSize: 5 });
    await computeRfm(db.prisma, workspace.context(quintile), contactsWithIds(workspace.ids('c10')));
    expect(await readRfmQuintileBoundaries(db.prisma, workspace.context(quintile))).toMatchObject({ lookbackDays: 365, sampleSize: 10 });
  });

  it('prepares a batch recompute by storing fresh boundaries, for the quintile model only', async () => {
    const workspace = await tenDistinctCustomers(db);
    expect(await prepareRfmModel(db.prisma, workspace.context())).toBeNull();
    expect(await readRfmQuintileBoundaries(db.prisma, workspace.context())).toBeNull();
    expect(await prepareRfmModel(db.prisma, workspace.context(quintile))).toMatchObject({ sampleSize: 10 });
    expect(await readRfmQuintileBoundaries(db.prisma, workspace.context())).toMatchObject({ sampleSize: 10 });
  });

  it('stores empty boundaries for a workspace without customers', async () => {
    const workspace = await createWorkspace(db);
    expect(await computeRfmQuintileBoundaries(db.prisma, workspace.context(quintile))).toMatchObject({
      recencyDays: [null, null, null, null],
      frequency: [null, null, null, null],
      monetary: [null, null, null, null],
      sampleSize: 0,
    });
  });
});

describe('quintile tie rule', () => {
  it('is documented as a constant and scores by strict comparison', () => {
    expect(RFM_QUINTILE_TIE_RULE).toContain('strictly');
    expect([1, 2, 3, 4, 5, 6].map((value) => quintileScoreOf(value, [1, 2, 2, 4], 'higher'))).toEqual([1, 2, 4, 4, 5, 5]);
    expect([60, 45, 30, 15].map((days) => quintileScoreOf(days, [60, 45, 30, 30], 'lower'))).toEqual([1, 2, 3, 5]);
  });
});
