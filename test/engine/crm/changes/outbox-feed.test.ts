import { setTimeout as sleep } from 'node:timers/promises';
import { startOutboxFeed, type OutboxEntry, type OutboxFeed } from '../../../../engine/crm/changes/outbox-feed';
import { announceOutbox, type OutboxLane } from '../../../../engine/crm/changes/outbox';
import type { SqlClient } from '../../../../engine/crm/sql';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';

// Each lane has its own feed: a recompute's backlog in the bulk lane must not hold back a change
// made now. Before the lanes there was one feed in id order, and a live entry written after a
// backlog waited for all of it (about 21 minutes after a first recompute of 1M contacts).

describe.each(databaseKinds)('outbox feeds by lane on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let workspaceId: string;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
    workspaceId = (await db.prisma.workspace.create({ data: { name: 'feeds', slug: `feeds-${kind}` } })).id;
  });
  afterAll(async () => dispose());

  const write = async (sql: SqlClient, lane: OutboxLane, count: number, label: string) => {
    await sql.$executeRaw`
      INSERT INTO outbox_entry (workspace_id, topic, payload, lane)
      SELECT ${workspaceId}::uuid, 'score.changed', jsonb_build_object('label', ${label}::text || n), ${lane}::outbox_lane FROM generate_series(1, ${count}::int) AS n`;
    await announceOutbox(sql, workspaceId, lane);
  };
  const labelOf = (entry: OutboxEntry): string => (typeof entry.payload === 'object' && entry.payload !== null && 'label' in entry.payload ? String(entry.payload.label) : '?');
  const started: OutboxFeed[] = [];
  const feed = async (lane: OutboxLane, handle: (entries: readonly OutboxEntry[], sql: SqlClient) => Promise<void>) => {
    const running = await startOutboxFeed(db, handle, { lane, batchSize: 5, backstopMs: 3_600_000 });
    started.push(running);
    return running;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((running) => running.stop()));
    await db.prisma.outboxEntry.deleteMany({ where: { workspaceId } });
  });

  it('delivers only its own lane', async () => {
    await write(db.prisma, 'live', 3, 'live-');
    await write(db.prisma, 'bulk', 4, 'bulk-');
    const seen: Record<OutboxLane, string[]> = { live: [], bulk: [] };
    const live = await feed('live', async (entries) => void seen.live.push(...entries.map(labelOf)));
    await live.drain();
    expect(seen.live).toEqual(['live-1', 'live-2', 'live-3']);
    expect(await db.prisma.outboxEntry.count({ where: { workspaceId, lane: 'bulk', dispatchedAt: null } })).toBe(4);
    const bulk = await feed('bulk', async (entries) => void seen.bulk.push(...entries.map(labelOf)));
    await bulk.drain();
    expect(seen.bulk).toEqual(['bulk-1', 'bulk-2', 'bulk-3', 'bulk-4']);
    expect(seen.live).toHaveLength(3);
    expect(await db.prisma.outboxEntry.count({ where: { workspaceId, dispatchedAt: null } })).toBe(0);
  });

  it('delivers a live change written behind a bulk backlog before the backlog is through', async () => {
    await write(db.prisma, 'bulk', 50, 'bulk-');
    const order: string[] = [];
    // The live entry is written (and announced) by the bulk feed's first batch, so it is newer
    // than every bulk entry: one feed in id order would deliver it last.
    let first = true;
    await feed('live', async (entries) => void order.push(...entries.map(labelOf)));
    const bulk = await feed('bulk', async (entries, sql) => {
      order.push(...entries.map(labelOf));
      // Each batch takes a moment, as a real one does (Temporal calls): ten of them outlast the
      // live entry's NOTIFY on a loaded machine too.
      await sleep(10);
      if (first) {
        first = false;
        await write(sql, 'live', 1, 'live-');
      }
    });
    await bulk.drain();
    expect(order.filter((label) => label.startsWith('bulk-'))).toHaveLength(50);
    const live = order.indexOf('live-1');
    expect(live).toBeGreaterThan(0);
    expect(live).toBeLessThan(order.indexOf('bulk-50'));
  });
});
