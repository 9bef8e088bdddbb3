import { RetryState } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { PlanNode } from '../../../engine/journey/schema';
import { actionActivities } from '../activity-proxies';
import { stepIdempotencyKey } from '../ids';
import type { JourneyRun } from '../run-state';
import type { StepResult } from './step-result';

type ActionNode = Extract<PlanNode, { kind: 'action' }>;

/**
 * Calls the action through the one generic activity. The outcome picks the output with that
 * name when the node has one (e.g. `failed`), else `next`. A permanent failure, or retries
 * running out, is the `failed` outcome: the journey goes on rather than stalling forever.
 */
export async function handleAction(node: ActionNode, run: JourneyRun, step: number): Promise<StepResult> {
  const { actionId, actionVersion, input } = node.config;
  // An outcome with its own connected output goes there; any other carries on along `next`.
  const handleFor = (outcome: string): string => (typeof node.next[outcome] === 'string' ? outcome : 'next');
  try {
    const result = await actionActivities.runAction({
      workspaceId: run.input.workspaceId,
      journeyId: run.input.journeyId,
      journeyVersionId: run.input.journeyVersionId,
      contactId: run.input.contactId,
      enrollmentId: run.enrollmentId,
      nodeId: node.id,
      idempotencyKey: stepIdempotencyKey(run.enrollmentId, node.id, step),
      actionId,
      actionVersion,
      input,
      variables: {
        ...(run.input.entryEvent && { event: run.input.entryEvent }),
        ...(run.lastEvent && { lastEvent: run.lastEvent }),
        journey: { id: run.input.journeyId, name: run.plan.name, version: run.input.version },
      },
    });
    return { type: 'next', handle: handleFor(result.outcome), outcome: result.outcome };
  } catch (error) {
    if (!isPermanent(error)) throw error;
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    return { type: 'next', handle: handleFor('failed'), outcome: 'failed', status: 'failed', error: cause };
  }
}

function isPermanent(error: unknown): error is ActivityFailure {
  if (!(error instanceof ActivityFailure)) return false;
  if (error.retryState === RetryState.MAXIMUM_ATTEMPTS_REACHED || error.retryState === RetryState.NON_RETRYABLE_FAILURE) return true;
  return error.cause instanceof ApplicationFailure && error.cause.nonRetryable === true;
}
