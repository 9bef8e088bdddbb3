// The CRM at scale, on a Postgres server, against references measured in the same run:
//   1. Full recompute of every score, stage, tier and segment of a large workspace (the batch
//      workflow's activities called in process, chunk after chunk), against
//        - the floor: ONE hand-written SQL aggregate of the same orders (count, sum, first and
//          last order per contact) into a table, the least any scoring of these orders must do;
//        - per-contact loops, timed on a sample and projected: the engine's own scoring run one
//          contact at a time (the same statements and results), and the way the tools we
//          replace work (read the contact's rows, compute in the application, write back).
//   2. A contact change reaching an outbox listener as segment.entered, against a bare
//      NOTIFY round trip.
// Sizes: BENCH_CONTACTS (default 1,000,000), BENCH_ORDERS (10,000,000), BENCH_EVENTS (2 per
// contact). Needs DATABASE_URL pointing at a Postgres server; it creates and drops its own
// database. Exits non-zero when a target below is missed.
import pg from 'pg';
import { loadCrmContext } from '../engine/crm/context';
import { finishRecompute, prepareRecompute, recomputeChunk } from '../engine/crm/recompute/run';
import { openDatabase, type Database } from '../engine/db';
import { measureChangeLatency } from './crm/change-latency';
import { generateWorkspace } from './crm/generate';
import { engineScoringOneContact, scoreOneContact } from './crm/per-contact-loop';
import { log, milliseconds, quantile, seconds, timed } from './crm/timing';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? CONTACTS * 2);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 5_000);
const LOOP_SAMPLE = Number(process.env.BENCH_LOOP_SAMPLE ?? 2_000);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 50);
const NOW = new Date('2026-06-30T00:00:00Z');

