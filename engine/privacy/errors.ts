/** A running journey of the contact could not be cancelled (Temporal unreachable): nothing was erased. */
export class JourneysNotCancelledError extends Error {
  override readonly name = 'JourneysNotCancelledError';
  constructor(
    readonly workflowId: string,
    options: { cause: unknown },
  ) {
    super(`the journey run ${workflowId} could not be cancelled`, options);
  }
}
