import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Database } from '../../../engine/db';
import { cancelRunningJourneys, eraseContact } from '../../../engine/privacy';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { bundleWorkflows, startLocalTemporal } from '../../support/temporal';
import { createWorkspace, journeyWorker, publish, recordingActions, runInput, startRun, untilWaitingAt, type SentMessage } from '../../workflows/journey/harness';
import { eventually } from '../dispatcher/world';
import { weekThenEmail } from '../journey/fixtures';

describe.each(databaseKinds)('erasure cancels running journeys (real Temporal dev server, %s)', (kind) => {
  const sent: SentMessage[] = [];
  const actions = recordingActions(sent);
  const taskQueue = `privacy-${kind}`;
  let env: TestWorkflowEnvironment;
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    const [started, bundle, opened] = await Promise.all([startLocalTemporal(), bundleWorkflows(), openMigratedDatabase(kind)]);
    [env, database, db] = [started, opened, opened.db];
    worker = await journeyWorker(env, bundle, db, actions, taskQueue);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.dispose();
  });

  /** A contact whose run of the journey is waiting on the week-long timer. */
  const waitingRun = async (name: string) => {
    const fixture = await createWorkspace(db, { [name]: null }, `privacy-${kind}-${name}-${randomUUID().slice(0, 8)}`);
    const published = await publish(db, fixture, weekThenEmail(), actions);
    const handle = await startRun(env, taskQueue, runInput(fixture, published, name));
    await untilWaitingAt(handle, 'pause');
    const contactId = fixture.contactIds[name] ?? '';
    const [enrollment] = await db.prisma.journeyEnrollment.findMany({ where: { contactId } });
    expect(enrollment).toMatchObject({ status: 'running', currentNodeId: 'pause' });
    return { workspaceId: fixture.workspaceId, contactId, handle };
  };
  const closedAs = async (handle: Awaited<ReturnType<typeof waitingRun>>['handle']) =>
    (await eventually(() => handle.describe(), (description) => description.status.name !== 'RUNNING', 'the run to close')).status.name;

  it('cancels the workflow of each running enrollment and marks the enrollment cancelled', async () => {
    const { workspaceId, contactId, handle } = await waitingRun('ada');
    expect(await cancelRunningJourneys(db.prisma, env.client, workspaceId, contactId, new Date())).toBe(1);
    expect(await closedAs(handle)).toBe('CANCELLED');
    expect(await db.prisma.journeyEnrollment.findMany({ where: { contactId } })).toEqual([expect.objectContaining({ status: 'cancelled', exitReason: 'cancelled', currentNodeId: null, endedAt: expect.any(Date) })]);
    // Nothing is left running: a second pass has nothing to do.
    expect(await cancelRunningJourneys(db.prisma, env.client, workspaceId, contactId, new Date())).toBe(0);
  });

  it('tolerates an enrollment whose workflow Temporal no longer knows', async () => {
    const { workspaceId, contactId, handle } = await waitingRun('bob');
    const [enrollment] = await db.prisma.journeyEnrollment.findMany({ where: { contactId } });
    await db.prisma.journeyEnrollment.create({
      data: { workspaceId, contactId, journeyId: enrollment?.journeyId ?? '', journeyVersionId: enrollment?.journeyVersionId ?? '', workflowId: `gone-${randomUUID()}`, runId: randomUUID() },
    });
    expect(await cancelRunningJourneys(db.prisma, env.client, workspaceId, contactId, new Date())).toBe(2);
    expect(await closedAs(handle)).toBe('CANCELLED');
    expect((await db.prisma.journeyEnrollment.findMany({ where: { contactId } })).map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('erasing a contact with a run waiting on a timer cancels the run before deleting, and nothing is ever sent', async () => {
    const { workspaceId, contactId, handle } = await waitingRun('cleo');
    const report = await eraseContact(db.prisma, env.client, workspaceId, contactId, new Date());
    expect(report).toMatchObject({ journeysCancelled: 1, deleted: { contact: 1, journey_enrollment: 1 } });
    expect(await closedAs(handle)).toBe('CANCELLED');
    expect(await db.prisma.journeyEnrollment.count({ where: { contactId } })).toBe(0);
    expect(await db.prisma.contact.count({ where: { id: contactId } })).toBe(0);
    expect(sent.filter((message) => message.contactId === contactId)).toEqual([]);
  });
});
