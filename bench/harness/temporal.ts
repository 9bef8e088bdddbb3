import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { projectRoot } from '../../engine/paths';
import { ensureJourneySearchAttributes, startDevServer } from '../../engine/temporal';
import { freePort } from '../../test/support/ports';
import type { Closers } from './closers';

export interface BenchTemporal {
  readonly address: string;
  readonly connection: Connection;
  readonly client: Client;
}

/** The embedded Temporal dev server as `npm start` runs it, its data in `folder`, ready to take journeys. */
export async function startBenchTemporal(folder: string, closers: Closers): Promise<BenchTemporal> {
  const port = await freePort();
  const devServer = await startDevServer(
    { mode: 'dev-server', address: `127.0.0.1:${port}`, namespace: 'default', taskQueue: 'journeys', connectTimeoutMs: 30_000, port, uiPort: await freePort(), dbFile: join(folder, 'temporal.db'), cliPath: undefined, projectRoot: projectRoot() },
    { info: () => undefined, warn: (message) => process.stderr.write(`temporal: ${message}\n`) },
  );
  closers.push(() => devServer.stop());
  const connection = await Connection.connect({ address: devServer.address });
  closers.push(() => connection.close());
  await untilNamespaceReady(connection);
  await ensureJourneySearchAttributes(connection, 'default');
  return { address: devServer.address, connection, client: new Client({ connection }) };
}

/** The dev server answers on its port a moment before its default namespace exists. */
async function untilNamespaceReady(connection: Connection): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
