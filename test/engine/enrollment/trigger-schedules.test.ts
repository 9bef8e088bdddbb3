import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import type { Database } from '../../../engine/db';
import { journeyTriggersChanged } from '../../../engine/dispatcher';
import { reconcileTriggerSchedules } from '../../../engine/enrollment/reconcile-schedules';
import { startScheduleSync, type ScheduleSync } from '../../../engine/enrollment/schedule-sync';
import { triggerScheduleId } from '../../../engine/enrollment/trigger-schedules';
import type { JourneyDraft } from '../../../engine/journey/schema';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { bundleWorkflows, startLocalTemporal } from '../../support/temporal';
import { fixtureActions } from '../journeys/test-app';
import { enrollmentWorker, eventually, publishDraft, triggerThenExit, workspace } from './world';

// Temporal Schedules are not implemented by the time-skipping test server, so schedules are
// created and fired (`trigger()`: now, not at the cron time) on the real dev server; the
// fan-out workflow's own timers are exercised with time skipping in bulk-enroll-workflow.test.ts.
describe.each(databaseKinds)('journey trigger schedules (real Temporal dev server, %s)', (kind) => {
  const actions = fixtureActions();
  const taskQueue = `schedules-${kind}`;
  let env: TestWorkflowEnvironment;
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  let worker: Worker;
  let running: Promise<void>;
  let sync: ScheduleSync | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    const [started, bundle, opened] = await Promise.all([startLocalTemporal(), bundleWorkflows(), openMigratedDatabase(kind)]);
    [env, database, db] = [started, opened, opened.db];
    worker = await enrollmentWorker(env, bundle, db, actions, taskQueue);
    running = worker.run();
  });
  afterAll(async () => {
    await sync?.stop();
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.dispose();
  });

  const recurring = (cron: string): JourneyDraft => ({ ...triggerThenExit('Weekly digest', { type: 'schedule', cron, timezone: 'Europe/London' }), settings: { reentry: { mode: 'always' }, exitCriteria: [] } });

  it('creates one schedule per scheduled journey; each firing enters every contactable contact under its own key', async () => {
    const workspaceId = await workspace(db);
    for (const name of ['ada', 'bob', 'cleo']) await db.prisma.contact.create({ data: { workspaceId, email: `${name}@example.com` } });
    await db.prisma.contact.create({ data: { workspaceId, email: 'dnc@example.com', doNotContact: true } });
    const journeyId = await publishDraft(db, actions, workspaceId, recurring('0 9 * * MON'));
    const scheduleId = triggerScheduleId(workspaceId, journeyId);

    expect(await reconcileTriggerSchedules(env.client, db.prisma, taskQueue, workspaceId, (problem) => problems.push(problem))).toEqual({ created: [scheduleId], updated: [], deleted: [] });
    const schedule = await env.client.schedule.getHandle(scheduleId).describe();
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'bulkEnroll' });
    expect(schedule.info.nextActionTimes[0]?.getUTCDay()).toBe(1);
    // Nothing changed: nothing to do.
    expect(await reconcileTriggerSchedules(env.client, db.prisma, taskQueue, workspaceId, (problem) => problems.push(problem))).toEqual({ created: [], updated: [], deleted: [] });

    const enrollments = () => db.prisma.journeyEnrollment.findMany({ where: { journeyId }, select: { contactId: true, entryKey: true, status: true } });
    await env.client.schedule.getHandle(scheduleId).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    const firstFiring = await eventually(enrollments, (rows) => rows.length === 3 && rows.every((row) => row.status === 'completed'), 'the first firing to enter three contacts');
    expect(new Set(firstFiring.map((row) => row.entryKey)).size).toBe(1);
    expect(firstFiring[0]?.entryKey).toMatch(/^schedule:\d{4}-/);
    // A recurring trigger enters again on its next firing (the journey allows re-entry).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await env.client.schedule.getHandle(scheduleId).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    const both = await eventually(enrollments, (rows) => rows.length === 6, 'the second firing');
    expect(new Set(both.map((row) => row.entryKey)).size).toBe(2);
    const runs = await db.prisma.bulkEnrollmentRun.findMany({ where: { journeyId }, orderBy: { startedAt: 'asc' } });
    expect(runs.map((run) => [run.trigger, run.totalContacts])).toEqual([['schedule', 3], ['schedule', 3]]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('follows publishes, pauses and date triggers through journeyTriggersChanged', async () => {
    const workspaceId = await workspace(db);
    sync = await startScheduleSync(env.client, db.prisma, taskQueue, { onProblem: (problem) => problems.push(problem), onError: (error) => problems.push(String(error)) });
    const journeyId = await publishDraft(db, actions, workspaceId, recurring('0 9 * * MON'));
    await sync.settled();
    const scheduleId = triggerScheduleId(workspaceId, journeyId);
    expect((await env.client.schedule.getHandle(scheduleId).describe()).state.note).toContain('0 9 * * MON');

    // Republished with another cron: the schedule is updated in place.
    await publishDraft(db, actions, workspaceId, recurring('30 8 * * *'));
    await sync.settled();
    expect((await env.client.schedule.getHandle(scheduleId).describe()).state.note).toContain('30 8 * * *');

    // A date trigger gets its hourly fan-out.
    const birthdays = await publishDraft(db, actions, workspaceId, triggerThenExit('Birthday', { type: 'date_attribute', attribute: 'contact.attributes.birthday', offsetDays: 0, recurrence: 'yearly', at: '09:00' }));
    await sync.settled();
    const dated = await env.client.schedule.getHandle(triggerScheduleId(workspaceId, birthdays)).describe();
    expect(dated.action).toMatchObject({ workflowType: 'bulkEnroll', args: [expect.objectContaining({ audience: expect.objectContaining({ kind: 'date_due', attribute: 'contact.attributes.birthday' }) })] });

    // Paused: its schedule goes.
    await db.prisma.journey.update({ where: { id: journeyId }, data: { status: 'paused' } });
    journeyTriggersChanged(workspaceId);
    await sync.settled();
    await expect(env.client.schedule.getHandle(scheduleId).describe()).rejects.toThrow();
    expect(problems).toEqual([]);
  }, 120_000);
});
