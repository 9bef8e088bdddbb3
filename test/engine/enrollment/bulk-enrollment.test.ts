import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../engine/app';
import type { Database } from '../../../engine/db';
import { createApiKey } from '../../../engine/journeys';
import { bulkEnrollProgressQuery } from '../../../workflows/enrollment/bulk-enroll';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { testAccounts, testMail } from '../../support/messaging';
import { bundleWorkflows, startLocalTemporal } from '../../support/temporal';
import { fixtureActions } from '../journeys/test-app';
import { enrollmentWorker, eventually, publishDraft, segmentOf, triggerThenExit, workspace } from './world';

const CONTACTS = 10_000;

interface Progress {
  runId: string;
  status: string;
  totalContacts: number;
  enrolled: number;
  skipped: number;
  failed: number;
  percent: number;
}

// The runs are started on a queue no worker polls: executing 10,000 journey workflows would
// take the shared test machine minutes and measure the interpreter, not the enrolling. What
// matters here is that each contact gets exactly one workflow; the end-to-end test in
// bulk-enroll-workflow.test.ts runs the entered journeys and counts their enrollments.
describe.each(databaseKinds)('bulk enrollment of %s contacts in a segment (real Temporal dev server, %s)'.replace('%s', CONTACTS.toLocaleString('en')), (kind) => {
  const actions = fixtureActions();
  const taskQueue = `bulk-${kind}`;
  const journeyQueue = `bulk-${kind}-journeys`;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  let app: FastifyInstance;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    const [started, bundled, opened] = await Promise.all([startLocalTemporal(), bundleWorkflows(), openMigratedDatabase(kind)]);
    [env, bundle, database, db] = [started, bundled, opened, opened.db];
    worker = await enrollmentWorker(env, bundle, db, actions, taskQueue, journeyQueue);
    running = worker.run();
    app = await buildApp({
      services: { db, actions, unsubscribeSecret: testMail().unsubscribeSecret, mail: testMail(), accounts: testAccounts(), temporal: { client: env.client, connection: env.connection, address: 'test', namespace: env.namespace ?? 'default', taskQueue } },
      serveUi: false,
    });
  });
  afterAll(async () => {
    await app?.close();
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await env?.teardown();
    await database?.dispose();
  });

  it('enters every member once, reporting progress, when started twice and across a worker restart', async () => {
    const began = Date.now();
    const workspaceId = await workspace(db);
    const { key } = await createApiKey(db.prisma, workspaceId, 'test');
    const headers = { authorization: `Bearer ${key}` };
    const journeyId = await publishDraft(db, actions, workspaceId, triggerThenExit('Welcome everyone'));
    const segmentId = await segmentOf(db, workspaceId, CONTACTS);

    // Started twice at once: one run, and both answers name it.
    const enroll = () => app.inject({ method: 'POST', url: `/v1/journeys/${journeyId}/enroll-segment`, headers, payload: { segmentId, ratePerSecond: 2_000 } });
    const answers = await Promise.all([enroll(), enroll()]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 202]);
    const [first, second] = answers.map((answer) => answer.json<{ runId: string; workflowId: string; alreadyRunning: boolean }>());
    expect(second?.runId).toBe(first?.runId);
    expect([first?.alreadyRunning, second?.alreadyRunning].sort()).toEqual([false, true]);
    const runId = first?.runId ?? '';
    const progress = async () => (await app.inject({ method: 'GET', url: `/v1/journeys/${journeyId}/enroll-segment/${runId}`, headers })).json<Progress>();

    // Progress while it runs: counted, not finished; the workflow's query agrees.
    const midway = await eventually(progress, (now) => now.enrolled >= 2_000, 'a fifth of the segment');
    expect(midway).toMatchObject({ status: 'running', totalContacts: CONTACTS, failed: 0 });
    expect(midway.percent).toBeGreaterThan(0);
    expect(midway.percent).toBeLessThan(100);
    const queried = await env.client.workflow.getHandle(first?.workflowId ?? '').query(bulkEnrollProgressQuery);
    expect(queried).toMatchObject({ runId, status: 'running', totalContacts: CONTACTS });

    // The worker goes away mid-run and a new one takes over: the run resumes from its last page.
    worker.shutdown();
    await running;
    const afterCrash = await progress();
    expect(afterCrash.status).toBe('running');
    worker = await enrollmentWorker(env, bundle, db, actions, taskQueue, journeyQueue);
    running = worker.run();

    const done = await eventually(progress, (now) => now.status !== 'running', 'the run to finish', 240_000);
    expect(done).toMatchObject({ status: 'completed', totalContacts: CONTACTS, enrolled: CONTACTS, skipped: 0, failed: 0, percent: 100 });

    // Exactly one journey workflow per contact.
    const executions = await eventually(() => env.client.workflow.count(`JourneyId = "${journeyId}"`), (count) => count.count >= CONTACTS, 'the runs to be visible');
    expect(executions.count).toBe(CONTACTS);
    expect((await env.client.workflow.count(`JourneyId = "${journeyId}" AND ExecutionStatus = "Running"`)).count).toBe(CONTACTS);

    // Asked again while every contact is still in the journey: a new run, which skips them all.
    const again = await enroll();
    expect(again.statusCode).toBe(202);
    const rerun = again.json<{ runId: string; alreadyRunning: boolean }>();
    expect(rerun).toMatchObject({ alreadyRunning: false });
    expect(rerun.runId).not.toBe(runId);
    // eslint-disable-next-line no-console
    console.log(`bulk enrollment of ${CONTACTS} contacts on ${kind}: ${((Date.now() - began) / 1000).toFixed(1)} s`);
  }, 330_000);
});
