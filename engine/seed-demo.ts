import type { Logger } from 'pino';
import { seedDemoWorkspace } from '../prisma/seed';
import type { Database } from './db';

/** First start only: fill the demo workspace so the product has something to show. */
export async function seedDemoIfEmpty(db: Database, log: Logger): Promise<void> {
  if ((await db.prisma.workspace.count()) > 0) return;
  const started = Date.now();
  const result = await seedDemoWorkspace(db.prisma);
  log.info(
    `seeded the demo workspace: ${result.contacts} contacts, ${result.orders} orders, ${result.events} events in ${Date.now() - started} ms`,
  );
}
