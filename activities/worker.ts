import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type WorkerDeps } from './index';

export interface JourneyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: WorkerDeps;
  /** Prebuilt bundle (tests bundle once per suite); otherwise bundled from workflows/. */
  workflowBundle?: WorkerOptions['workflowBundle'];
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
    ...workflowSource,
  });
}
