import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActionRegistry } from '../../activities/actions';
import { openDatabase, type Database } from '../../engine/db';
import { createApiKey, publishJourney, saveJourneyDraft } from '../../engine/journeys';
import type { JourneyDraft } from '../../engine/journey/schema';
import { SmtpSink } from '../activities/channels/email/smtp-sink';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { spawnEngine, waitForHealthy, type EngineProcess } from '../support/engine-process';
import { freePort } from '../support/ports';
import { startLocalTemporal } from '../support/temporal';

const CONTACTS = 40;

const shipped: JourneyDraft = {
  schemaVersion: 2,
  name: 'Shipping notice',
  settings: { reentry: { mode: 'never' }, exitCriteria: [] },
  nodes: [
    { id: 'start', kind: 'trigger', position: { x: 0, y: 0 }, config: { type: 'event', event: 'Order Shipped' } },
    {
      id: 'notice',
      kind: 'action',
      position: { x: 0, y: 140 },
      config: { actionId: 'email', actionVersion: 1, input: { format: 'html', messageType: 'transactional', subject: 'On its way', html: '<p>Order {{ event.properties.orderId }} shipped.</p>' } },
    },
    { id: 'done', kind: 'exit', position: { x: 0, y: 280 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'notice' },
    { id: 'e2', source: 'notice', target: 'done' },
  ],
};

// Scaling out: two engine processes share one Postgres and one Temporal server, each with its
// API, dispatcher and worker on the same task queue. Every event is sent to both at once (as a
// client retrying against a load balancer would): each contact still enters once and gets one
// email, and both workers did part of the work.
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;
onPostgres('two engine processes, one Postgres, one Temporal server', () => {
  let temporal: TestWorkflowEnvironment;
  let target: TestDatabase;
  let db: Database;
  const smtp = new SmtpSink();
  const engines: { process: EngineProcess; base: string }[] = [];

  beforeAll(async () => {
    [temporal, target] = await Promise.all([startLocalTemporal(), createTestDatabase('postgres')]);
    db = await openDatabase(target.config);
    await db.migrate();
    await smtp.start();
  }, 120_000);
  afterAll(async () => {
    for (const engine of engines) {
      engine.process.child.kill('SIGTERM');
      await engine.process.exited;
    }
    await smtp.stop();
    await db?.close();
    await target?.drop();
    await temporal?.teardown();
  }, 120_000);

  it('enters each contact once and sends one email each, with the work split between the workers', async () => {
    const workspace = await db.prisma.workspace.create({ data: { name: 'Scale', slug: `scale-${randomUUID().slice(0, 8)}` }, select: { id: true } });
    const { key } = await createApiKey(db.prisma, workspace.id, 'scale-out test');
    const saved = await saveJourneyDraft(db.prisma, workspace.id, shipped);
    const published = await publishJourney(db.prisma, createActionRegistry().catalog(), workspace.id, saved.journeyId);
    expect(published.ok).toBe(true);

    // One set of secrets for both: a link signed by one process must verify on the other.
    const shared = {
      DATABASE_URL: target.config.kind === 'postgres' ? target.config.url : '',
      TEMPORAL_ADDRESS: temporal.connection.options.address,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      UNSUBSCRIBE_SECRET: 'scale-out-unsubscribe-secret-0123456789',
      SESSION_SECRET: 'scale-out-session-secret-0123456789abcdef',
      WEBHOOK_SIGNING_SECRET: 'scale-out-webhook-secret-0123456789',
    };
    for (let index = 0; index < 2; index += 1) {
      const port = await freePort();
      const process = spawnEngine({ ...shared, PORT: String(port), DATA_DIR: await mkdtemp(join(tmpdir(), 'je-scale-')) });
      engines.push({ process, base: `http://127.0.0.1:${port}` });
    }
    await Promise.all(engines.map((engine) => waitForHealthy(`${engine.base}/health`, engine.process)));

    const emails = Array.from({ length: CONTACTS }, (_, index) => `shopper-${index}@example.com`);
    const track = (base: string, email: string, index: number) =>
      fetch(`${base}/v1/track`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ email, name: 'Order Shipped', messageId: `shipped-${index}`, properties: { orderId: `A-${index}` } }),
      });
    const answers = await Promise.all(emails.flatMap((email, index) => engines.map((engine) => track(engine.base, email, index))));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));

    const deadline = Date.now() + 90_000;
    const completed = () => db.prisma.journeyEnrollment.count({ where: { journeyId: saved.journeyId, status: 'completed' } });
    while ((await completed()) < CONTACTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await completed()).toBe(CONTACTS);
    // A moment for a duplicate that would still be on its way.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    expect(await db.prisma.journeyEnrollment.count({ where: { journeyId: saved.journeyId } })).toBe(CONTACTS);
    expect(await db.prisma.event.count({ where: { workspaceId: workspace.id } })).toBe(CONTACTS);
    const recipients = smtp.received.map((mail) => (Array.isArray(mail.to) ? '' : (mail.to?.value[0]?.address ?? '')));
    expect(recipients.sort()).toEqual([...emails].sort());

    // Which worker ran each email: the identity (pid@host) on the activity's start in the history.
    const workers = new Set<string>();
    const enrollments = await db.prisma.journeyEnrollment.findMany({ where: { journeyId: saved.journeyId }, select: { workflowId: true } });
    for (const { workflowId } of enrollments) {
      const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
      for (const event of history.events ?? []) {
        const identity = event.activityTaskStartedEventAttributes?.identity;
        if (identity) workers.add(identity);
      }
    }
    expect(workers.size).toBe(2);
  }, 240_000);
});
