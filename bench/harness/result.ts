import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { benchSize, resultsFolder } from './size';

/**
 * One measured figure against its floor, measured in the same run on the same servers. Every
 * benchmark of the suite writes these; `bench/run.ts` reads them back (checked against this
 * schema) and prints them as one table.
 */
export const BenchResult = Type.Object({
  /** The benchmark id (P1, P1b, …), so a row can be traced to its target. */
  id: Type.String(),
  name: Type.String(),
  /** What was measured and at which size, in words ("10,000 contacts, PGlite"). */
  size: Type.String(),
  unit: Type.String(),
  value: Type.Number(),
  floor: Type.Number(),
  /** value / floor. */
  ratio: Type.Number(),
  /**
   * `min`: at least `bound` (throughput); `max`: at most (time, latency). Of the ratio as a
   * rule; of the value itself where the issue states a bound in units (P6: under 100 ms).
   */
  target: Type.Object({
    kind: Type.Union([Type.Literal('min'), Type.Literal('max')]),
    of: Type.Union([Type.Literal('ratio'), Type.Literal('value')]),
    bound: Type.Number(),
  }),
  pass: Type.Boolean(),
  /** Figures that explain the result (peak RSS, rows written, p99 …). */
  details: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()]))),
});
export type BenchResult = Static<typeof BenchResult>;

export const BenchReport = Type.Object({
  benchmark: Type.String(),
  size: Type.Union([Type.Literal('small'), Type.Literal('full')]),
  at: Type.String(),
  machine: Type.Object({ cpus: Type.Number(), node: Type.String() }),
  results: Type.Array(BenchResult),
});
export type BenchReport = Static<typeof BenchReport>;

/** Builds a result, computing its ratio and whether it meets the target. */
export function result(input: Omit<BenchResult, 'ratio' | 'pass'>): BenchResult {
  const ratio = input.floor === 0 ? Number.POSITIVE_INFINITY : input.value / input.floor;
  const judged = input.target.of === 'value' ? input.value : ratio;
  const pass = input.target.kind === 'min' ? judged >= input.target.bound : judged <= input.target.bound;
  return { ...input, ratio, pass };
}

/** Writes `bench/results[/small]/<benchmark>.json` and returns its path. */
/** Reads a report a benchmark wrote, or says what is wrong with it. */
export function parseReport(text: string): BenchReport {
  const json: unknown = JSON.parse(text);
  if (!Value.Check(BenchReport, json)) throw new Error(`not a benchmark report: ${[...Value.Errors(BenchReport, json)][0]?.message ?? ''}`);
  return json;
}

export async function writeReport(benchmark: string, results: readonly BenchResult[]): Promise<string> {
  const { availableParallelism } = await import('node:os');
  const report: BenchReport = {
    benchmark,
    size: benchSize(),
    at: new Date().toISOString(),
    machine: { cpus: availableParallelism(), node: process.version },
    results: [...results],
  };
  const file = join(resultsFolder(), `${benchmark}.json`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/**
 * Ends a benchmark run: only full-size figures are judged (small sizes keep the benchmarks
 * working), so a missed target fails the process at full size and never at small size.
 */
export function judge(results: readonly BenchResult[]): void {
  if (benchSize() === 'full' && results.some((row) => !row.pass)) process.exitCode = 1;
}
