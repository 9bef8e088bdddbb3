// Compile + lint of a generated 1,000-node journey, against a floor measured in the same run:
// cloning the draft and walking its edges once, the least any analysis of it must do. The
// target (median well under 100 ms) is checked here, never in a timed test.
import { performance } from 'node:perf_hooks';
import { compileJourney } from '../engine/journey/compile';
import { judge, result, writeReport } from './harness/result';
import { sized } from './harness/size';
import { lintJourney } from '../engine/journey/lint';
import type { JourneyDraft } from '../engine/journey/schema';
import { testCatalog } from '../test/engine/journey/fixtures';
import { generateDraft } from '../test/engine/journey/generate-draft';

const TARGET_MS = 100;
const NODES = 1_000;
const WARMUP = sized({ small: 3, full: 20 });
const RUNS = sized({ small: 20, full: 200 });

function seeded(seed: number, length: number): number[] {
  let state = seed;
  return Array.from({ length }, () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0));
}

function measure(work: () => void): { median: number; p95: number } {
  for (let run = 0; run < WARMUP; run += 1) work();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(RUNS / 2)] ?? 0, p95: times[Math.floor(RUNS * 0.95)] ?? 0 };
}

function floor(draft: JourneyDraft): void {
  const copy = structuredClone(draft);
  const adjacency = new Map<string, string[]>();
  for (const edge of copy.edges) adjacency.set(edge.source, [...(adjacency.get(edge.source) ?? []), edge.target]);
  const seen = new Set<string>();
  const queue = [copy.nodes[0]?.id ?? ''];
  while (queue.length > 0) {
    const id = queue.pop() ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(adjacency.get(id) ?? []));
  }
}

const draft = generateDraft(seeded(42, 4_000), NODES);
const compiled = compileJourney(draft, testCatalog);
if (!compiled.ok) throw new Error(`the generated journey does not compile: ${compiled.issues[0]?.message ?? ''}`);
const findings = lintJourney(compiled.plan, { catalog: testCatalog, knownEventNames: new Set(['event_0', 'event_1']), policy: { requireQuietHours: true, requireFrequencyCap: true } }).findings.length;

const base = measure(() => floor(draft));
const full = measure(() => {
  const result = compileJourney(draft, testCatalog);
  if (result.ok) lintJourney(result.plan, { catalog: testCatalog, knownEventNames: new Set(['event_0', 'event_1']), policy: { requireQuietHours: true, requireFrequencyCap: true } });
});
const compileOnly = measure(() => compileJourney(draft, testCatalog));

const row = (name: string, { median, p95 }: { median: number; p95: number }) => `${name.padEnd(34)} median ${median.toFixed(2).padStart(7)} ms   p95 ${p95.toFixed(2).padStart(7)} ms`;
console.log(`journey: ${draft.nodes.length} nodes, ${draft.edges.length} edges, ${findings} lint findings; ${RUNS} runs after ${WARMUP} warm-up`);
console.log(row('floor (clone + walk the edges)', base));
console.log(row('compile', compileOnly));
console.log(row('compile + lint', full));
console.log(`compile + lint = ${(full.median / Math.max(base.median, 0.001)).toFixed(1)} × floor; target: median under ${TARGET_MS} ms`);

const results = [
  result({
    id: 'P6',
    name: 'compile + lint, median',
    size: `${NODES.toLocaleString('en')} nodes`,
    unit: 'ms',
    value: full.median,
    floor: base.median,
    target: { kind: 'max', of: 'value', bound: TARGET_MS },
    details: { p95: full.p95, compileMedian: compileOnly.median, floorP95: base.p95 },
  }),
];
void writeReport('compile-lint', results);
judge(results);
