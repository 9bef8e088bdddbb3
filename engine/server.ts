import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, type NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createActionRegistry } from '../activities/actions';
import { createMailDeps } from '../activities/mail';
import { createSmsDeps } from '../activities/sms';
import { createWebhookDeps } from '../activities/webhooks';
import type { WorkerDeps } from '../activities/worker-deps';
import { createJourneyWorker } from '../activities/worker';
import { bootCrm } from './crm/recompute/boot';
import { buildApp } from './app';
import type { AppConfig } from './config';
import { openDatabase, type Database } from './db';
import { describeError } from './describe-error';
import { startDispatcher } from './dispatcher';
import { seedDemoIfEmpty } from './seed-demo';
import { loadCustomActions } from './custom-actions';
import { createJourneyStarter } from './journeys/starter';
import { createJourneyEnroller } from './enrollment/enroller';
import { startScheduleSync } from './enrollment/schedule-sync';
import { twilioInboundUrl } from './routes/callbacks/twilio-inbound';
import { resolveSessionSecret, resolveUnsubscribeSecret, resolveWebhookSecret } from './secrets';
import { accountServicesOf, prepareFirstRun } from './accounts';
import { connectClient, connectWorker, ensureJourneySearchAttributes, startDevServer, type DevServer } from './temporal';

export interface RunningEngine {
  app: FastifyInstance;
  /** The one-time link that creates the owner, while nobody has an account. */
  setupUrl: string | undefined;
  /** http://host:port the API listens on. */
  url: string;
  temporalAddress: string;
  stop(): Promise<void>;
}

type Cleanup = { name: string; run: () => Promise<void> };

/**
 * Boots the whole product in one process: database (migrated), Temporal (dev server or
 * external), the worker, and the HTTP API with the builder UI. If any step fails, what was
 * already started is stopped again before the error propagates.
 */
