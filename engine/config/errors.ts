/** A configuration problem a person can fix; start-up prints its message as one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
