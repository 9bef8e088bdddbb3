import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { describeError } from '../describe-error';
import { TemporalUnavailableError } from './errors';


/** Connects the client side and proves the frontend answers before anything else starts. */
export async function connectClient(address: string, timeoutMs: number): Promise<Connection> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    await connection.workflowService.getSystemInfo({});
  } catch (error) {
    throw new TemporalUnavailableError(
      `Cannot reach the Temporal server at ${address} (${describeError(error)}); check TEMPORAL_ADDRESS or unset it to use the embedded dev server.`,
    );
  }
  return connection;
}

export async function connectWorker(address: string): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ address });
  } catch (error) {
    throw new TemporalUnavailableError(`The worker cannot connect to Temporal at ${address} (${describeError(error)}).`);
  }
}

/** Answers /health: is the frontend reachable right now? */
export async function probeTemporal(connection: Connection, timeoutMs = 2_000): Promise<void> {
  await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.getSystemInfo({}));
}
