import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureJourneySearchAttributes } from '../../engine/temporal';

function requiredPath(variable: 'TEMPORAL_CLI_PATH' | 'TEMPORAL_TEST_SERVER_PATH'): string {
  const path = process.env[variable];
  if (!path) throw new Error(`${variable} is not set; test/support/global-setup.ts resolves it`);
  return path;
}

/** A real Temporal dev server (the CLI), on a free port, in memory. */
export async function startLocalTemporal(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: requiredPath('TEMPORAL_CLI_PATH') } },
  });
  await ensureJourneySearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/**
 * The real time-skipping test server: timers fire as soon as the workflow is blocked. The
 * journey search attributes are registered, as the engine does at boot.
 */
export async function startTimeSkippingTemporal(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requiredPath('TEMPORAL_TEST_SERVER_PATH') } },
  });
  await ensureJourneySearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** Bundle once per suite (~1 s) and hand it to every worker in that suite. */
export const bundleWorkflows = (): Promise<WorkflowBundleWithSourceMap> =>
  bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietBundlerLogger });

const noop = (): void => undefined;
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
