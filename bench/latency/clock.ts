import { performance } from 'node:perf_hooks';

/**
 * Wall-clock time in milliseconds with sub-millisecond precision: differences are latencies,
 * and the values compare with the database's and the Temporal server's timestamps (same
 * machine, same clock) when a sample is broken down into stages.
 */
export const now = (): number => performance.timeOrigin + performance.now();
