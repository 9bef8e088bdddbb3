import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../../engine/accounts';
import { runJourneyCli } from '../../../engine/cli/journey/run';
import { openDatabase } from '../../../engine/db';

// `journey-engine workspace create` against the embedded database `npm start` uses (DATA_DIR):
// the slug alone on stdout, the rest on stderr; bad values refused with the flag named.
describe('journey-engine workspace create', () => {
  let dir: string;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  const open = () => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'je-cli-workspace-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const db = await open();
    await db.migrate();
    await db.prisma.user.create({ data: { email: 'ada@shop.test', name: 'Ada', passwordHash: await hashPassword('correct horse battery staple') } });
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

  it('creates a workspace with an admin and records it in the audit log', async () => {
    const run = capture();
    expect(await runJourneyCli(['workspace', 'create', '--name', 'Café Europe', '--timezone', 'Europe/Paris', '--currency', 'EUR', '--admin', 'Ada@Shop.test'], run.io)).toBe(0);
    expect(run.out).toEqual(['cafe-europe']);
    const db = await open();
    try {
      const workspace = await db.prisma.workspace.findUniqueOrThrow({ where: { slug: 'cafe-europe' }, include: { memberships: { include: { user: true } } } });
      expect(workspace).toMatchObject({ name: 'Café Europe', timezone: 'Europe/Paris', currency: 'EUR' });
      expect(workspace.memberships.map((membership) => [membership.user.email, membership.role])).toEqual([['ada@shop.test', 'admin']]);
      expect(await db.prisma.auditEntry.findFirstOrThrow({ where: { workspaceId: workspace.id } })).toMatchObject({ action: 'workspace.created', actorType: 'system', actorId: 'cli' });
    } finally {
      await db.close();
    }
  });

  it.each([
    [['--name', 'X', '--timezone', 'Mars/Olympus'], 'journey-engine: --timezone "Mars/Olympus" is not an IANA time zone (e.g. Europe/Paris)'],
    [['--name', 'X', '--currency', 'EURO'], 'journey-engine: --currency "EURO" is not an ISO 4217 currency code (e.g. EUR)'],
    [['--name', 'X', '--slug', 'cafe-europe'], 'journey-engine: --slug the slug "cafe-europe" is taken'],
    [['--name', 'X', '--admin', 'nobody@shop.test'], 'journey-engine: --admin: no person signs in as "nobody@shop.test"'],
    [['--slug', 'x'], 'journey-engine: --name is required'],
  ])('refuses %j, naming the flag', async (flags, message) => {
    const run = capture();
    expect(await runJourneyCli(['workspace', 'create', ...flags], run.io)).toBe(2);
    expect(run.err).toEqual([message]);
  });
});
