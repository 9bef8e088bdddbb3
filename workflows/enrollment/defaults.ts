/** Contacts entered per second when the caller does not say: gentle on Temporal and on the database. */
export const DEFAULT_RATE_PER_SECOND = 100;
/** The most a caller may ask for. */
export const MAX_RATE_PER_SECOND = 10_000;
