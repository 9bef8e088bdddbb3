import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { onJourneyTriggersChanged } from '../dispatcher/invalidation';
import { reconcileTriggerSchedules, type ReconcileReport } from './reconcile-schedules';

export interface ScheduleSyncOptions {
  onProblem: (problem: string) => void;
  onError: (error: unknown) => void;
  onReconciled?: (report: ReconcileReport) => void;
}

export interface ScheduleSync {
  /** Resolves when every reconcile asked for so far is done (tests, shutdown). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps the trigger schedules in step with the journeys: every workspace at start-up, then a
 * workspace each time `journeyTriggersChanged` announces a publish, pause, resume or archive.
 * Reconciles run one after another (never two at once on the same schedules); a failed one is
 * reported and the next announcement, or the next start, puts things right.
 */
export async function startScheduleSync(client: Client, prisma: PrismaClient, taskQueue: string, options: ScheduleSyncOptions): Promise<ScheduleSync> {
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (workspaceId: string | undefined): Promise<void> => {
    queue = queue
      .then(() => reconcileTriggerSchedules(client, prisma, taskQueue, workspaceId, options.onProblem))
      .then((report) => options.onReconciled?.(report), options.onError);
    return queue;
  };
  const unsubscribe = onJourneyTriggersChanged((workspaceId) => void enqueue(workspaceId));
  // A failure at boot is reported, not fatal: the engine still serves everything else.
  await enqueue(undefined);
  return {
    settled: () => queue,
    stop: async () => {
      unsubscribe();
      await queue;
    },
  };
}
