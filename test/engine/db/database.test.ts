import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../../engine/db';
import { projectRoot } from '../../../engine/paths';
import { createTestDatabase, databaseKinds } from '../../support/database';

/**
 * `prisma migrate status` through the real CLI, against the same database. Prisma 6.19's CLI
 * never disposes the driver adapter from prisma.config.ts, so after printing its verdict it
 * lingers (until pg's idle timeout; forever with PGlite): stop it once the verdict is out.
 */
function prismaMigrateStatus(env: Record<string, string>): Promise<{ output: string }> {
  return new Promise((resolvePromise, reject) => {
    // Its own process group: scripts/prisma.mjs runs the CLI as a child of its own, which a kill
    // of the wrapper alone would leave running after the test (it did, for the rest of CI).
    const child = spawn(process.execPath, [join(projectRoot(), 'scripts', 'prisma.mjs'), 'migrate', 'status'], {
      cwd: projectRoot(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      detached: true,
    });
    const stop = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group has already exited.
      }
    };
    let output = '';
    let verdictTimer: NodeJS.Timeout | undefined;
    const overall = setTimeout(stop, 90_000);
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!verdictTimer && /up to date|have not yet been applied/.test(output)) verdictTimer = setTimeout(stop, 5_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(overall);
      clearTimeout(verdictTimer);
      resolvePromise({ output });
    });
  });
}

describe.each(databaseKinds)('database on %s', (kind) => {
  it('applies the committed migrations at start, idempotently, and Prisma agrees they are applied', async () => {
    const target =
      kind === 'pglite'
        ? { config: { kind: 'pglite' as const, dataDir: join(await mkdtemp(join(tmpdir(), 'je-pglite-')), 'pglite') }, drop: async () => undefined }
        : await createTestDatabase('postgres');
    let db: Database | undefined = await openDatabase(target.config);
    try {
      const first = await db.migrate();
      expect(first.applied.length).toBeGreaterThan(0);
      expect(first.alreadyApplied).toBe(0);
      const second = await db.migrate();
      expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
      await db.ping();
      expect(await db.prisma.contact.count()).toBe(0);
      await db.close();
      db = undefined;

      const status = await prismaMigrateStatus(
        target.config.kind === 'postgres'
          ? { DATABASE_URL: target.config.url }
          : { DATA_DIR: join(target.config.dataDir, '..') },
      );
      expect(status.output).toContain('Database schema is up to date!');
    } finally {
      await db?.close();
      await target.drop();
    }
  });
});

describe.each(databaseKinds)('closing the database on %s', (kind) => {
  // A request whose client went away keeps running its transaction after the HTTP server has
  // closed (its connection is gone), so close() can come while one is in flight. It once
  // disconnected Prisma under a transaction that had just begun: the transaction's next
  // statement never settled, its connection was never released, and the pool's end() (and the
  // process's shutdown) waited for it forever.
  it('lets a transaction already in flight finish, then closes', async () => {
    const target = await createTestDatabase(kind);
    const db = await openDatabase(target.config);
    try {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let begun: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (begun = resolve));
      const work = db.prisma.$transaction(async (tx) => {
        begun();
        await gate;
        return tx.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`;
      });
      await started;
      const closed = db.close();
      release();
      await expect(work).resolves.toEqual([{ one: 1 }]);
      await closed;
    } finally {
      await target.drop();
    }
  }, 30_000);
});

describe('database on a Postgres server that drops connections', () => {
  const onServer = process.env.DATABASE_URL ? it : it.skip;
  onServer('survives the server ending its idle connections (restart, failover) and reconnects', async () => {
    const target = await createTestDatabase('postgres');
    const db = await openDatabase(target.config);
    try {
      await db.ping();
      const admin = await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL ?? '' });
      try {
        const url = new URL(target.config.kind === 'postgres' ? target.config.url : '');
        await admin.prisma.$executeRawUnsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, url.pathname.slice(1));
      } finally {
        await admin.close();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      await db.ping();
    } finally {
      await db.close();
      await target.drop();
    }
  });
});
