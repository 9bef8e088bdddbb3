/** A call to Temporal failed (unreachable, deadline passed, refused): routes answer 503. */
export class TemporalCallError extends Error {
  override readonly name = 'TemporalCallError';
  constructor(what: string, options: { cause: unknown }) {
    super(`Temporal: ${what} failed`, options);
  }
}
