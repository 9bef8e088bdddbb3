// The server under load, in its own process: the fastify hello-world, or the engine's app over
// its database. Separate from the load generator on purpose: autocannon in the same process
// would share the server's one JavaScript thread, so every request it sent would be time the
// server could not spend answering, and the engine (with PGlite in that thread too) would be
// penalised more than the hello-world. Started by bench/ingest/child.ts; reports its port (and
// the seeded workspace) over IPC, and stops on SIGTERM.
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../../engine/db';
import { engineApp } from './engine-app';
import { helloApp } from './hello';
import { parseServerRequest, type Fixture, type Ready } from './protocol';
import { seedShop } from './seed';

async function main(): Promise<void> {
  const request = parseServerRequest(process.argv[2]);
  let db: Database | undefined;
  let app: FastifyInstance;
  let fixture: Fixture | null = null;
  if (request.mode === 'hello') {
    app = await helloApp();
  } else {
    db = await openDatabase(request.database);
    await db.migrate();
    fixture = await seedShop(db, request.contacts);
    app = await engineApp(db);
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP port');
  const ready: Ready = { type: 'ready', port: address.port, fixture };
  process.send?.(ready);
  process.once('SIGTERM', () => {
    void (async () => {
      await app.close();
      await db?.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
