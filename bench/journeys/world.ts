import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type WorkerDeps } from '../../activities';
import { createActionRegistry } from '../../activities/actions';
import { createMailDeps } from '../../activities/mail';
import { createSmsDeps } from '../../activities/sms';
import { createWebhookDeps } from '../../activities/webhooks';
import { createJourneyWorker, journeyWorkerTuning } from '../../activities/worker';
import type { Database } from '../../engine/db';
import { createJourneyEnroller } from '../../engine/enrollment/enroller';
import { createJourneyStarter } from '../../engine/journeys';
import { SmtpSink } from '../../test/activities/channels/email/smtp-sink';
import { TwilioServer } from '../../test/support/twilio-server';
import { Closers } from '../harness/closers';
import { openBenchDatabase, type DatabaseKind } from '../harness/database';
import { startBenchTemporal } from '../harness/temporal';

export type { DatabaseKind } from '../harness/database';

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
  const closers = new Closers();
  const close = (): Promise<void> => closers.close();
  try {
    const folder = await mkdtemp(join(tmpdir(), 'je-bench-'));
    closers.push(() => rm(folder, { recursive: true, force: true }));
    const db = await openBenchDatabase(kind, 'journeys', folder, closers);
    const { address, client } = await startBenchTemporal(folder, closers);

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

    const workerConnection = await NativeConnection.connect({ address });
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
