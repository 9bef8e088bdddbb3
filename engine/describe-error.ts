/** The message of anything thrown, for one-line logs and errors. */
export const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));
