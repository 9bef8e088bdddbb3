// P4b: a live change dispatched while a recompute's change events are still waiting in the
// outbox, against the same change dispatched with the outbox empty, in the same run on the
// same database and Temporal server. Not one of the targets: it guards the outbox
// lanes (engine/dispatcher/README.md), without which a live change waited for the whole
// backlog (18.1 s behind 100,000 entries; a first recompute of 1M contacts writes 8.7M).
// Also reports how fast the dispatcher drains the bulk lane. On PGlite always, and on
// Postgres when DATABASE_URL is set.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { announceOutbox, type OutboxLane } from '../engine/crm/changes/outbox';
import type { OutboxEntry } from '../engine/crm/changes/outbox-feed';
import type { Database } from '../engine/db';
import { startDispatcher } from '../engine/dispatcher';
import { Closers } from './harness/closers';
import { openBenchDatabase, type DatabaseKind } from './harness/database';
import { judge, result, writeReport, type BenchResult } from './harness/result';
import { sized } from './harness/size';
import { startBenchTemporal } from './harness/temporal';
import { summarise } from './latency/stats';

/** Entries a recompute left behind (a chunk of 100,000 contacts writes about 870,000). */
const BACKLOG = sized({ small: 5_000, full: 100_000 });
const SAMPLES = sized({ small: 5, full: 30 });
const MAX_RATIO = 2;

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Measured {
  readonly alone: number[];
  readonly behindBacklog: number[];
  /** Bulk entries still undispatched when the last live sample was dispatched. */
  readonly pendingAtLastSample: number;
  readonly bulkPerSecond: number;
}

/** Live entries as a score change makes them: nothing in the workspace listens to them. */
class LiveChanges {
  readonly #waiting = new Map<string, () => void>();
  #next = 0;

  constructor(
    private readonly db: Database,
    private readonly workspaceId: string,
  ) {}

  dispatched(entries: readonly OutboxEntry[]): void {
    for (const entry of entries) this.#waiting.get(String(entry.id))?.();
  }

  /** Writes one live entry and times its commit → its batch dispatched (the commit included, as P2 and P4 count theirs). */
  async timeOne(): Promise<number> {
    const label = `live-${(this.#next += 1)}`;
    let arrived: Promise<void> = Promise.resolve();
    let started = 0;
    await this.db.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ id: bigint }[]>`
        INSERT INTO outbox_entry (workspace_id, topic, payload, lane)
        VALUES (${this.workspaceId}::uuid, 'score.changed', jsonb_build_object('contactId', gen_random_uuid(), 'model', 'lead', 'field', 'score', 'from', 1, 'to', 2, 'label', ${label}::text), 'live')
        RETURNING id`;
      const id = String(row?.id);
      arrived = new Promise<void>((resolve) => this.#waiting.set(id, resolve));
      await announceOutbox(tx, this.workspaceId, 'live');
      started = performance.now();
    });
    await arrived;
    return performance.now() - started;
  }
}

async function measure(kind: DatabaseKind): Promise<Measured> {
  const closers = new Closers();
  try {
    const folder = await mkdtemp(join(tmpdir(), 'je-bench-lanes-'));
    closers.push(() => rm(folder, { recursive: true, force: true }));
    const db = await openBenchDatabase(kind, 'lanes', folder, closers);
    const { client } = await startBenchTemporal(folder, closers);
    const workspaceId = (await db.prisma.workspace.create({ data: { name: 'Outbox lanes', slug: 'outbox-lanes' } })).id;
    const live = new LiveChanges(db, workspaceId);
    let bulkDispatched = 0;
    let lastBulkAt = 0;
    const onDispatched = (lane: OutboxLane, entries: readonly OutboxEntry[]) => {
      if (lane === 'live') return live.dispatched(entries);
      bulkDispatched += entries.length;
      lastBulkAt = performance.now();
    };
    const dispatcher = await startDispatcher(db, client, 'outbox-lanes', { onDispatched, onError: (error) => process.stderr.write(`dispatch: ${String(error)}\n`) });
    closers.push(() => dispatcher.stop());

    for (let index = 0; index < 3; index += 1) await live.timeOne();
    const alone: number[] = [];
    for (let index = 0; index < SAMPLES; index += 1) alone.push(await live.timeOne());

    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO outbox_entry (workspace_id, topic, payload, lane)
        SELECT ${workspaceId}::uuid, 'score.changed', jsonb_build_object('contactId', gen_random_uuid(), 'model', 'engagement', 'field', 'score', 'from', n % 100, 'to', n % 100 + 1), 'bulk'
        FROM generate_series(1, ${BACKLOG}::int) AS n`;
      await announceOutbox(tx, workspaceId, 'bulk');
    });
    const backlogAt = performance.now();
    const behindBacklog: number[] = [];
    for (let index = 0; index < SAMPLES; index += 1) behindBacklog.push(await live.timeOne());
    const pendingAtLastSample = BACKLOG - bulkDispatched;
    await dispatcher.drain();
    if (bulkDispatched < BACKLOG) throw new Error(`the bulk lane dispatched ${bulkDispatched} of ${BACKLOG} entries`);
    return { alone, behindBacklog, pendingAtLastSample, bulkPerSecond: BACKLOG / ((lastBulkAt - backlogAt) / 1_000) };
  } finally {
    await closers.close();
  }
}

function resultOf(kind: DatabaseKind, measured: Measured): BenchResult {
  const alone = summarise(measured.alone);
  const behind = summarise(measured.behindBacklog);
  log(
    `  a live change alone: p50 ${alone.p50.toFixed(1)} ms; behind ${BACKLOG.toLocaleString('en')} bulk entries: p50 ${behind.p50.toFixed(1)} ms, p99 ${behind.p99.toFixed(1)} ms ` +
      `(${measured.pendingAtLastSample.toLocaleString('en')} still waiting at the last sample); bulk lane drained at ${Math.round(measured.bulkPerSecond).toLocaleString('en')} entries/s`,
  );
  return result({
    id: 'P4b',
    name: 'live change dispatched behind a recompute backlog vs with an empty outbox, p50',
    size: `${BACKLOG.toLocaleString('en')} bulk entries, ${SAMPLES} samples, ${kind === 'pglite' ? 'PGlite' : 'Postgres'}`,
    unit: 'ms',
    value: behind.p50,
    floor: alone.p50,
    target: { kind: 'max', of: 'ratio', bound: MAX_RATIO },
    details: {
      behindBacklogP99Ms: behind.p99,
      aloneP99Ms: alone.p99,
      bulkPendingAtLastSample: measured.pendingAtLastSample,
      bulkEntriesPerSecond: measured.bulkPerSecond,
    },
  });
}

async function main(): Promise<void> {
  const kinds: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const results: BenchResult[] = [];
  for (const kind of kinds) {
    log(kind === 'pglite' ? 'PGlite:' : 'Postgres server:');
    results.push(resultOf(kind, await measure(kind)));
  }
  log(`wrote ${await writeReport('outbox-lanes', results)}`);
  judge(results);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
