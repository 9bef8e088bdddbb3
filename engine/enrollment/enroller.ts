import type { Client } from '@temporalio/client';
import type { JourneyEnroller } from '../../activities/enrollment/types';
import { refusedForGood } from '../dispatcher/refused';
import { startJourneyRun } from '../journeys/start-run';

/**
 * Entering contacts for bulk enrollments, bound to the engine's client. A start Temporal
 * refuses for good is reported as `refused` (counted as failed, the page goes on); anything
 * else (Temporal unreachable) throws, and the page activity is retried.
 */
export function createJourneyEnroller(client: Client, taskQueue: string): JourneyEnroller {
  return {
    enter: async (entry) => {
      try {
        await startJourneyRun(client, taskQueue, entry);
        return 'started';
      } catch (error) {
        if (refusedForGood(error)) return 'refused';
        throw error;
      }
    },
  };
}
