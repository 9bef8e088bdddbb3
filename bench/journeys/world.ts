import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import pg from 'pg';
import { createActivities, type WorkerDeps } from '../../activities';
import { createActionRegistry } from '../../activities/actions';
import { createMailDeps } from '../../activities/mail';
import { createSmsDeps } from '../../activities/sms';
import { createWebhookDeps } from '../../activities/webhooks';
import { createJourneyWorker, journeyWorkerTuning } from '../../activities/worker';
import { openDatabase, type Database } from '../../engine/db';
import { createJourneyEnroller } from '../../engine/enrollment/enroller';
import { createJourneyStarter } from '../../engine/journeys';
import { ensureJourneySearchAttributes, startDevServer, type DevServer } from '../../engine/temporal';
import { SmtpSink } from '../../test/activities/channels/email/smtp-sink';
import { freePort } from '../../test/support/ports';
import { TwilioServer } from '../../test/support/twilio-server';
import { projectRoot } from '../../engine/paths';

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * The engine's parts assembled as `npm start` assembles them (engine/server.ts), with mail and
 * SMS going to real servers on loopback: a database (a fresh PGlite folder, or a database of its
 * own on the Postgres server at DATABASE_URL), the embedded Temporal dev server, the product's
 * worker with its tuning, and a second worker with the same tuning and the same activities that
 * runs the hand-written floor workflows on a queue of its own.
 */
export interface BenchWorld {
  readonly kind: DatabaseKind;
  readonly db: Database;
  readonly client: Client;
  readonly deps: WorkerDeps;
  readonly taskQueue: string;
  readonly floorQueue: string;
  readonly smtp: SmtpSink;
  readonly twilio: TwilioServer;
  close(): Promise<void>;
}

export async function openWorld(kind: DatabaseKind): Promise<BenchWorld> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) await closer().catch((error: unknown) => process.stderr.write(`closing: ${String(error)}\n`));
  };
  try {
    const folder = await mkdtemp(join(tmpdir(), 'je-bench-'));
    closers.push(() => rm(folder, { recursive: true, force: true }));
    const db = await openBenchDatabase(kind, folder, closers);
    await db.migrate();

    const port = await freePort();
    const devServer: DevServer = await startDevServer(
      { mode: 'dev-server', address: `127.0.0.1:${port}`, namespace: 'default', taskQueue: 'journeys', connectTimeoutMs: 30_000, port, uiPort: await freePort(), dbFile: join(folder, 'temporal.db'), cliPath: undefined, projectRoot: projectRoot() },
      { info: () => undefined, warn: (message) => process.stderr.write(`temporal: ${message}\n`) },
    );
    closers.push(() => devServer.stop());
    const connection = await Connection.connect({ address: devServer.address });
    closers.push(() => connection.close());
    await untilNamespaceReady(connection);
    await ensureJourneySearchAttributes(connection, 'default');
    const client = new Client({ connection });

    const smtp = new SmtpSink();
    await smtp.start();
    closers.push(() => smtp.stop());
    const twilio = new TwilioServer();
    await twilio.start();
    closers.push(() => twilio.stop());

    const taskQueue = 'journeys';
    const floorQueue = 'floor';
    const actions = createActionRegistry();
    const deps: WorkerDeps = {
      db,
      actions,
      mail: createMailDeps({
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        from: 'Bench <bench@example.com>',
        domain: 'example.com',
        publicUrl: 'http://127.0.0.1',
        unsubscribeSecret: 'bench-unsubscribe-secret-0123456789abcdef',
        preferenceLinkDays: 30,
        confirmationLinkDays: 7,
      }),
      sms: createSmsDeps({ twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, from: twilio.number, apiUrl: twilio.url }, publicUrl: 'http://127.0.0.1' }),
      webhooks: createWebhookDeps({ signingSecret: 'bench-webhook-secret', allowedHosts: [] }),
      journeys: createJourneyStarter(db.prisma, client, taskQueue),
      enroller: createJourneyEnroller(client, taskQueue),
    };

    const workerConnection = await NativeConnection.connect({ address: devServer.address });
    closers.push(() => workerConnection.close());
    const engineWorker = await createJourneyWorker({ connection: workerConnection, namespace: 'default', taskQueue, deps, databaseKind: kind });
    const floorWorker = await Worker.create({
      connection: workerConnection,
      namespace: 'default',
      taskQueue: floorQueue,
      workflowsPath: require.resolve('./floor-workflows'),
      activities: createActivities(deps),
      ...journeyWorkerTuning(kind),
    });
    for (const worker of [engineWorker, floorWorker]) {
      const running = worker.run();
      closers.push(async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      });
    }
    return { kind, db, client, deps, taskQueue, floorQueue, smtp, twilio, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The dev server answers on its port a moment before its default namespace exists. */
async function untilNamespaceReady(connection: Connection): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function openBenchDatabase(kind: DatabaseKind, folder: string, closers: (() => Promise<unknown>)[]): Promise<Database> {
  if (kind === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', dataDir: join(folder, 'pglite') });
    closers.push(() => db.close());
    return db;
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL must point at a Postgres server for the Postgres runs');
  const name = `je_bench_journeys_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  closers.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  closers.push(() => db.close());
  return db;
}
