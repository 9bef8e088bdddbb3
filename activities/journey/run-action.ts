import { ApplicationFailure } from '@temporalio/common';
import { PermanentActionError } from '../actions/errors';
import { InvalidActionInputError, UnknownActionError } from '../actions/registry';
import { templateRenderFailure } from '../channels/templates';
import type { WorkerDeps } from '../worker-deps';
import { stepIdempotencyKey } from '../../engine/journey/step-key';
import { beginEnrollment } from './enrollment';
import { recordNodes } from './node-records';
import type { EnterAndRunActionInput, EnterAndRunActionResult, RunActionInput, RunActionResult } from './types';

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
  // The visits the run carried here are bookkeeping: written beside the action, not before it, so
  // they do not delay the message. Both must succeed for the activity to; a retry writes them again
  // (an upsert) and finds the action's send in the ledger. The write's failure is caught at once
  // (an unobserved rejection would stop the worker) and reported after the action settles.
  const visitsWritten: Promise<unknown> =
    visits && visits.length > 0
      ? recordNodes(deps.db.prisma, { workspaceId: context.workspaceId, enrollmentId: context.enrollmentId, journeyVersionId: context.journeyVersionId, visits }).then(
          () => undefined,
          (error: unknown) => error ?? new Error('the node visits were not written'),
        )
      : Promise.resolve(undefined);
  let result: RunActionResult;
  try {
    result = await actions.run(actionId, actionVersion, { ...context, deps: services }, input);
  } catch (error) {
    await visitsWritten;
    throw actionFailure(error, input);
  }
  const visitsFailure = await visitsWritten;
  if (visitsFailure !== undefined) throw visitsFailure;
  return result;
}

/**
 * Enters the contact and runs the journey's first action, in one activity. The entry is its own
 * transaction, committed before the action: idempotent (a retry finds its run's enrollment), and
 * refused entries run nothing. Errors are the action's (see `runAction`); the workflow asks for
 * the enrollment again (`beginEnrollment`, which finds it) if the action fails for good.
 */
export async function enterAndRunAction(deps: WorkerDeps, request: EnterAndRunActionInput): Promise<EnterAndRunActionResult> {
  const { entry, step, ...action } = request;
  const begun = await beginEnrollment(deps.db.prisma, entry);
  if (!begun.entered) return { entered: false, reason: begun.reason };
  const { enrollmentId } = begun;
  const result = await runAction(deps, { ...action, enrollmentId, idempotencyKey: stepIdempotencyKey(enrollmentId, action.nodeId, step) });
  return { entered: true, enrollmentId, result };
}

/** Errors that retrying cannot fix become non-retryable failures; anything else is retried as it is. */
function actionFailure(error: unknown, input: RunActionInput['input']): unknown {
  // Caught here rather than in each action, so every action that renders Liquid (custom ones too) gets the same.
  const failure = error instanceof PermanentActionError ? error : templateRenderFailure(error, input);
  if (failure) return ApplicationFailure.nonRetryable(failure.message, 'PermanentActionFailure', failure.code);
  if (error instanceof UnknownActionError) return ApplicationFailure.nonRetryable(error.message, 'UnknownAction');
  if (error instanceof InvalidActionInputError) return ApplicationFailure.nonRetryable(error.message, 'InvalidActionInput', error.problems);
  return error;
}
