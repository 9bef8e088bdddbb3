import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
  const bench = join(repositoryRoot(), 'bench', 'results');
  return benchSize() === 'small' ? join(bench, 'small') : bench;
}

/** The nearest folder with a package.json: the scripts also run compiled, from dist/bench. */
export function repositoryRoot(from: string = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${from}`);
    folder = parent;
  }
  return folder;
}
