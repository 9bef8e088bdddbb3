import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJourneyCli } from '../../../engine/cli/journey/run';
import { openDatabase } from '../../../engine/db';
import { authenticateApiKey } from '../../../engine/journeys';

// `journey-engine api-key create` against the embedded database `npm start` uses (DATA_DIR):
// the key alone on stdout (the README captures it with KEY=$(…)), the rest on stderr.
describe('journey-engine api-key create', () => {
  let dir: string;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  const open = () => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'je-cli-key-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const db = await open();
    await db.migrate();
    await db.prisma.workspace.create({ data: { name: 'CLI', slug: 'cli' } });
    await db.close();
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(dir, { recursive: true, force: true });
  });

  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
  }

  it.each([
    [[], 'full'],
    [['--scope', 'ingest'], 'ingest'],
    [['--scope', 'read'], 'read'],
  ])('prints just the key, with %j giving a %s key made by the CLI', async (extra, scope) => {
    const run = capture();
    expect(await runJourneyCli(['api-key', 'create', '--workspace', 'cli', '--name', `local ${scope}`, ...extra], run.io)).toBe(0);
    expect(run.out).toEqual([expect.stringMatching(/^jek_[A-Za-z0-9_-]{43}$/)]);
    expect(run.err.join('\n')).toContain(`scope ${scope}`);
    const db = await open();
    try {
      expect(await authenticateApiKey(db.prisma, run.out[0] ?? '')).toMatchObject({ scope });
      expect(await db.prisma.apiKey.findFirstOrThrow({ where: { name: `local ${scope}` } })).toMatchObject({ scope, createdBy: 'cli' });
    } finally {
      await db.close();
    }
  });

  it('refuses a scope that does not exist before touching the database', async () => {
    const run = capture();
    expect(await runJourneyCli(['api-key', 'create', '--workspace', 'cli', '--name', 'x', '--scope', 'owner'], run.io)).toBe(2);
    expect(run.err).toEqual(['journey-engine: --scope must be one of full, ingest, read, not "owner"']);
  });
});
