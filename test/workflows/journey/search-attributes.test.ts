import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { bundleWorkflows, startLocalTemporal } from '../../support/temporal';
import { days, draft, email, trigger, wait } from './drafts';
import { createWorkspace, journeyWorker, publish, recordingActions, runInput, startRun, untilWaitingAt } from './harness';

const TASK_QUEUE = 'journey-search-attributes';

// On the dev server (real visibility store): runs can be listed and counted per journey,
// version, node and contact, which is what per-node "in progress" counts can be built on.
describe('journey search attributes on the dev server', () => {
  let env: TestWorkflowEnvironment;
  let database: { db: Database; dispose(): Promise<void> };
  let worker: Worker;
  let running: Promise<void>;
  const actions = recordingActions([]);

  beforeAll(async () => {
    const [started, bundle, opened] = await Promise.all([startLocalTemporal(), bundleWorkflows(), openMigratedDatabase('pglite')]);
    env = started;
    database = opened;
    worker = await journeyWorker(env, bundle, database.db, actions, TASK_QUEUE);
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.dispose();
  });

  it('lists and counts runs by journey, version, node and contact', async () => {
    const fixture = await createWorkspace(database.db, { ada: null, bob: null });
    const published = await publish(database.db, fixture, draft([trigger(), wait('hold', { type: 'delay', duration: days(10) }), email('later')], [['start', 'hold'], ['hold', 'later']]), actions);
    const ada = await startRun(env, TASK_QUEUE, runInput(fixture, published, 'ada'));
    const bob = await startRun(env, TASK_QUEUE, runInput(fixture, published, 'bob'));
    await untilWaitingAt(ada, 'hold');
    await untilWaitingAt(bob, 'hold');

    const query = `JourneyId = "${fixture.journeyId}" AND JourneyVersion = 1 AND JourneyNodeId = "hold" AND ExecutionStatus = "Running"`;
    let count = 0;
    for (let attempt = 0; attempt < 100 && count < 2; attempt += 1) {
      count = (await env.client.workflow.count(query)).count;
      if (count < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(count).toBe(2);
    const listed: string[] = [];
    for await (const execution of env.client.workflow.list({ query: `JourneyContactId = "${fixture.contactIds.ada}"` })) listed.push(execution.workflowId);
    expect(listed).toEqual([ada.workflowId]);
    await ada.terminate('test over');
    await bob.terminate('test over');
  });
});
