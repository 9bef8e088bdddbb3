import { summarise, type LatencySummary } from './stats';

/** One measured sample: its end-to-end latency and the stages it is made of (ms each). */
export interface Sample {
  readonly latency: number;
  readonly stages: Readonly<Record<string, number>>;
}

export interface SeriesResult {
  readonly latency: LatencySummary;
  /** The median of each stage, in the order the stages happen. */
  readonly stageMedians: Readonly<Record<string, number>>;
}

export interface Interleaved {
  readonly engine: SeriesResult;
  readonly floor: SeriesResult;
}

/**
 * Takes the engine's and the floor's samples alternately, one at a time (each waits for the
 * previous one's run to finish), so both see the same machine at the same moments and a
 * background hiccup lands on both series. The first `warmup` pairs are thrown away.
 */
export async function sampleInterleaved(options: {
  readonly warmup: number;
  readonly samples: number;
  readonly engine: (index: number) => Promise<Sample>;
  readonly floor: (index: number) => Promise<Sample>;
  readonly progress?: (done: number) => void;
}): Promise<Interleaved> {
  const engine: Sample[] = [];
  const floor: Sample[] = [];
  for (let index = 0; index < options.warmup + options.samples; index += 1) {
    // Alternate which goes first, so neither always follows the other's leftovers.
    let engineSample: Sample;
    let floorSample: Sample;
    if (index % 2 === 0) {
      engineSample = await options.engine(index);
      floorSample = await options.floor(index);
    } else {
      floorSample = await options.floor(index);
      engineSample = await options.engine(index);
    }
    if (index < options.warmup) continue;
    engine.push(engineSample);
    floor.push(floorSample);
    options.progress?.(engine.length);
  }
  return { engine: seriesOf(engine), floor: seriesOf(floor) };
}

function seriesOf(samples: readonly Sample[]): SeriesResult {
  const stageNames = [...new Set(samples.flatMap((sample) => Object.keys(sample.stages)))];
  const stageMedians: Record<string, number> = {};
  for (const name of stageNames) stageMedians[name] = summarise(samples.map((sample) => sample.stages[name] ?? Number.NaN)).p50;
  return { latency: summarise(samples.map((sample) => sample.latency)), stageMedians };
}
