import type { Arrivals } from '../arrivals';

export interface FloorActivities {
  /** Records the time the floor's one activity ran, by sample key. */
  recordArrival(key: string): Promise<void>;
}

export const floorActivities = (arrivals: Arrivals): FloorActivities => ({
  recordArrival: async (key) => arrivals.record(key),
});
