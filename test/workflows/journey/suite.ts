import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { bundleWorkflows, startTimeSkippingTemporal } from '../../support/temporal';
import type { ActionRegistry } from '../../../activities/actions';
import type { JourneyStarter } from '../../../activities/journeys';
import type { MailDeps } from '../../../activities/mail';
import type { SmsDeps } from '../../../activities/sms';
import { testMail, testSms } from '../../support/messaging';
import { journeyWorker, recordingActions, type SentMessage } from './harness';

/** What a journey workflow test file shares; set up in beforeAll. */
export class JourneySuite {
  readonly sent: SentMessage[] = [];
  readonly actions: ActionRegistry;
  #env: TestWorkflowEnvironment | undefined;
  #db: Database | undefined;

  constructor(
    readonly taskQueue: string,
    actions?: ActionRegistry,
    readonly mail: MailDeps = testMail(),
    readonly sms: SmsDeps = testSms(),
  ) {
    this.actions = actions ?? recordingActions(this.sent);
  }

  get env(): TestWorkflowEnvironment {
    if (!this.#env) throw new Error('the suite is not started (beforeAll)');
    return this.#env;
  }

  get db(): Database {
    if (!this.#db) throw new Error('the suite is not started (beforeAll)');
    return this.#db;
  }

  start(env: TestWorkflowEnvironment, db: Database): void {
    this.#env = env;
    this.#db = db;
  }
}

/**
 * One Temporal server (time-skipping unless told otherwise), one migrated PGlite database and one worker with the real journey
 * activities per test file. Await run results one at a time: concurrent `result()` calls
 * confuse the test server's time-skipping lock and workflow tasks time out.
 */
export interface SuiteOptions {
  startServer?: () => Promise<TestWorkflowEnvironment>;
  /** The real registry, say; default: actions that record their calls in `sent`. */
  actions?: ActionRegistry;
  mail?: MailDeps;
  sms?: SmsDeps;
  journeys?: JourneyStarter;
}

export function useJourneySuite(taskQueue: string, options: SuiteOptions = {}): JourneySuite {
  const suite = new JourneySuite(taskQueue, options.actions, options.mail, options.sms);
  const startServer = options.startServer ?? startTimeSkippingTemporal;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const [env, bundle, database] = await Promise.all([startServer(), bundleWorkflows(), openMigratedDatabase('pglite')]);
    suite.start(env, database.db);
    dispose = database.dispose;
    worker = await journeyWorker(env, bundle, database.db, suite.actions, taskQueue, { mail: suite.mail, sms: suite.sms, ...(options.journeys && { journeys: options.journeys }) });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await suite.env.teardown();
    await dispose?.();
  });
  return suite;
}
