import { ApplicationFailure } from '@temporalio/common';
import { PermanentActionError } from '../actions/errors';
import { InvalidActionInputError, UnknownActionError } from '../actions/registry';
import { templateRenderFailure } from '../channels/templates';
import type { WorkerDeps } from '../worker-deps';
import { recordNodes } from './node-records';
import type { RunActionInput, RunActionResult } from './types';

/**
 * The one path by which journeys call actions: look the action up by id and version, check
 * its input, and run it with the step's idempotency key. Errors that retrying cannot fix
 * (a `PermanentActionError`, a template that does not render) become non-retryable failures;
 * everything else is thrown for Temporal to retry.
 */
export async function runAction(deps: WorkerDeps, request: RunActionInput): Promise<RunActionResult> {
  const { actionId, actionVersion, input, visits, ...context } = request;
  // Actions get the services, not the registry that runs them.
  const { actions, ...services } = deps;
  if (visits && visits.length > 0) {
    await recordNodes(deps.db.prisma, { workspaceId: context.workspaceId, enrollmentId: context.enrollmentId, journeyVersionId: context.journeyVersionId, visits });
  }
  try {
    const result = await actions.run(actionId, actionVersion, { ...context, deps: services }, input);
    return result;
  } catch (error) {
    // Caught here rather than in each action, so every action that renders Liquid (custom ones too) gets the same.
    const failure = error instanceof PermanentActionError ? error : templateRenderFailure(error, input);
    if (failure) throw ApplicationFailure.nonRetryable(failure.message, 'PermanentActionFailure', failure.code);
    if (error instanceof UnknownActionError) throw ApplicationFailure.nonRetryable(error.message, 'UnknownAction');
    if (error instanceof InvalidActionInputError) throw ApplicationFailure.nonRetryable(error.message, 'InvalidActionInput', error.problems);
    throw error;
  }
}
