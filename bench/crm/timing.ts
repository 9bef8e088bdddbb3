import { performance } from 'node:perf_hooks';

export const seconds = (ms: number): string => `${(ms / 1_000).toFixed(1)} s`;
export const milliseconds = (ms: number): string => `${ms.toFixed(1)} ms`;
export const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** Runs `work`, prints how long it took under `label`, and returns both. */
export async function timed<T>(label: string, work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  log(`  ${label}: ${seconds(ms)}`);
  return { ms, value };
}

/** The q-quantile (0..1) of the samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
