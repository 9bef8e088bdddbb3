import pino from 'pino';
import { loadConfig } from '../config';
import { openDatabase } from '../db';
import { describeError } from '../describe-error';
import { seedDemoIfEmpty } from '../seed-demo';

/**
 * `npm run seed`: migrates the configured database and seeds the demo workspace if it has
 * none. Stop the app first in embedded mode: PGlite allows one process at a time.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, base: undefined });
  const db = await openDatabase(config.database);
  try {
    await db.migrate();
    await seedDemoIfEmpty(db, log);
    if ((await db.prisma.workspace.count()) > 0) log.info('the demo workspace is present');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`journey-engine seed: ${describeError(error)}\n`);
  process.exit(1);
});
