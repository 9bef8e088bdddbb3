import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Database } from '../../../engine/db';
import { segmentEnrollmentWorkflowId } from '../../../engine/enrollment/ids';
import { startSegmentEnrollment } from '../../../engine/enrollment/start';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { bundleWorkflows, startLocalTemporal } from '../../support/temporal';
import { fixtureActions } from '../journeys/test-app';
import { enrollmentWorker, eventually, publishDraft, segmentOf, triggerThenExit, workspace } from './world';

const CONTACTS = 300;

// End to end with the entered runs executing on the same worker: each member ends up with
// exactly one enrollment, however often the bulk run is asked for and across a worker restart.
describe.each(databaseKinds)('bulk enrollment, runs and all (real Temporal dev server, %s)', (kind) => {
  const actions = fixtureActions();
  const taskQueue = `bulk-runs-${kind}`;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    const [started, bundled, opened] = await Promise.all([startLocalTemporal(), bundleWorkflows(), openMigratedDatabase(kind)]);
    [env, bundle, database, db] = [started, bundled, opened, opened.db];
    worker = await enrollmentWorker(env, bundle, db, actions, taskQueue);
    running = worker.run();
  });
  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await env?.teardown();
    await database?.dispose();
  });

  it(`gives each of ${CONTACTS} members exactly one enrollment`, async () => {
    const workspaceId = await workspace(db);
    const journeyId = await publishDraft(db, actions, workspaceId, triggerThenExit('Welcome'));
    const segmentId = await segmentOf(db, workspaceId, CONTACTS);
    const request = { workspaceId, journeyId, segmentId, ratePerSecond: 100 };
    const [first, second] = await Promise.all([startSegmentEnrollment(db.prisma, env.client, taskQueue, request), startSegmentEnrollment(db.prisma, env.client, taskQueue, request)]);
    if (!first?.ok || !second?.ok) throw new Error('the enrollment did not start');
    expect(second.runId).toBe(first.runId);

    const run = () => db.prisma.bulkEnrollmentRun.findUniqueOrThrow({ where: { id: first.runId } });
    await eventually(run, (row) => row.enrolled >= 100, 'a third of the segment');
    worker.shutdown();
    await running;
    worker = await enrollmentWorker(env, bundle, db, actions, taskQueue);
    running = worker.run();

    const done = await eventually(run, (row) => row.status !== 'running', 'the run to finish', 120_000);
    expect(done).toMatchObject({ status: 'completed', totalContacts: CONTACTS, failed: 0 });
    expect(done.enrolled + done.skipped).toBe(CONTACTS);
    await eventually(() => db.prisma.journeyEnrollment.count({ where: { journeyId, status: 'completed' } }), (count) => count === CONTACTS, 'every run to finish', 120_000);
    expect(await db.prisma.journeyEnrollment.count({ where: { journeyId } })).toBe(CONTACTS);
    const [distinct] = await db.prisma.$queryRaw<{ contacts: number }[]>`SELECT count(DISTINCT contact_id)::int AS contacts FROM journey_enrollment WHERE journey_id = ${journeyId}::uuid`;
    expect(distinct?.contacts).toBe(CONTACTS);

    // Asked again once everyone has been through: the journey lets nobody in twice (re-entry
    // "never"), so nobody is started again.
    const again = await startSegmentEnrollment(db.prisma, env.client, taskQueue, request);
    if (!again.ok) throw new Error('the second enrollment did not start');
    const rerun = await eventually(() => db.prisma.bulkEnrollmentRun.findUniqueOrThrow({ where: { id: again.runId } }), (row) => row.status === 'completed', 'the second run');
    expect(rerun).toMatchObject({ enrolled: 0, skipped: CONTACTS, failed: 0 });
    expect(await db.prisma.journeyEnrollment.count({ where: { journeyId } })).toBe(CONTACTS);
  }, 300_000);

  it('closes, as failed, a run whose workflow never started, when the next one starts', async () => {
    const workspaceId = await workspace(db);
    const journeyId = await publishDraft(db, actions, workspaceId, triggerThenExit('Orphans'));
    const segmentId = await segmentOf(db, workspaceId, 5);
    // What a start leaves behind when the process stops between its progress row and Temporal.
    const orphan = await db.prisma.bulkEnrollmentRun.create({
      data: { workspaceId, journeyId, segmentId, trigger: 'api', audience: { kind: 'segment', segmentId }, workflowId: segmentEnrollmentWorkflowId(journeyId, segmentId), ratePerSecond: 100 },
    });
    const started = await startSegmentEnrollment(db.prisma, env.client, taskQueue, { workspaceId, journeyId, segmentId, ratePerSecond: 100 });
    expect(started).toMatchObject({ ok: true, alreadyRunning: false });
    expect(await db.prisma.bulkEnrollmentRun.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ status: 'failed', finishedAt: expect.any(Date) });
    if (!started.ok) throw new Error('the enrollment did not start');
    const done = await eventually(() => db.prisma.bulkEnrollmentRun.findUniqueOrThrow({ where: { id: started.runId } }), (row) => row.status !== 'running', 'the run to finish');
    expect(done).toMatchObject({ status: 'completed', enrolled: 5 });
  }, 120_000);
});
