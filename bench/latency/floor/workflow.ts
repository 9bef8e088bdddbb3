// Workflow code (runs in Temporal's sandbox): the floor's whole journey.
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { FloorActivities } from './activities';

/** Carries the sample key, as the entry event carries a journey's. */
export const floorEntrySignal = defineSignal<[string]>('floorEntry');

const { recordArrival } = proxyActivities<FloorActivities>({ startToCloseTimeout: '30 seconds' });

/**
 * The least a triggered journey must do: be signal-with-started, take the entry signal and
 * run one activity. What the engine adds on top of this is what the benchmarks measure.
 */
export async function bareRun(): Promise<void> {
  let key: string | undefined;
  setHandler(floorEntrySignal, (value) => {
    key = value;
  });
  await condition(() => key !== undefined);
  if (key !== undefined) await recordArrival(key);
}
