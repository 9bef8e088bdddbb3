import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJourneyCli } from '../../../engine/cli/journey/run';
import { openDatabase } from '../../../engine/db';

describe('journey-engine seed', () => {
  let dir: string;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'je-cli-seed-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('seeds the demo workspace into an empty database, and only once', async () => {
    const io = { out: () => undefined, err: () => undefined };
    expect(await runJourneyCli(['seed'], io)).toBe(0);
    expect(await runJourneyCli(['seed'], io)).toBe(0);
    const db = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
    try {
      expect(await db.prisma.workspace.findMany({ select: { slug: true } })).toEqual([{ slug: 'demo' }]);
      expect(await db.prisma.contact.count()).toBeGreaterThan(100);
    } finally {
      await db.close();
    }
  });
});
