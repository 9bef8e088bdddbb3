import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJourneyCli } from '../../../engine/cli/journey/run';
import { openDatabase } from '../../../engine/db';

// `journey-engine contacts import` against the embedded database `npm start` uses (DATA_DIR):
// the report on stdout, the summary on stderr, exit 1 when rows were refused.
describe('journey-engine contacts import', () => {
  let dir: string;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'je-cli-import-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const db = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
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

  it('imports a file and reports each refused row', async () => {
    const file = join(dir, 'contacts.csv');
    await writeFile(file, 'email,first_name,plan\nada@example.com,Ada,pro\nbob@example.com,Bob,free\nnot-an-email,Cy,\n');
    const run = capture();
    expect(await runJourneyCli(['contacts', 'import', file, '--workspace', 'cli'], run.io)).toBe(1);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ rows: 3, created: 2, invalid: [{ line: 4, field: 'email' }] });
    expect(run.err.at(-1)).toBe('3 rows: 2 created, 0 updated, 0 unchanged, 0 repeated, 1 refused');
    const db = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
    try {
      expect(await db.prisma.contact.count()).toBe(2);
    } finally {
      await db.close();
    }
  });

  it('answers a wrong workspace, a missing file or a bad header with one line and exit 2', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'email,favourite colour\nx@example.com,blue\n');
    for (const args of [['contacts', 'import', file, '--workspace', 'nope'], ['contacts', 'import', join(dir, 'missing.csv'), '--workspace', 'cli'], ['contacts', 'import', file, '--workspace', 'cli'], ['contacts', 'import', file]]) {
      const run = capture();
      expect(await runJourneyCli(args, run.io)).toBe(2);
      expect(run.err[0]).toMatch(/^journey-engine: /);
    }
  });
});
