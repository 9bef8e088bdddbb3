import pino from 'pino';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db';
import { seedDemoIfEmpty } from '../../seed-demo';
import type { CliIo } from './io';

/** `seed`: migrates the database `npm start` uses and seeds the demo workspace if it has none (as `npm run seed`). */
export async function seedCommand(io: CliIo): Promise<number> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    await db.migrate();
    await seedDemoIfEmpty(db, pino({ level: 'warn', base: undefined }));
    io.err(`the database has ${await db.prisma.workspace.count()} workspace(s); the demo workspace is seeded when the database has none`);
    return 0;
  } finally {
    await db.close();
  }
}
