import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { POSTGRES_POOL_SIZE } from '../engine/db/postgres';
import { createActivities, type WorkerDeps } from './index';

export interface JourneyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: WorkerDeps;
  /** Prebuilt bundle (tests bundle once per suite); otherwise bundled from workflows/. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Sizes the worker's concurrency to what the database can serve (see journeyWorkerTuning). */
  databaseKind?: 'pglite' | 'postgres';
}

/**
 * The worker's concurrency, sized to the database behind the activities (shared with the
 * benchmark's floor worker so both run alike). Local activities (a run's bookkeeping) hold a
 * connection for all of their few milliseconds: one slot per pooled connection. Regular
 * activities (actions) spend most of their time on a provider (SMTP, Twilio, a webhook) and hold
 * a connection only for their ledger writes: four times as many slots keeps the pool busy.
 * Measured (bench/README.md, P1): with 8 connections for 32 actions, bookkeeping waited behind
 * the sends and 300 concurrent journeys ran at 0.2× of bare Temporal; with 16 at 0.87×. PGlite
 * is one connection in this process; eight bookkeeping slots let a run's entry interleave with
 * the sends instead of queueing behind all of them (0.5× with four, 0.96× with eight).
 */
export function journeyWorkerTuning(databaseKind: 'pglite' | 'postgres' = 'postgres'): Pick<WorkerOptions, 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentLocalActivityExecutions' | 'maxConcurrentWorkflowTaskExecutions'> {
  const connections = databaseKind === 'pglite' ? 8 : POSTGRES_POOL_SIZE;
  return {
    maxConcurrentActivityTaskExecutions: connections * 4,
    maxConcurrentLocalActivityExecutions: connections,
    maxConcurrentWorkflowTaskExecutions: 40,
  };
}

/** The worker entry: wires the workflows and the activities with their dependencies. */
export async function createJourneyWorker(options: JourneyWorkerOptions): Promise<Worker> {
  const workflowSource = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowsPath: require.resolve('../workflows') };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.deps),
    ...journeyWorkerTuning(options.databaseKind),
    ...workflowSource,
  });
}
