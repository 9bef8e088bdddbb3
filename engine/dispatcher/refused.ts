import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';

/** gRPC status INVALID_ARGUMENT: the request itself is wrong, so sending it again cannot help. */
const INVALID_ARGUMENT = 3;

/**
 * Whether Temporal refused this one request for good (a malformed input, a workflow id the
 * reuse policy forbids). Such a change is reported and skipped; any other failure (Temporal
 * unreachable, a timeout) fails the batch, which the outbox then delivers again, rather than
 * holding every later entry back behind one that can never succeed.
 */
export function refusedForGood(error: unknown): boolean {
  if (error instanceof WorkflowExecutionAlreadyStartedError) return true;
  return error instanceof ServiceError && isGrpcServiceError(error.cause) && error.cause.code === INVALID_ARGUMENT;
}
