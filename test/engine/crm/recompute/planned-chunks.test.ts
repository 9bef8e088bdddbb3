import type { Database } from '../../../../engine/db';
import { chunksAtOnceOn, planChunks } from '../../../../engine/crm/recompute/chunk-plan';
import { finishRecompute, prepareRecompute, recomputeChunk } from '../../../../engine/crm/recompute/run';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { createWorkspace, NOW, type FixtureWorkspace } from '../fixtures';

// A run's chunks planned at prepare: ranges that cover every contact once, scored in any order
// and side by side (two at once on Postgres), each counted once however often it is redone.

describe.each(databaseKinds)('planned recompute chunks on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  async function shop(customers: number): Promise<FixtureWorkspace> {
    const workspace = await createWorkspace(db);
    await workspace.customers(Object.fromEntries(Array.from({ length: customers }, (_, index) => [`c${index}`, Array.from({ length: 1 + (index % 3) }, (__, order) => ({ daysAgo: 5 + order * 30 + index }))])));
    await workspace.contact('browser');
    return workspace;
  }

  const scores = async (workspaceId: string) => {
    const rows = await db.prisma.$queryRaw<{ contact_id: string; rfm: string | null; clv: string | null; churn: number | null; stage: string }[]>`
      SELECT c.id::text AS contact_id, r.segment_label AS rfm, v.predicted_value::text AS clv, k.probability AS churn, c.lifecycle_stage::text || '/' || c.journey_stage::text AS stage
      FROM contact c LEFT JOIN rfm_score r ON r.contact_id = c.id LEFT JOIN clv_score v ON v.contact_id = c.id LEFT JOIN churn_risk_score k ON k.contact_id = c.id
      WHERE c.workspace_id = ${workspaceId}::uuid ORDER BY c.id`;
    return rows;
  };

  it('plans ranges that hold every contact exactly once, the last one open-ended', async () => {
    const workspace = await shop(10);
    const chunks = await planChunks(db.prisma, workspace.workspaceId, 4);
    expect(chunks).toHaveLength(3);
    expect(chunks[0]?.after).toBeNull();
    expect(chunks[2]?.through).toBeNull();
    const ids = (await db.prisma.contact.findMany({ where: { workspaceId: workspace.workspaceId }, select: { id: true } })).map((contact) => contact.id).sort();
    const inChunk = chunks.map((chunk) => ids.filter((id) => (chunk.after === null || id > chunk.after) && (chunk.through === null || id <= chunk.through)).length);
    expect(inChunk).toEqual([4, 4, 3]);
    await expect(planChunks(db.prisma, workspace.workspaceId, 0)).rejects.toThrow(RangeError);
  });

  it('scores planned chunks side by side in any order to the same result as one after another, counting each once', async () => {
    const oneByOne = await shop(9);
    const sequential = await prepareRecompute(db.prisma, { workspaceId: oneByOne.workspaceId, trigger: 'manual', now: NOW });
    for (let after: string | null = null, done = false; !done; ) {
      const chunk = await recomputeChunk(db.prisma, { workspaceId: oneByOne.workspaceId, runId: sequential.runId, after, limit: 3, now: NOW });
      after = chunk.cursor;
      done = chunk.count < 3;
    }
    await finishRecompute(db.prisma, { workspaceId: oneByOne.workspaceId, runId: sequential.runId, now: NOW });

    const sideBySide = await shop(9);
    const inLane = (lane: 'live' | 'bulk') => db.prisma.outboxEntry.count({ where: { workspaceId: sideBySide.workspaceId, lane } });
    const liveBefore = await inLane('live');
    const planned = await prepareRecompute(db.prisma, { workspaceId: sideBySide.workspaceId, trigger: 'manual', now: NOW, chunkSize: 3 });
    const chunks = planned.chunks ?? [];
    expect(chunks).toHaveLength(4);
    const score = (index: number) => {
      const range = chunks[index];
      if (!range) throw new Error(`no chunk ${index}`);
      return recomputeChunk(db.prisma, { workspaceId: sideBySide.workspaceId, runId: planned.runId, after: range.after, through: range.through, limit: 3, now: NOW });
    };
    // Backwards, two at a time where the database takes it, and the second one redone after a "lost reply".
    const lanes = chunksAtOnceOn(db.kind);
    for (let index = chunks.length - 1; index >= 0; index -= lanes) {
      await Promise.all(Array.from({ length: Math.min(lanes, index + 1) }, (_, lane) => score(index - lane)));
    }
    const redone = await score(2);
    expect(redone.changes).toBe(0);
    await finishRecompute(db.prisma, { workspaceId: sideBySide.workspaceId, runId: planned.runId, now: NOW });

    const run = await db.prisma.scoreRecomputeRun.findUniqueOrThrow({ where: { id: planned.runId } });
    expect(run).toMatchObject({ status: 'completed', totalContacts: 10, processedContacts: 10 });
    expect(run.completedChunks).toHaveLength(4);
    const byName = async (workspace: FixtureWorkspace) => (await scores(workspace.workspaceId)).map(({ contact_id, ...values }) => [workspace.nameOf(contact_id), values]).sort();
    const expected = await byName(oneByOne);
    expect(await byName(sideBySide)).toEqual(expected);
    expect(expected.filter(([, values]) => typeof values === 'object' && values !== null && 'clv' in values && values.clv !== null)).toHaveLength(9);
    const outbox = async (workspace: FixtureWorkspace) => db.prisma.outboxEntry.count({ where: { workspaceId: workspace.workspaceId } });
    expect(await outbox(sideBySide)).toBe(await outbox(oneByOne));
    // Everything a recompute announces goes to the dispatcher's bulk feed, never ahead of live changes.
    expect(await inLane('live')).toBe(liveBefore);
    expect(await inLane('bulk')).toBeGreaterThan(0);
  });
});
