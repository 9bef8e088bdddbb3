/**
 * Thrown by an action when retrying cannot help (invalid address, consent refused, a 4xx).
 * The generic action activity turns it into a non-retryable failure, which the journey routes
 * to the action's `failed` outcome. Any other error is treated as transient and retried.
 */
export class PermanentActionError extends Error {
  constructor(message: string, readonly code = 'permanent_failure') {
    super(message);
    this.name = 'PermanentActionError';
  }
}
