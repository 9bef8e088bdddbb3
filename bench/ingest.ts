// P5, ingestion throughput, each against a floor measured in the same run on the same machine:
// `POST /v1/track` requests/s (with persistence) against a fastify hello-world answering the
// same requests with the same autocannon settings, and `POST /v1/batch` events/s against a
// COPY of the same rows into the same table. On PGlite (the embedded default) always, and on a
// Postgres server too when DATABASE_URL is set (in a database of its own, dropped after).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult, judge, result, writeReport } from './harness/result';
import { createScratchDatabase } from './harness/scratch-database';
import { sized } from './harness/size';
import { startServer } from './ingest/child';
import { copySeconds, eventRowsCsv } from './ingest/copy';
import { postLoad, type LoadOutcome, type LoadSettings } from './ingest/load';
import type { BenchDatabase, Fixture } from './ingest/protocol';
import { Traffic } from './ingest/traffic';

const CONTACTS = sized({ small: 500, full: 5_000 });
const SECONDS = sized({ small: 3, full: 20 });
const WARMUP_SECONDS = sized({ small: 1, full: 3 });
/** An SDK's connections to the API; the same for the floor. */
const TRACK_LOAD: LoadSettings = { connections: 10, seconds: SECONDS };
/** A few backend workers flushing batches. */
const BATCH_LOAD: LoadSettings = { connections: 4, seconds: SECONDS };
/** Items per batch, as SDKs flush them (the API takes up to 500). */
const BATCH_SIZE = 100;

const log = (line: string) => process.stdout.write(`${line}\n`);
const rate = (value: number) => Math.round(value).toLocaleString('en');

interface Measured {
  readonly hello: LoadOutcome;
  readonly track: LoadOutcome;
  readonly batch: LoadOutcome & { readonly events: number; readonly eventsPerSecond: number; readonly itemErrors: number };
  readonly copy: { readonly rows: number; readonly seconds: number };
}

async function measure(database: BenchDatabase): Promise<Measured> {
  const helloServer = await startServer({ mode: 'hello' });
  const helloTraffic = new Traffic({ ids: ['00000000-0000-4000-8000-000000000000'], externalIds: ['cust-1'], emails: ['shopper-1@example.com'] });
  let hello: LoadOutcome;
  try {
    await postLoad(`${helloServer.url}/v1/track`, { ...TRACK_LOAD, seconds: WARMUP_SECONDS }, { authorization: 'Bearer unused' }, () => helloTraffic.track());
    hello = await postLoad(`${helloServer.url}/v1/track`, TRACK_LOAD, { authorization: 'Bearer unused' }, () => helloTraffic.track());
  } finally {
    await helloServer.stop();
  }
  log(`  hello-world: ${rate(hello.perSecond)} requests/s (p50 ${hello.latencyP50Ms} ms, p99 ${hello.latencyP99Ms} ms)`);

  const engine = await startServer({ mode: 'engine', database, contacts: CONTACTS });
  const fixture = requireFixture(engine.fixture);
  const traffic = new Traffic(fixture.contacts);
  const auth = { authorization: `Bearer ${fixture.apiKey}` };
  let track: LoadOutcome;
  let batch: Measured['batch'];
  try {
    await postLoad(`${engine.url}/v1/track`, { ...TRACK_LOAD, seconds: WARMUP_SECONDS }, auth, () => traffic.track());
    track = await postLoad(`${engine.url}/v1/track`, TRACK_LOAD, auth, () => traffic.track());
    log(`  /v1/track: ${rate(track.perSecond)} requests/s (p50 ${track.latencyP50Ms} ms, p99 ${track.latencyP99Ms} ms, ${track.failed} failed)`);
    const stored = { ok: 0, itemErrors: 0 };
    const count = (status: number, text: string) => {
      if (status !== 200) return;
      const reply = batchReplyCounts(text);
      stored.ok += reply.ok;
      stored.itemErrors += reply.error;
    };
    await postLoad(`${engine.url}/v1/batch`, { ...BATCH_LOAD, seconds: WARMUP_SECONDS }, auth, () => traffic.batch(BATCH_SIZE));
    const load = await postLoad(`${engine.url}/v1/batch`, BATCH_LOAD, auth, () => traffic.batch(BATCH_SIZE), count);
    batch = { ...load, events: stored.ok, eventsPerSecond: stored.ok / load.seconds, itemErrors: stored.itemErrors };
    log(`  /v1/batch: ${rate(batch.eventsPerSecond)} events/s (${BATCH_SIZE} per batch; p50 ${batch.latencyP50Ms} ms, p99 ${batch.latencyP99Ms} ms, ${batch.failed} failed, ${batch.itemErrors} item errors)`);
  } finally {
    await engine.stop();
  }

  const rows = Math.max(batch.events, 10_000);
  const copyTraffic = new Traffic(fixture.contacts);
  const csv = eventRowsCsv(fixture, Array.from({ length: rows }, () => copyTraffic.track()));
  const seconds = await copySeconds(database, csv);
  log(`  COPY: ${rate(rows / seconds)} rows/s (${rows.toLocaleString('en')} rows in ${seconds.toFixed(2)} s)`);
  return { hello, track, batch, copy: { rows, seconds } };
}

