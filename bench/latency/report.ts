import type { SeriesResult } from './sampling';
import { describeSummary } from './stats';

/** Prints a series: its percentiles, then the median of each stage. */
export function printSeries(name: string, series: SeriesResult): void {
  console.log(describeSummary(name, series.latency));
  for (const [stage, median] of Object.entries(series.stageMedians)) console.log(`    ${stage.padEnd(52)} ${median.toFixed(1).padStart(7)}`);
}

/** Stage medians as result details, rounded to 0.1 ms. */
export const stageDetails = (prefix: string, series: SeriesResult): Record<string, number> =>
  Object.fromEntries(Object.entries(series.stageMedians).map(([stage, median]) => [`${prefix} median: ${stage}`, Math.round(median * 10) / 10]));
