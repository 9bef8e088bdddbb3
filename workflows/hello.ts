import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { composeGreeting } = proxyActivities<Activities>({
  startToCloseTimeout: 10_000,
  retry: { maximumAttempts: 3 },
});

/**
 * Proves the worker, the Temporal server and the database talk to each other end to end.
 * The journey interpreter workflow replaces it as the engine's main workflow.
 */
export async function helloWorkflow(name: string): Promise<string> {
  return composeGreeting(name);
}
