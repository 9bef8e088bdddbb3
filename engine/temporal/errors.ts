/** Temporal cannot be used: the message is one sentence a person can act on. */
export class TemporalUnavailableError extends Error {
  override readonly name = 'TemporalUnavailableError';
}
