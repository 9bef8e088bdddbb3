import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../engine/config';
import { openDatabase } from '../../engine/db';
import { createApiKey } from '../../engine/journeys';
import { spawnEngine, waitForHealthy } from '../support/engine-process';
import { freePort, isPortOpen } from '../support/ports';

/** The whole product as `npm start` runs it: a real process, real dev server, PGlite on disk. */
describe('npm start (dist/engine/main.js)', () => {
  it('comes up healthy, runs the hello workflow, stops on SIGINT leaving nothing running, and keeps its state', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'je-data-'));
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_DEV_SERVER_PORT: String(temporalPort),
      TEMPORAL_DEV_UI_PORT: String(uiPort),
      SEED_DEMO: 'false',
    };
    const base = `http://127.0.0.1:${port}`;
    const apiKey = await keyForNewWorkspace(env);

    const first = spawnEngine(env);
    const health = await waitForHealthy(`${base}/health`, first);
    expect(health).toEqual({
      status: 'ok',
      database: { status: 'ok', kind: 'pglite' },
      temporal: { status: 'ok', address: `127.0.0.1:${temporalPort}`, namespace: 'default' },
    });
    const hello = await fetch(`${base}/hello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ name: 'Ada' }),
    });
    expect(hello.status).toBe(200);
    const { workflowId, greeting } = (await hello.json()) as { workflowId: string; greeting: string };
    expect(greeting).toMatch(/^Hello, Ada! The worker reached the pglite database/);
    const ui = await fetch(`${base}/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('<div id="root">');

    first.child.kill('SIGINT');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(await isPortOpen('127.0.0.1', port)).toBe(false);
    expect(await isPortOpen('127.0.0.1', temporalPort)).toBe(false);
    expect(await isPortOpen('127.0.0.1', uiPort)).toBe(false);

    // Same data folder: the dev server's SQLite file still knows the finished workflow.
    const second = spawnEngine(env);
    await waitForHealthy(`${base}/health`, second);
    const { Connection, Client } = await import('@temporalio/client');
    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    const described = await new Client({ connection }).workflow.getHandle(workflowId).describe();
    await connection.close();
    expect(described.status.name).toBe('COMPLETED');
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(await isPortOpen('127.0.0.1', temporalPort)).toBe(false);
  });

  describe('bad configuration ends start-up with one clear line', () => {
    const runToExit = async (env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> => {
      const dataDir = await mkdtemp(join(tmpdir(), 'je-bad-'));
      const engine = spawnEngine({ DATA_DIR: dataDir, PORT: String(await freePort()), SEED_DEMO: 'false', ...env });
      const { code } = await engine.exited;
      return { code, lines: engine.output().trim().split('\n') };
    };

    it('unparseable DATABASE_URL', async () => {
      const { code, lines } = await runToExit({ DATABASE_URL: 'definitely not a url' });
      expect(code).toBe(1);
      expect(lines).toEqual([
        'journey-engine: Invalid configuration: DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database).',
      ]);
    });

    it('unreachable TEMPORAL_ADDRESS', async () => {
      const closed = await freePort();
      const { code, lines } = await runToExit({ TEMPORAL_ADDRESS: `127.0.0.1:${closed}`, TEMPORAL_CONNECT_TIMEOUT_MS: '1500' });
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^journey-engine: Cannot reach the Temporal server at 127\\.0\\.0\\.1:${closed} .*check TEMPORAL_ADDRESS`));
    });

    it('missing Temporal binary', async () => {
      const { code, lines } = await runToExit({
        TEMPORAL_CLI_PATH: '/nonexistent/temporal',
        TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
      });
      expect(code).toBe(1);
      expect(lines).toEqual(['journey-engine: TEMPORAL_CLI_PATH points at /nonexistent/temporal, which is not an executable file.']);
    });

    it('unreachable Postgres server', async () => {
      const closed = await freePort();
      const { code, lines } = await runToExit({ DATABASE_URL: `postgres://app:secret@127.0.0.1:${closed}/journeys` });
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^journey-engine: Cannot connect to the Postgres server in DATABASE_URL \(postgres:\/\/app:\*\*\*@127\.0\.0\.1/);
      expect(lines[0]).not.toContain('secret');
    });
  });
});

/** A workspace and API key in the data folder the process will use (PGlite: one process at a time, so before it starts). */
async function keyForNewWorkspace(env: Record<string, string>): Promise<string> {
  const db = await openDatabase(loadConfig(env).database);
  try {
    await db.migrate();
    const workspace = await db.prisma.workspace.create({ data: { name: 'Smoke', slug: 'smoke' } });
    return (await createApiKey(db.prisma, workspace.id, 'smoke')).key;
  } finally {
    await db.close();
  }
}
