import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { runJourneyCli } from '../../../engine/cli/journey/run';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

// Journeys without actions: the engine's built-in registry is empty until the actions issue,
// and validate/lint use the engine's registry.
const journey = (name: string, edges: { id: string; source: string; target: string; sourceHandle?: string }[]) => ({
  schemaVersion: 2,
  name,
  settings: { reentry: { mode: 'never' }, exitCriteria: [] },
  nodes: [
    { id: 'start', kind: 'trigger', position: { x: 0, y: 0 }, config: { type: 'event', event: 'Signed Up' } },
    { id: 'pause', kind: 'wait', position: { x: 0, y: 100 }, config: { type: 'event', event: 'Activated', timeout: { amount: 3, unit: 'days' } } },
    { id: 'done', kind: 'exit', position: { x: 0, y: 200 }, config: {} },
  ],
  edges,
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

describe('journey-engine CLI', () => {
  let dir: string;
  let good: string;
  let bad: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'journey-cli-'));
    good = join(dir, 'welcome.journey.json');
    bad = join(dir, 'broken.journey.json');
    await writeFile(good, JSON.stringify(journey('Welcome', [{ id: 'a', source: 'start', target: 'pause' }, { id: 'b', source: 'pause', target: 'done', sourceHandle: 'received' }])));
    await writeFile(bad, JSON.stringify(journey('Broken', [{ id: 'a', source: 'start', target: 'nowhere' }])));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validate: exit 0 for a valid file, 1 with node-located errors for an invalid one', async () => {
    const ok = capture();
    expect(await runJourneyCli(['validate', good], ok.io)).toBe(0);
    expect(ok.out).toEqual([`${good}: ok (3 nodes)`]);
    const failed = capture();
    expect(await runJourneyCli(['validate', good, bad], failed.io)).toBe(1);
    expect(failed.err.join('\n')).toContain(`${bad}: node start edge a: A connection points at node "nowhere"`);
  });

  it('lint: warnings by node, message counts, and --strict turns warnings into failure', async () => {
    const relaxed = capture();
    expect(await runJourneyCli(['lint', good, '--events', 'Signed Up,Activate'], relaxed.io)).toBe(0);
    expect(relaxed.err.join('\n')).toContain('warning: node pause field config.event');
    expect(relaxed.err.join('\n')).toContain('Did you mean "Activate"?');
    expect(await runJourneyCli(['lint', good, '--events', 'Signed Up,Activate', '--strict'], capture().io)).toBe(1);
    expect(await runJourneyCli(['lint', good, '--events', 'Signed Up,Activated', '--strict'], capture().io)).toBe(0);
  });

  it('explains usage mistakes in one line with exit code 2', async () => {
    for (const argv of [['frobnicate'], ['validate'], ['push', good], ['validate', join(dir, 'missing.json')], ['lint', good, '--no-such-flag']]) {
      const run = capture();
      expect(await runJourneyCli(argv, run.io)).toBe(2);
      expect(run.err[0]).toMatch(/^journey-engine: /);
    }
  });

  describe('push', () => {
    let database: { db: Database; dispose(): Promise<void> };
    let app: FastifyInstance;
    let url: string;
    let key: string;
    beforeAll(async () => {
      database = await openMigratedDatabase('pglite');
      app = await journeyApp(database.db);
      url = await app.listen({ host: '127.0.0.1', port: 0 });
      key = (await workspaceWithKey(database.db)).key;
    });
    afterAll(async () => {
      await app?.close();
      await database?.dispose();
    });

    it('saves and publishes a journey file on a running engine', async () => {
      const run = capture();
      expect(await runJourneyCli(['push', good, '--url', url, '--api-key', key, '--publish'], run.io)).toBe(0);
      expect(run.out).toEqual([expect.stringMatching(/saved as version 1 of journey [0-9a-f-]{36}$/), `${good}: published version 1`]);
      expect(await database.db.prisma.journeyVersion.count({ where: { publishedAt: { not: null } } })).toBe(1);
    });

    it('prints the engine\'s node-located issues when publishing fails, and refuses a wrong key', async () => {
      const failed = capture();
      expect(await runJourneyCli(['push', bad, '--url', url, '--api-key', key, '--publish'], failed.io)).toBe(1);
      expect(failed.err.join('\n')).toContain('cannot be published');
      const refused = capture();
      expect(await runJourneyCli(['push', good, '--url', url, '--api-key', 'jek_wrong'], refused.io)).toBe(1);
      expect(refused.err[0]).toContain('valid API key');
    });

    it('says when the URL answers but is not the engine', async () => {
      const proxy = createServer((_request, response) => {
        response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      try {
        const address = proxy.address();
        if (address === null || typeof address === 'string') throw new Error('the stand-in server has no TCP port');
        const { port } = address;
        const run = capture();
        expect(await runJourneyCli(['push', good, '--url', `http://127.0.0.1:${port}`, '--api-key', key], run.io)).toBe(1);
        expect(run.err).toEqual([`${good}: the server answered HTTP 502 without an engine error (is --url the engine?)`]);
      } finally {
        await new Promise((resolve) => proxy.close(resolve));
      }
    });

    it('says clearly when the engine cannot be reached', async () => {
      const run = capture();
      expect(await runJourneyCli(['push', good, '--url', 'http://127.0.0.1:9', '--api-key', key], run.io)).toBe(2);
      expect(run.err[0]).toContain('cannot reach the engine at http://127.0.0.1:9');
    });
  });
});
