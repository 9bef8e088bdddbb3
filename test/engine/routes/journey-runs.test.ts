import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../engine/app';
import type { Database } from '../../../engine/db';
import { latestPublishedVersion, startJourneyRun } from '../../../engine/journeys';
import { journeyStatusQuery } from '../../../workflows/journey';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { testAccounts, testMail } from '../../support/messaging';
import { bundleWorkflows, startLocalTemporal } from '../../support/temporal';
import { eventually } from '../dispatcher/world';
import { weekThenEmail } from '../journey/fixtures';
import { workspaceWithKey } from '../journeys/test-app';
import { journeyWorker, recordingActions, type SentMessage } from '../../workflows/journey/harness';

const as = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

describe.each(databaseKinds)('journey runs over the API: enroll, cancel, pause, stats (real Temporal dev server, %s)', (kind) => {
  const sent: SentMessage[] = [];
  const actions = recordingActions(sent);
  const taskQueue = `journey-runs-${kind}`;
  let env: TestWorkflowEnvironment;
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  let worker: Worker;
  let running: Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    const [started, bundle, opened] = await Promise.all([startLocalTemporal(), bundleWorkflows(), openMigratedDatabase(kind)]);
    [env, database, db] = [started, opened, opened.db];
    worker = await journeyWorker(env, bundle, db, actions, taskQueue);
    running = worker.run();
    app = await buildApp({
      services: {
        db,
        actions,
        unsubscribeSecret: testMail().unsubscribeSecret,
        mail: testMail(),
        accounts: testAccounts(),
        temporal: { client: env.client, connection: env.connection, address: 'test', namespace: env.namespace ?? 'default', taskQueue },
      },
      serveUi: false,
    });
  });
  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.dispose();
  });

  const call = (apiKey: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => app.inject({ method, url, headers: as(apiKey), ...(payload !== undefined && { payload }) });

  /** A workspace with a key, contacts, and a published manual journey. */
  const world = async (names: string[]) => {
    const { key, workspaceId } = await workspaceWithKey(db);
    const contactIds = await Promise.all(names.map(async (name) => (await db.prisma.contact.create({ data: { workspaceId, email: `${name}-${randomUUID()}@example.com`, firstName: name } })).id));
    const draft = await app.inject({ method: 'PUT', url: '/v1/journeys/drafts', headers: as(key), payload: weekThenEmail(`Slow welcome ${randomUUID().slice(0, 8)}`) });
    const { journeyId } = draft.json<{ journeyId: string }>();
    expect((await call(key, 'POST', `/v1/journeys/${journeyId}/publish`)).statusCode).toBe(200);
    return { key, workspaceId, journeyId, contactIds };
  };
  const runningAtPause = (journeyId: string, count: number) =>
    eventually(
      () => db.prisma.journeyEnrollment.findMany({ where: { journeyId, status: 'running', currentNodeId: 'pause' } }),
      (rows) => rows.length === count,
      `${count} runs waiting at pause`,
    );

  it('enrolls contacts by hand, reports each, and never starts one twice', async () => {
    const { key, journeyId, contactIds } = await world(['ann', 'ben']);
    const [ann, ben] = contactIds;
    const stranger = (await world(['zed'])).contactIds[0];
    const missing = randomUUID();
    const response = await call(key, 'POST', `/v1/journeys/${journeyId}/enroll`, { contactIds: [ann, ben, ann, missing, stranger] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      version: 1,
      results: [
        { contactId: ann, result: 'started' },
        { contactId: ben, result: 'started' },
        { contactId: missing, result: 'not_found' },
        { contactId: stranger, result: 'not_found' },
      ],
    });
    await runningAtPause(journeyId, 2);
    const again = await call(key, 'POST', `/v1/journeys/${journeyId}/enroll`, { contactIds: [ann] });
    expect(again.json()).toEqual({ version: 1, results: [{ contactId: ann, result: 'already_running' }] });
    expect(await db.prisma.journeyEnrollment.count({ where: { journeyId } })).toBe(2);

    // The statistics see both contacts waiting at the timer.
    const stats = (await call(key, 'GET', `/v1/journeys/${journeyId}/stats`)).json<{ totals: unknown; nodes: { nodeId: string }[] }>();
    expect(stats.totals).toMatchObject({ enrollments: { total: 2, running: 2 } });
    expect(stats.nodes.find((node) => node.nodeId === 'pause')).toMatchObject({ entered: 2, inProgress: 2, completed: 0 });
    expect(stats.nodes.find((node) => node.nodeId === 'start')).toMatchObject({ entered: 2, completed: 2 });

    // The per-contact view shows where ann is.
    expect((await call(key, 'GET', `/v1/contacts/${ann}/enrollments`)).json()).toMatchObject({ enrollments: [{ journeyId, status: 'running', currentNodeId: 'pause', version: 1 }] });
  });

  it('cancels one enrollment (its workflow too), refuses to cancel it twice, and refuses another workspace', async () => {
    const { key, journeyId, contactIds } = await world(['cai', 'dee']);
    const other = await world(['eve']);
    await call(key, 'POST', `/v1/journeys/${journeyId}/enroll`, { contactIds });
    const [first, second] = await runningAtPause(journeyId, 2);
    if (!first || !second) throw new Error('two runs expected');

    const foreign = await call(other.key, 'POST', `/v1/journeys/${journeyId}/enrollments/${first.id}/cancel`);
    expect(foreign.statusCode).toBe(404);
    const wrongJourney = await call(other.key, 'POST', `/v1/journeys/${other.journeyId}/enrollments/${first.id}/cancel`);
    expect(wrongJourney.statusCode).toBe(404);
    expect((await db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('running');

    const cancelled = await call(key, 'POST', `/v1/journeys/${journeyId}/enrollments/${first.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ enrollmentId: first.id, status: 'cancelled' });
    const handle = env.client.workflow.getHandle(first.workflowId);
    expect((await eventually(() => handle.describe(), (description) => description.status.name !== 'RUNNING', 'the run to close')).status.name).toBe('CANCELLED');
    expect(await db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: 'cancelled', exitReason: 'cancelled', currentNodeId: null });

    const twice = await call(key, 'POST', `/v1/journeys/${journeyId}/enrollments/${first.id}/cancel`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ error: { message: string } }>().error.message).toContain('cancelled');
    // The other contact's run is untouched.
    expect((await db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('running');
    expect((await env.client.workflow.getHandle(second.workflowId).describe()).status.name).toBe('RUNNING');
    expect((await call(key, 'GET', `/v1/journeys/${journeyId}/stats`)).json()).toMatchObject({ totals: { enrollments: { running: 1, cancelled: 1 }, exitReasons: { cancelled: 1 } } });
  });

  it('a paused journey takes no new entries, by the API or started directly, while runs inside continue; resumed, it does', async () => {
    const { key, workspaceId, journeyId, contactIds } = await world(['fay', 'gus']);
    const [fay, gus] = contactIds;
    if (!fay || !gus) throw new Error('two contacts expected');
    await call(key, 'POST', `/v1/journeys/${journeyId}/enroll`, { contactIds: [fay] });
    await runningAtPause(journeyId, 1);

    expect((await call(key, 'POST', `/v1/journeys/${journeyId}/pause`)).json()).toMatchObject({ status: 'paused', changed: true });
    const refused = await call(key, 'POST', `/v1/journeys/${journeyId}/enroll`, { contactIds: [gus] });
    expect(refused.statusCode).toBe(409);
    // A run started directly (a trigger that raced the pause, the journey.start action) is refused inside the run.
    const live = await latestPublishedVersion(db.prisma, workspaceId, journeyId);
    if (!live) throw new Error('published version expected');
    const direct = await startJourneyRun(env.client, taskQueue, { workspaceId, journeyId, contactId: gus, journeyVersionId: live.journeyVersionId, version: live.version, plan: live.plan });
    expect(await direct.handle.result()).toEqual({ status: 'not_entered', reason: 'journey_not_active' });
    expect(await db.prisma.journeyEnrollment.count({ where: { journeyId, contactId: gus } })).toBe(0);
    // fay's run goes on waiting.
    const fayRun = await db.prisma.journeyEnrollment.findFirstOrThrow({ where: { journeyId, contactId: fay } });
    expect(fayRun.status).toBe('running');
    expect(await env.client.workflow.getHandle(fayRun.workflowId).query(journeyStatusQuery)).toMatchObject({ nodeId: 'pause', waiting: true });

    expect((await call(key, 'POST', `/v1/journeys/${journeyId}/resume`)).json()).toMatchObject({ status: 'active', changed: true });
    expect((await call(key, 'POST', `/v1/journeys/${journeyId}/enroll`, { contactIds: [gus] })).json()).toMatchObject({ results: [{ contactId: gus, result: 'started' }] });
    await runningAtPause(journeyId, 2);

    // Archived: no entries, the runs inside continue.
    expect((await call(key, 'POST', `/v1/journeys/${journeyId}/archive`)).json()).toMatchObject({ status: 'archived', changed: true });
    expect((await call(key, 'POST', `/v1/journeys/${journeyId}/enroll`, { contactIds: [gus] })).statusCode).toBe(409);
    expect(await db.prisma.journeyEnrollment.count({ where: { journeyId, status: 'running' } })).toBe(2);
    // Leave nothing running.
    for (const enrollment of await db.prisma.journeyEnrollment.findMany({ where: { journeyId, status: 'running' } })) {
      expect((await call(key, 'POST', `/v1/journeys/${journeyId}/enrollments/${enrollment.id}/cancel`)).statusCode).toBe(200);
    }
    expect(sent).toEqual([]);
  });
});
