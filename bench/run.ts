// The benchmark suite: runs each benchmark in its own process (so one's servers and memory do
// not colour the next), then prints every result as one table. `npm run bench` runs them all at
// full size; `npm run bench:small` at the small size CI uses to keep them working; names pick
// some (`npm run bench -- journeys ingest`).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseReport, type BenchResult } from './harness/result';
import { benchSize, resultsFolder } from './harness/size';
import { resultsTable } from './harness/table';

interface Benchmark {
  readonly name: string;
  readonly covers: string;
  /** Runs only with a Postgres server (DATABASE_URL). */
  readonly needsPostgres?: boolean;
}

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'journeys', covers: 'P1, P1b' },
  { name: 'track-latency', covers: 'P2' },
  { name: 'segment-trigger', covers: 'P4' },
  { name: 'outbox-lanes', covers: 'P4b' },
  { name: 'ingest', covers: 'P5' },
  { name: 'crm-recompute', covers: 'P3, P3b', needsPostgres: true },
  { name: 'compile-lint', covers: 'P6' },
];

function runScript(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(__dirname, `${name}.js`)], { stdio: 'inherit', env: process.env });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const selected = wanted.length > 0 ? BENCHMARKS.filter((benchmark) => wanted.includes(benchmark.name)) : BENCHMARKS;
  const results: BenchResult[] = [];
  const failed: string[] = [];
  const skipped: string[] = [];
  for (const benchmark of selected) {
    if (benchmark.needsPostgres && !process.env.DATABASE_URL) {
      skipped.push(`${benchmark.name} (${benchmark.covers}): needs a Postgres server in DATABASE_URL`);
      continue;
    }
    process.stdout.write(`\n━━ ${benchmark.name} (${benchmark.covers}), ${benchSize()} size\n`);
    const started = Date.now();
    const code = await runScript(benchmark.name);
    process.stdout.write(`━━ ${benchmark.name}: ${((Date.now() - started) / 1_000).toFixed(0)} s\n`);
    if (code !== 0) failed.push(benchmark.name);
    try {
      const report = parseReport(await readFile(join(resultsFolder(), `${benchmark.name}.json`), 'utf8'));
      if (Date.parse(report.at) >= started) results.push(...report.results);
      else failed.push(`${benchmark.name} (wrote no results)`);
    } catch {
      failed.push(`${benchmark.name} (wrote no results)`);
    }
  }
  process.stdout.write(`\n${resultsTable(results)}\n`);
  for (const line of skipped) process.stdout.write(`skipped: ${line}\n`);
  const missed = results.filter((row) => !row.pass).map((row) => `${row.id} ${row.name} (${row.ratio.toFixed(2)}×)`);
  if (benchSize() === 'small') {
    // Small sizes keep the benchmarks working; their figures say nothing about the targets.
    process.stdout.write('small size: targets are not judged\n');
  } else if (missed.length > 0) {
    process.stdout.write(`missed: ${missed.join('; ')}\n`);
    process.exitCode = 1;
  }
  if (failed.length > 0) {
    process.stdout.write(`failed: ${failed.join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