function requireFixture(fixture: Fixture | null): Fixture {
  if (fixture === null) throw new Error('the engine server reported no workspace');
  return fixture;
}

function batchReplyCounts(text: string): { ok: number; error: number } {
  const reply: unknown = JSON.parse(text);
  if (typeof reply !== 'object' || reply === null || !('ok' in reply) || !('error' in reply)) return { ok: 0, error: 0 };
  return { ok: typeof reply.ok === 'number' ? reply.ok : 0, error: typeof reply.error === 'number' ? reply.error : 0 };
}

function resultsOf(label: string, measured: Measured): BenchResult[] {
  const { hello, track, batch, copy } = measured;
  return [
    result({
      id: 'P5',
      name: 'POST /v1/track vs a fastify hello-world',
      size: `${CONTACTS.toLocaleString('en')} contacts, ${TRACK_LOAD.connections} connections, ${SECONDS} s, ${label}`,
      unit: 'requests/s',
      value: track.perSecond,
      floor: hello.perSecond,
      target: { kind: 'min', of: 'ratio', bound: 0.5 },
      details: { trackP50Ms: track.latencyP50Ms, trackP99Ms: track.latencyP99Ms, trackFailed: track.failed, helloP50Ms: hello.latencyP50Ms, helloP99Ms: hello.latencyP99Ms },
    }),
    result({
      id: 'P5',
      name: 'POST /v1/batch vs COPY of the same rows',
      size: `${BATCH_SIZE} events per batch, ${BATCH_LOAD.connections} connections, ${SECONDS} s, ${label}`,
      unit: 'events/s',
      value: batch.eventsPerSecond,
      floor: copy.rows / copy.seconds,
      target: { kind: 'min', of: 'ratio', bound: 0.3 },
      details: { events: batch.events, batchP50Ms: batch.latencyP50Ms, batchP99Ms: batch.latencyP99Ms, batchFailed: batch.failed, itemErrors: batch.itemErrors, copyRows: copy.rows, copySeconds: copy.seconds },
    }),
  ];
}

async function onPglite(): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
  try {
    log('PGlite (a data folder, as `npm start` uses):');
    return resultsOf('PGlite', await measure({ kind: 'pglite', dataDir }));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function onPostgres(serverUrl: string): Promise<BenchResult[]> {
  const scratch = await createScratchDatabase(serverUrl, 'ingest');
  try {
    log('Postgres server:');
    return resultsOf('Postgres', await measure({ kind: 'postgres', url: scratch.url }));
  } finally {
    await scratch.drop();
  }
}

async function main(): Promise<void> {
  const results = await onPglite();
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) results.push(...(await onPostgres(serverUrl)));
  const file = await writeReport('ingest', results);
  for (const row of results) log(`${row.pass ? 'met' : 'MISSED'}: ${row.name} (${row.size}): ${rate(row.value)} ${row.unit} vs ${rate(row.floor)}, ${row.ratio.toFixed(3)}× (target ≥ ${row.target.bound}×)`);
  log(`wrote ${file}`);
  judge(results);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
