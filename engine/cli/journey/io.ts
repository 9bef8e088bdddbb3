/** Where a command writes; tests capture it, the bin passes process streams. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A mistake in how the command was called or in its input: one line, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