/** Targets: the set-based recompute must beat the same scoring run contact by contact by this factor... */
const MIN_SPEEDUP_OVER_LOOP = 10;
/** ...and a segment change must reach the listener within this, at the 95th percentile. */
const MAX_CHANGE_P95_MS = 1_000;

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL must point at a Postgres server (this benchmark needs one)');
  const name = `je_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  const sql = new pg.Client({ connectionString: url.toString() });
  // DROP DATABASE … WITH (FORCE) below terminates this session if it is still open; without a
  // listener that termination would be an unhandled 'error' event that kills the process.
  sql.on('error', () => undefined);
  const missed: string[] = [];
  try {
    await db.migrate();
    await sql.connect();
    log(`CRM at scale: ${CONTACTS.toLocaleString('en')} contacts, ${ORDERS.toLocaleString('en')} orders, ${EVENTS.toLocaleString('en')} events`);
    const workspaceId = await generateWorkspace(sql, { contacts: CONTACTS, orders: ORDERS, events: EVENTS }, NOW);

    log('\nfirst full recompute (the batch workflow’s activities, in process; every score is new):');
    const recompute = await timed('total', () => recomputeAll(db, workspaceId, NOW));
    log('\nthe next night’s recompute (a day later, no new data: only what the day moved changes):');
    const nightly = await timed('total', () => recomputeAll(db, workspaceId, new Date(NOW.getTime() + 86_400_000)));
    const rows = await sql.query<{ table: string; n: string }>(
      `SELECT 'rfm_score' AS table, count(*) AS n FROM rfm_score UNION ALL SELECT 'clv_score', count(*) FROM clv_score UNION ALL SELECT 'lead_score', count(*) FROM lead_score
       UNION ALL SELECT 'segment_membership', count(*) FROM segment_membership UNION ALL SELECT 'outbox_entry', count(*) FROM outbox_entry`,
    );
    log(`  rows: ${rows.rows.map((row) => `${row.table} ${Number(row.n).toLocaleString('en')}`).join(', ')}`);

    log('\nfloor: one hand-written SQL aggregate of the same orders:');
    const floor = await timed('CREATE TABLE AS SELECT … GROUP BY contact_id', () =>
      sql.query(
        `CREATE UNLOGGED TABLE bench_floor AS
         SELECT contact_id, count(*) AS orders, sum(amount) AS revenue, min(placed_at) AS first_at, max(placed_at) AS last_at
         FROM "order" WHERE workspace_id = $1 AND status IN ('paid', 'fulfilled') AND currency = 'USD' AND placed_at <= $2
         GROUP BY contact_id`,
        [workspaceId, NOW],
      ),
    );

    const sample = (await sql.query<{ id: string }>('SELECT id FROM contact WHERE workspace_id = $1 ORDER BY md5(id::text) LIMIT $2', [workspaceId, LOOP_SAMPLE])).rows;
    log(`\nper-contact loops, on ${LOOP_SAMPLE.toLocaleString('en')} contacts each:`);
    const context = await loadCrmContext(db.prisma, workspaceId, NOW);
    const engineLoop = await timed('the engine’s scoring, one contact per transaction', async () => {
      for (const { id } of sample) await engineScoringOneContact(db, context, id);
    });
    const appLoop = await timed('read, compute in the application, write back (RFM, CLV, engagement only)', async () => {
      for (const { id } of sample) await scoreOneContact(sql, workspaceId, id, NOW);
    });
    const engineLoopProjected = (engineLoop.ms / sample.length) * CONTACTS;
    const appLoopProjected = (appLoop.ms / sample.length) * CONTACTS;

    log(`\nsegment change → outbox listener, ${LATENCY_SAMPLES} contacts:`);
    const latency = await measureChangeLatency(db, sql, url.toString(), workspaceId, NOW, LATENCY_SAMPLES);

    const speedup = engineLoopProjected / recompute.ms;
    const changeP95 = quantile(latency.change, 0.95);
    log('\nsummary');
    log(`  first full recompute:        ${seconds(recompute.ms)}  (${Math.round(CONTACTS / (recompute.ms / 1_000)).toLocaleString('en')} contacts/s)`);
    log(`  next night’s recompute:      ${seconds(nightly.ms)}  (${Math.round(CONTACTS / (nightly.ms / 1_000)).toLocaleString('en')} contacts/s)`);
    log(`  SQL aggregate floor:         ${seconds(floor.ms)}  → the recompute takes ${(recompute.ms / floor.ms).toFixed(1)}× the floor`);
    log(`  same scoring per contact:    ${seconds(engineLoopProjected)} projected  → the recompute is ${speedup.toFixed(1)}× faster (target ≥ ${MIN_SPEEDUP_OVER_LOOP}×)`);
    log(`  application loop (3 scores): ${seconds(appLoopProjected)} projected  → the recompute (all scores) is ${(appLoopProjected / recompute.ms).toFixed(1)}× faster`);
    log(`  change → segment.entered:    median ${milliseconds(quantile(latency.change, 0.5))}, p95 ${milliseconds(changeP95)} (target p95 < ${MAX_CHANGE_P95_MS} ms)`);
    log(`  bare NOTIFY round trip:      median ${milliseconds(quantile(latency.notify, 0.5))}, p95 ${milliseconds(quantile(latency.notify, 0.95))}`);
    if (speedup < MIN_SPEEDUP_OVER_LOOP) missed.push(`recompute only ${speedup.toFixed(1)}× faster than the same scoring per contact`);
    if (!(changeP95 < MAX_CHANGE_P95_MS)) missed.push(`segment change p95 ${milliseconds(changeP95)}`);
  } finally {
    await sql.end().catch(() => undefined);
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  if (missed.length > 0) {
    log(`\nMISSED: ${missed.join('; ')}`);
    process.exitCode = 1;
  }
}

/** One recompute run as the workflow drives it: prepare, chunks in id order, finish. */
async function recomputeAll(db: Database, workspaceId: string, now: Date): Promise<void> {
  const prepared = await timed('prepare (fit CLV models, RFM boundaries, expire points)', () => prepareRecompute(db.prisma, { workspaceId, trigger: 'manual', now }));
  let cursor: string | null = null;
  let done = 0;
  await timed(`score ${Math.ceil(CONTACTS / CHUNK)} chunks of ${CHUNK}`, async () => {
    for (;;) {
      const chunk = await recomputeChunk(db.prisma, { workspaceId, runId: prepared.value.runId, after: cursor, limit: CHUNK, now });
      cursor = chunk.cursor;
      done += chunk.count;
      if (chunk.count > 0 && done % (CHUNK * 40) === 0) log(`    ${done.toLocaleString('en')} contacts`);
      if (chunk.count < CHUNK) break;
    }
  });
  await timed('finish (evaluate and sweep segments)', () => finishRecompute(db.prisma, { workspaceId, runId: prepared.value.runId, now }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
