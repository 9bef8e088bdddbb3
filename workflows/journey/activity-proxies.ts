import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { JourneyActivities } from '../../activities/journey';

/**
 * Actions talk to the outside world: retried with backoff for up to a day of attempts, so a
 * provider outage delays messages instead of dropping them. After that the node fails.
 */
export const actionActivities = proxyActivities<Pick<JourneyActivities, 'runAction' | 'enterAndRunAction'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 60 },
});

type Bookkeeping = Omit<JourneyActivities, 'runAction' | 'enterAndRunAction'>;
const bookkeepingRetry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

/**
 * Bookkeeping and reads of the engine's own database, as regular activities: how runs started
 * before the `lean-bookkeeping` patch keep doing it (their histories hold these activities).
 */
export const bookkeeping = proxyActivities<Bookkeeping>({ startToCloseTimeout: '30 seconds', retry: bookkeepingRetry });

/**
 * The same, as local activities: run by the worker inside the workflow task, recorded as a
 * marker, with no task of their own on the server. Each is one short statement or transaction
 * against the engine's database, so the server round trips an activity costs (schedule, poll,
 * complete, a new workflow task) were most of a journey's overhead over bare Temporal. Retried
 * without limit: if the database is down the journey waits for it rather than losing its place
 * (past a minute of attempts the worker backs off with a timer, as for any local activity).
 */
export const localBookkeeping = proxyLocalActivities<Bookkeeping>({ startToCloseTimeout: '30 seconds', retry: bookkeepingRetry, localRetryThreshold: '1 minute' });

export type BookkeepingActivities = typeof bookkeeping;
