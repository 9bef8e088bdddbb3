import { proxyActivities } from '@temporalio/workflow';
import type { JourneyActivities } from '../../activities/journey';

/**
 * Actions talk to the outside world: retried with backoff for up to a day of attempts, so a
 * provider outage delays messages instead of dropping them. After that the node fails.
 */
export const actionActivities = proxyActivities<Pick<JourneyActivities, 'runAction'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 60 },
});

/**
 * Bookkeeping and reads of the engine's own database. Regular activities, not local ones:
 * the server then knows they are running, which keeps timeouts honest (and lets the
 * time-skipping test server see them). Retried without limit: if the database is down the
 * journey waits for it rather than losing its place.
 */
export const bookkeeping = proxyActivities<Omit<JourneyActivities, 'runAction'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
