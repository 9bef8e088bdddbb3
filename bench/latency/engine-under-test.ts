import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createWorkspace } from '../../engine/accounts';
import { loadConfig } from '../../engine/config';
import type { Database } from '../../engine/db';
import { createApiKey } from '../../engine/journeys';
import { startEngine } from '../../engine/server';
import type { AppServices } from '../../engine/plugins/services';
import { freePort } from '../../test/support/ports';
import { projectRoot } from '../../engine/paths';
import { createScratchDatabase } from '../harness/scratch-database';

export interface EngineUnderTest {
  /** `PGlite` (npm start's default) or `Postgres` (a fresh database on DATABASE_URL's server). */
  readonly databaseKind: string;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** A full-scope API key of a fresh workspace. */
  readonly apiKey: string;
  readonly workspaceId: string;
  /** The engine's own database and Temporal client: the floors use the very same ones. */
  readonly db: Database;
  readonly temporal: AppServices['temporal'];
  stop(): Promise<void>;
}

/**
 * The whole product as `npm start` boots it (`startEngine` of engine/server.ts, which
 * engine/main.ts only wraps), in this process, on a fresh data folder: PGlite, its own
 * Temporal dev server, the worker, the dispatcher and the API on a free port.
 *
 * In this process rather than as a child so that the floors run on the very same database
 * (PGlite is one process: its NOTIFY can only be heard here) and the same Temporal server,
 * and so that a sample can be broken down with the engine's own timestamps. The bench's own
 * work (one HTTP request, one small recorder) is idle while a sample is in flight.
 *
 * With DATABASE_URL set, the engine runs on a fresh database of that Postgres server instead
 * (the production set-up), dropped at the end.
 */
export async function startEngineUnderTest(webhookHosts: readonly string[]): Promise<EngineUnderTest> {
  const stateDir = await mkdtemp(join(tmpdir(), 'je-bench-latency-'));
  const serverUrl = process.env.DATABASE_URL;
  const scratch = serverUrl ? await createScratchDatabase(serverUrl, 'latency') : undefined;
  const cleanUp = async (): Promise<void> => {
    await rm(stateDir, { recursive: true, force: true });
    await scratch?.drop();
  };
  // The dev server's binary comes from .tools/ (or PATH): never the SDK's download, which needs the internet.
  process.env.TEMPORAL_ALLOW_DOWNLOAD = 'false';
  const config = loadConfig(
    {
      DATA_DIR: stateDir,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
      TEMPORAL_DEV_UI_PORT: String(await freePort()),
      ...(process.env.TEMPORAL_CLI_PATH && { TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH }),
      ...(scratch && { DATABASE_URL: scratch.url }),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      // The action under test calls a webhook on loopback, which the SSRF guard refuses unless allowed.
      WEBHOOK_ALLOWED_HOSTS: webhookHosts.join(','),
      // The bench sends more calls a minute than the default limit allows; the limit is not what is measured.
      RATE_LIMIT_PER_MINUTE: '0',
    },
    projectRoot(),
  );
  const log = pino({ level: config.logLevel, base: undefined }, pino.destination(2));
  const engine = await startEngine(config, log, () => undefined).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  const { db, temporal } = engine.app.services;
  const workspace = await createWorkspace(db.prisma, { name: 'Latency bench' }, undefined);
  const { key } = await createApiKey(db.prisma, workspace.id, { name: 'bench', createdBy: 'cli' });
  return {
    databaseKind: scratch ? 'Postgres' : 'PGlite',
    url: engine.url,
    apiKey: key,
    workspaceId: workspace.id,
    db,
    temporal,
    stop: async () => {
      await engine.stop();
      await cleanUp();
    },
  };
}
