import { join } from 'node:path';
import { projectRoot } from '../../engine/paths';

/**
 * `full` is the size the targets are stated for; `small` keeps every benchmark working in CI
 * (`npm run bench:small`) in seconds, and its figures are not compared with the targets.
 */
export type BenchSize = 'small' | 'full';

export function benchSize(): BenchSize {
  return process.env.BENCH_SIZE === 'small' ? 'small' : 'full';
}

/** Picks the figure for this run's size. */
export function sized<T>(sizes: { small: T; full: T }): T {
  return sizes[benchSize()];
}

/** bench/results for full runs (committed); bench/results/small for CI's runs (ignored). */
export function resultsFolder(): string {
  const bench = join(projectRoot(), 'bench', 'results');
  return benchSize() === 'small' ? join(bench, 'small') : bench;
}
