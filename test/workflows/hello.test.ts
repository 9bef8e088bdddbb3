import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActionRegistry } from '../../activities/actions';
import { createActivities } from '../../activities';
import type { Database } from '../../engine/db';
import { helloWorkflow } from '../../workflows';
import { openMigratedDatabase } from '../support/database';
import { bundleWorkflows, startTimeSkippingTemporal } from '../support/temporal';
import { testActivityDeps } from '../support/messaging';

describe('helloWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let database: { db: Database; dispose(): Promise<void> };

  beforeAll(async () => {
    [env, bundle, database] = await Promise.all([startTimeSkippingTemporal(), bundleWorkflows(), openMigratedDatabase('pglite')]);
  });
  afterAll(async () => {
    await env?.teardown();
    await database?.dispose();
  });

  it('runs through the real test server and reaches the database from its activity', async () => {
    await database.db.prisma.workspace.create({ data: { name: 'Acme', slug: 'acme' } });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'hello-test',
      workflowBundle: bundle,
      activities: createActivities(testActivityDeps(database.db, createActionRegistry())),
    });
    const greeting = await worker.runUntil(
      env.client.workflow.execute(helloWorkflow, { args: ['Ada'], taskQueue: 'hello-test', workflowId: 'hello-ada' }),
    );
    expect(greeting).toBe('Hello, Ada! The worker reached the pglite database (1 workspace).');
  });
});
