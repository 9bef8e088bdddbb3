import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActionRegistry } from '../../../activities/actions';
import { createActivities } from '../../../activities';
import { bootCrm } from '../../../engine/crm/recompute/boot';
import { ensureCrmSchedules, recomputeScheduleId, sweepScheduleId } from '../../../engine/crm/recompute/schedules';
import { saveSegment } from '../../../engine/crm/segments/store';
import type { Database } from '../../../engine/db';
import type { recomputeScores } from '../../../workflows';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { testActivityDeps } from '../../support/messaging';
import { bundleWorkflows, startLocalTemporal } from '../../support/temporal';

const TASK_QUEUE = 'crm-recompute-test';
const NOW = new Date();
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);

describe('batch recompute workflow (real Temporal dev server)', () => {
  let env: TestWorkflowEnvironment;
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let bundle: WorkflowBundleWithSourceMap;
  let failEvery = 0;
  let chunkCalls = 0;

  beforeAll(async () => {
    [env, database, bundle] = await Promise.all([startLocalTemporal(), openMigratedDatabase('pglite'), bundleWorkflows()]);
  });
  afterAll(async () => {
    await env?.teardown();
    await database?.dispose();
  });

  async function withWorker<T>(db: Database, work: () => Promise<T>): Promise<T> {
    const activities = createActivities(testActivityDeps(db, createActionRegistry()));
    // Every few chunks the answer is lost after the chunk committed (a worker crash between
    // commit and reply): the retry redoes the chunk, which must change and count nothing twice.
    const recomputeChunk: typeof activities.recomputeChunk = async (input) => {
      chunkCalls += 1;
      const result = await activities.recomputeChunk(input);
      if (failEvery > 0 && chunkCalls % failEvery === 0) throw new Error('injected: connection reset after commit');
      return result;
    };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUE, workflowBundle: bundle, activities: { ...activities, recomputeChunk } });
    return worker.runUntil(work);
  }

  async function workspaceWithCustomers(slug: string, customers: number, db: Database = database.db): Promise<string> {
    const { prisma } = db;
    const workspace = await prisma.workspace.create({ data: { name: slug, slug, currency: 'EUR' } });
    for (let index = 0; index < customers; index += 1) {
      const contact = await prisma.contact.create({ data: { workspaceId: workspace.id, email: `${slug}-${index}@example.com` } });
      if (index % 4 === 3) continue; // some contacts never bought
      await prisma.order.createMany({
        data: Array.from({ length: 1 + (index % 3) }, (_, order) => ({ workspaceId: workspace.id, contactId: contact.id, status: 'paid' as const, currency: 'EUR', amount: 20 + index, placedAt: daysAgo(5 + order * 40 + index * 5) })),
      });
    }
    return workspace.id;
  }

  // On Postgres the planned chunks are scored two at a time (chunksAtOnceOn); on PGlite one at a time.
  it.each(databaseKinds)('scores every contact in chunks, survives failing chunks, reports progress and sweeps time-based segments (%s)', async (kind) => {
    const target = kind === 'pglite' ? database : await openMigratedDatabase(kind);
    const { prisma } = target.db;
    const workspaceId = await workspaceWithCustomers(`chunks-${kind}`, 11, target.db);
    const lapsed = await saveSegment(prisma, { workspaceId, now: daysAgo(365), currency: 'EUR' }, { name: 'No order in 30 days', kind: 'dynamic', criteria: { all: [{ type: 'order', measure: 'order_count', operator: 'gte', value: 1 }, { type: 'order', measure: 'days_since_last_order', operator: 'gt', value: 30 }] } });
    expect(await prisma.segmentMembership.count({ where: { segmentId: lapsed.id } })).toBe(0);
    failEvery = 3;
    const result = await withWorker(target.db, () =>
      env.client.workflow.execute<typeof recomputeScores>('recomputeScores', { taskQueue: TASK_QUEUE, workflowId: `recompute-${workspaceId}`, args: [{ workspaceId, trigger: 'manual', chunkSize: 4 }] }),
    );
    failEvery = 0;
    expect(result.processed).toBe(11);
    const run = await prisma.scoreRecomputeRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ status: 'completed', totalContacts: 11, processedContacts: 11, trigger: 'manual' });
    expect(run.finishedAt).not.toBeNull();
    // Planned at prepare: contacts 1–4, 5–8 and 9 onwards, each counted once though every third chunk call was redone.
    expect(run.completedChunks).toHaveLength(3);
    // 9 of the 11 contacts bought (every fourth never did): one CLV and RFM row and one "from nothing"
    // CLV change event each, however many chunks failed and were redone.
    expect(await prisma.clvScore.count({ where: { workspaceId } })).toBe(9);
    expect(await prisma.rfmScore.count({ where: { workspaceId } })).toBe(9);
    expect(await prisma.engagementScore.count({ where: { workspaceId } })).toBe(11);
    const events = await prisma.outboxEntry.findMany({ where: { workspaceId, topic: 'score.changed' } });
    expect(new Set(events.map((entry) => JSON.stringify(entry.payload))).size).toBe(events.length);
    expect(await prisma.outboxEntry.count({ where: { workspaceId, topic: 'score.changed', payload: { path: ['model'], equals: 'clv' } } })).toBe(9);
    // The sweep ran with the run's clock: customers whose last order is over 30 days old entered.
    const swept = await prisma.segmentMembership.count({ where: { segmentId: lapsed.id } });
    const expected = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT contact_id FROM "order" WHERE workspace_id = ${workspaceId}::uuid GROUP BY contact_id HAVING max(placed_at) < ${daysAgo(30)}) lapsed`;
    expect(swept).toBe(expected[0]?.n);
    expect(swept).toBeGreaterThan(0);
    if (target !== database) await target.dispose();
  });

  it('carries on one chunk after another for runs that continued as new with a cursor (started before planned chunks)', async () => {
    const { prisma } = database.db;
    const workspaceId = await workspaceWithCustomers('cursor', 6);
    const result = await withWorker(database.db, () =>
      env.client.workflow.execute<typeof recomputeScores>('recomputeScores', { taskQueue: TASK_QUEUE, workflowId: `recompute-cursor-${workspaceId}`, args: [{ workspaceId, trigger: 'manual', chunkSize: 4, cursor: null }] }),
    );
    expect(result.processed).toBe(6);
    const run = await prisma.scoreRecomputeRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ status: 'completed', processedContacts: 6, completedChunks: [] });
    expect(run.cursor).not.toBeNull();
  });

  it('creates each workspace’s nightly recompute and hourly sweep schedules once, and scores never-scored workspaces at boot', async () => {
    const { prisma } = database.db;
    const workspaceId = await workspaceWithCustomers('boot', 3);
    const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    const boot = await withWorker(database.db, async () => {
      const result = await bootCrm(client, prisma, TASK_QUEUE, NOW);
      for (const runId of result.started) await client.workflow.getHandle(`crm-recompute:${(await prisma.scoreRecomputeRun.findUniqueOrThrow({ where: { id: runId } })).workspaceId}:${runId}`).result();
      return result;
    });
    expect(boot.schedules).toEqual(expect.arrayContaining([recomputeScheduleId(workspaceId), sweepScheduleId(workspaceId)]));
    expect(await ensureCrmSchedules(client, prisma, TASK_QUEUE)).toEqual([]);
    const schedule = await client.schedule.getHandle(recomputeScheduleId(workspaceId)).describe();
    expect(schedule.spec.calendars?.length ?? 0).toBeGreaterThan(0);
    const runs = await prisma.scoreRecomputeRun.findMany({ where: { workspaceId } });
    expect(runs).toEqual([expect.objectContaining({ status: 'completed', trigger: 'manual', processedContacts: 3 })]);
  });
});
