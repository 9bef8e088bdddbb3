import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { Database } from '../../../engine/db';
import { connectWorker } from '../../../engine/temporal';
import type { Arrivals } from '../arrivals';
import { floorActivities } from './activities';
import { bareRun, floorEntrySignal } from './workflow';

const TASK_QUEUE = 'bench-latency-floor';
const NOTIFY_CHANNEL = 'bench_latency_floor';

export interface Floor {
  /** Signal-with-starts the bare workflow for `key`; resolves when the server accepted it. */
  signalWithStart(key: string): Promise<void>;
  /** Sends a NOTIFY whose listener signal-with-starts the bare workflow for `key`. */
  notify(key: string): Promise<void>;
  workflowIdOf(key: string): string;
  /** Resolves when the bare workflow of `key` has finished (samples do not overlap). */
  finished(key: string): Promise<void>;
  stop(): Promise<void>;
}

const workflowIdOf = (key: string): string => `bench-floor-${key}`;

/**
 * The floors, on the engine's own Temporal server (its client, a worker connected the way the
 * engine connects its own, default worker options as the engine's) and its own database
 * (LISTEN/NOTIFY through the engine's `Database`).
 */
export async function startFloor(address: string, namespace: string, client: Client, db: Database, arrivals: Arrivals): Promise<Floor> {
  const connection = await connectWorker(address);
  const worker = await Worker.create({ connection, namespace, taskQueue: TASK_QUEUE, workflowsPath: require.resolve('./workflow'), activities: floorActivities(arrivals) });
  const running = worker.run();
  const signalWithStart = async (key: string): Promise<void> => {
    await client.workflow.signalWithStart(bareRun, { workflowId: workflowIdOf(key), taskQueue: TASK_QUEUE, signal: floorEntrySignal, signalArgs: [key] });
  };
  const failures: unknown[] = [];
  const unlisten = await db.listen(NOTIFY_CHANNEL, (key) => {
    signalWithStart(key).catch((error: unknown) => failures.push(error));
  });
  return {
    signalWithStart,
    workflowIdOf,
    notify: async (key) => {
      if (failures.length > 0) throw failures[0];
      await db.prisma.$executeRaw`SELECT pg_notify(${NOTIFY_CHANNEL}, ${key})`;
    },
    finished: async (key) => {
      await client.workflow.getHandle(workflowIdOf(key)).result();
    },
    stop: async () => {
      await unlisten();
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