export async function startEngine(config: AppConfig, log: Logger, print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<RunningEngine> {
  const cleanups: Cleanup[] = [];
  const stopAll = async (): Promise<void> => {
    // Reverse start order: stop taking requests, drain the worker, then close what they used.
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup.run();
      } catch (error) {
        log.warn(`stopping ${cleanup.name} failed: ${describeError(error)}`);
      }
    }
  };
  try {
    const db = await startDatabase(config, log);
    cleanups.push({ name: 'database', run: () => db.close() });

    const temporalAddress = await startTemporal(config, log, cleanups);
    const connection = await connectClient(temporalAddress, config.temporal.connectTimeoutMs);
    cleanups.push({ name: 'temporal client', run: () => connection.close() });
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const added = await ensureJourneySearchAttributes(connection, config.temporal.namespace);
    if (added.length > 0) log.info(`temporal: registered search attributes ${added.join(', ')}`);

    installTemporalRuntime(config.logLevel);
    const workerConnection = await connectWorker(temporalAddress);
    cleanups.push({ name: 'worker connection', run: () => workerConnection.close() });
    const custom = config.actionsModule ? await loadCustomActions(config.actionsModule) : [];
    const actions = createActionRegistry(custom);
    if (custom.length > 0) log.info(`actions: ${custom.map((action) => `${action.id}@${action.version}`).join(', ')} from ${config.actionsModule ?? ''}`);
    const firstRun = await prepareFirstRun(db.prisma, config.accounts, config.mail.publicUrl);
    if (firstRun.kind === 'owner_created') log.info(`accounts: created the owner ${firstRun.email} from OWNER_EMAIL`);
    const unsubscribeSecret = resolveUnsubscribeSecret(config);
    const mail = createMailDeps({ ...config.mail, unsubscribeSecret });
    log.info(mail.smtp ? 'mail: SMTP' : 'mail: no SMTP_URL, email goes to the local outbox');
    const sms = createSmsDeps({ twilio: config.sms.twilio, publicUrl: config.mail.publicUrl });
    log.info(sms.twilio ? `sms: Twilio; STOP/START/HELP replies arrive when the number's incoming-message webhook is ${twilioInboundUrl(config.mail.publicUrl)}` : 'sms: no Twilio credentials, SMS goes to the local outbox');
    const webhooks = createWebhookDeps({ signingSecret: resolveWebhookSecret(config), allowedHosts: config.webhooks.allowedHosts });
    const journeys = createJourneyStarter(db.prisma, client, config.temporal.taskQueue);
    const enroller = createJourneyEnroller(client, config.temporal.taskQueue);
    await startWorker(config, { db, actions, mail, sms, webhooks, journeys, enroller }, workerConnection, cleanups, log);
    const crm = await bootCrm(client, db.prisma, config.temporal.taskQueue, new Date());
    if (crm.schedules.length > 0) log.info(`crm: created schedules ${crm.schedules.join(', ')}`);
    if (crm.started.length > 0) log.info(`crm: scoring ${crm.started.length} workspace(s) never scored before`);
    const dispatcher = await startDispatcher(db, client, config.temporal.taskQueue, {
      onProblem: (problem) => log.warn(`dispatcher: ${problem}`),
      onError: (error) => log.warn(`dispatcher: a batch failed and will be retried: ${describeError(error)}`),
    });
    // Stopped after the API (no new changes) and before the worker and the database it uses.
    cleanups.push({ name: 'trigger dispatcher', run: () => dispatcher.stop() });
    const schedules = await startScheduleSync(client, db.prisma, config.temporal.taskQueue, {
      onProblem: (problem) => log.warn(`trigger schedules: ${problem}`),
      onError: (error) => log.warn(`trigger schedules: reconciling failed: ${describeError(error)}`),
      onReconciled: ({ created, updated, deleted }) => {
        if (created.length + updated.length + deleted.length > 0) log.info(`trigger schedules: ${created.length} created, ${updated.length} updated, ${deleted.length} deleted`);
      },
    });
    cleanups.push({ name: 'trigger schedules', run: () => schedules.stop() });

    const app = await buildApp({
      logger: { level: config.logLevel },
      rateLimit: { perMinute: config.rateLimitPerMinute },
      trustProxy: config.http.trustProxy,
      services: {
        db,
        actions,
        unsubscribeSecret,
        mail,
        // Without SMTP, invitation links are printed too (they also land in the local outbox).
        accounts: accountServicesOf(config.accounts, config.mail.publicUrl, resolveSessionSecret(config), mail.smtp ? undefined : print),
        ...(config.sms.twilio &&
          sms.statusCallbackUrl && {
            twilioCallback: { authToken: config.sms.twilio.authToken, statusUrl: sms.statusCallbackUrl, inboundUrl: twilioInboundUrl(config.mail.publicUrl) },
          }),
        temporal: {
          client,
          connection,
          address: temporalAddress,
          namespace: config.temporal.namespace,
          taskQueue: config.temporal.taskQueue,
        },
      },
    });
    cleanups.push({ name: 'http server', run: () => app.close() });
    const url = await app.listen({ host: config.http.host, port: config.http.port });
    log.info(`Journey Engine is up: ${url} (API docs at ${url}/docs)`);
    const setupUrl = firstRun.kind === 'setup_link' ? firstRun.url : undefined;
    // Last (after the log records are flushed), and plain text rather than a log record, so it
    // is the line a new user sees.
    if (setupUrl) {
      await new Promise<void>((resolve) => log.flush(() => resolve()));
      print(`Create the owner account: ${setupUrl}`);
    }
    return { app, url, temporalAddress, setupUrl, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startDatabase(config: AppConfig, log: Logger): Promise<Database> {
  const db = await openDatabase(config.database);
  try {
    const report = await db.migrate();
    const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'Postgres server';
    log.info(`database: ${where}; ${report.applied.length} migration(s) applied, ${report.alreadyApplied} already applied`);
    if (config.seedDemo) await seedDemoIfEmpty(db, log);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function startTemporal(config: AppConfig, log: Logger, cleanups: Cleanup[]): Promise<string> {
  if (config.temporal.mode === 'external') {
    log.info(`temporal: using the server at ${config.temporal.address}`);
    return config.temporal.address;
  }
  const devServer: DevServer = await startDevServer(config.temporal, {
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
  });
  cleanups.push({ name: 'temporal dev server', run: () => devServer.stop() });
  log.info(`temporal: dev server at ${devServer.address} (UI ${devServer.uiUrl}, state in ${config.temporal.dbFile}) from ${devServer.source}`);
  return devServer.address;
}

async function startWorker(
  config: AppConfig,
  deps: WorkerDeps,
  connection: NativeConnection,
  cleanups: Cleanup[],
  log: Logger,
): Promise<void> {
  const worker: Worker = await createJourneyWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    deps,
    databaseKind: config.database.kind,
  });
  const running = worker.run().catch((error: unknown) => {
    log.error(`the Temporal worker stopped: ${describeError(error)}`);
  });
  cleanups.push({
    name: 'temporal worker',
    run: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  });
  log.info(`temporal: worker polling task queue "${config.temporal.taskQueue}"`);
}

let runtimeInstalled = false;
/** The SDK's own logger is chatty at INFO; keep it to warnings unless debugging. */
function installTemporalRuntime(level: string): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger(level === 'debug' || level === 'trace' ? 'DEBUG' : 'WARN') });
  } catch {
    // Already installed by an earlier start in this process (tests); keep it.
  }
}
