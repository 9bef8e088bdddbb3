import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Database } from '../../../engine/db';
import { bulkEnroll } from '../../../workflows/enrollment/bulk-enroll';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { bundleWorkflows, startTimeSkippingTemporal } from '../../support/temporal';
import { fixtureActions } from '../../engine/journeys/test-app';
import { enrollmentWorker, eventually, publishDraft, triggerThenExit, workspace } from '../../engine/enrollment/world';

// The fan-out a schedule firing starts, on the time-skipping server: its pacing timers and
// continue-as-new, with every entered journey run executed.
describe.each(databaseKinds)('bulkEnroll workflow (time-skipping test server, %s)', (kind) => {
  const actions = fixtureActions();
  const taskQueue = `bulk-enroll-${kind}`;
  let env: TestWorkflowEnvironment;
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    const [started, bundle, opened] = await Promise.all([startTimeSkippingTemporal(), bundleWorkflows(), openMigratedDatabase(kind)]);
    [env, database, db] = [started, opened, opened.db];
    worker = await enrollmentWorker(env, bundle, db, actions, taskQueue);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.dispose();
  });

  it('pages through the workspace at the given rate, continuing as new, and enters each contactable contact once under the firing’s key', async () => {
    const workspaceId = await workspace(db);
    await db.prisma.$executeRaw`
      INSERT INTO contact (id, workspace_id, email, do_not_contact, updated_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, 'c' || n || '@example.com', n > 30, now() FROM generate_series(1, 32) AS n`;
    const journeyId = await publishDraft(db, actions, workspaceId, triggerThenExit('Monthly'));

    const handle = await env.client.workflow.start(bulkEnroll, {
      taskQueue,
      workflowId: `fan-out-${kind}`,
      args: [{ workspaceId, journeyId, audience: { kind: 'workspace' }, trigger: 'schedule', keyPerFiring: true, ratePerSecond: 2, pageSize: 4, pagesPerRun: 2 }],
    });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'completed', totalContacts: 30, enrolled: 30, skipped: 0, failed: 0 });

    // Continued as new (eight pages, two per run), and paced: 30 contacts at 2/s take 14 s of workflow time or more.
    const last = await handle.describe();
    expect(last.runId).not.toBe(handle.firstExecutionRunId);
    const first = await env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    expect((last.closeTime?.getTime() ?? 0) - first.startTime.getTime()).toBeGreaterThanOrEqual(14_000);

    // The fan-out is done once every run is started; the runs enter on their own time.
    const enrollments = await eventually(() => db.prisma.journeyEnrollment.findMany({ where: { journeyId }, select: { contactId: true, entryKey: true } }), (rows) => rows.length >= 30, 'every run to enter');
    expect(enrollments).toHaveLength(30);
    expect(new Set(enrollments.map((row) => row.contactId)).size).toBe(30);
    expect(new Set(enrollments.map((row) => row.entryKey)).size).toBe(1);
    expect(enrollments[0]?.entryKey).toMatch(/^schedule:/);
    expect(await db.prisma.bulkEnrollmentRun.findFirst({ where: { journeyId } })).toMatchObject({ status: 'completed', enrolled: 30, totalContacts: 30, finishedAt: expect.any(Date) });
  }, 120_000);

  it('stops, marked cancelled, when the journey stops taking entrants', async () => {
    const workspaceId = await workspace(db);
    await db.prisma.contact.create({ data: { workspaceId, email: 'ada@example.com' } });
    const journeyId = await publishDraft(db, actions, workspaceId, triggerThenExit('Paused'));
    await db.prisma.journey.update({ where: { id: journeyId }, data: { status: 'paused' } });
    const result = await env.client.workflow.execute(bulkEnroll, { taskQueue, workflowId: `paused-${kind}`, args: [{ workspaceId, journeyId, audience: { kind: 'workspace' }, trigger: 'api' }] });
    expect(result).toMatchObject({ status: 'cancelled', enrolled: 0 });
    expect(await db.prisma.bulkEnrollmentRun.findFirst({ where: { journeyId } })).toMatchObject({ status: 'cancelled', error: expect.stringContaining('not active') });
  }, 60_000);
});
