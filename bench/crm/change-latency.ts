import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { contactChanged } from '../../engine/crm/changes/contact-changed';
import { startOutboxFeed } from '../../engine/crm/changes/outbox-feed';
import { dependency } from '../../engine/crm/segments/dependencies';
import type { Database } from '../../engine/db';
import { CART_EVENT } from './generate';

export interface LatencySamples {
  /** Event written → its contact's segment.entered handed to an outbox listener. */
  readonly change: number[];
  /** The floor: a bare NOTIFY on one connection → the LISTEN on another. */
  readonly notify: number[];
}

/**
 * A contact adds to cart; how long until the trigger dispatcher's outbox feed holds the
 * `segment.entered` of the "Cart today" segment? Measured end to end on the large workspace:
 * the event insert, the change path (advisory lock, dependent segments only, diff, history,
 * outbox) and the NOTIFY that wakes the feed, with the backstop an hour away so only NOTIFY can
 * deliver, while the recompute's changes are still waiting in the bulk lane. The floor is a bare
 * NOTIFY round trip between two connections.
 */
export async function measureChangeLatency(db: Database, sql: pg.Client, listenUrl: string, workspaceId: string, now: Date, samples: number): Promise<LatencySamples> {
  // The recompute's own change events stay undelivered in the bulk lane, as right after a
  // recompute: the live feed measured here must not wait behind them. Anything left in the live
  // lane is marked delivered (a running dispatcher would have), and VACUUM clears the index
  // entries that update left dead.
  await sql.query(`UPDATE outbox_entry SET dispatched_at = now() WHERE lane = 'live' AND dispatched_at IS NULL`);
  await sql.query('VACUUM ANALYZE outbox_entry');
  const contacts = (
    await sql.query<{ id: string }>(
      `SELECT c.id FROM contact c WHERE c.workspace_id = $1
       AND NOT EXISTS (SELECT 1 FROM segment_membership m JOIN segment s ON s.id = m.segment_id WHERE m.contact_id = c.id AND s.name = 'Cart today')
       ORDER BY md5(c.id::text) LIMIT $2`,
      [workspaceId, samples],
    )
  ).rows;
  const waiting = new Map<string, () => void>();
  const feed = await startOutboxFeed(db, async (entries) => {
    for (const entry of entries) {
      const payload = entry.payload;
      if (entry.topic !== 'segment.entered' || typeof payload !== 'object' || payload === null || !('contactId' in payload)) continue;
      waiting.get(String(payload.contactId))?.();
    }
  }, { lane: 'live', backstopMs: 3_600_000 });
  const change: number[] = [];
  try {
    for (const [index, { id }] of contacts.entries()) {
      const arrived = new Promise<void>((resolve) => waiting.set(id, resolve));
      const started = performance.now();
      await sql.query(`INSERT INTO event (id, workspace_id, contact_id, name, properties, message_id, occurred_at) VALUES (gen_random_uuid(), $1, $2, $3, '{}', $4, $5)`, [
        workspaceId,
        id,
        CART_EVENT,
        `latency-${index}`,
        now,
      ]);
      await contactChanged(db.prisma, { workspaceId, contactIds: [id], touched: [dependency.event(CART_EVENT)], now });
      await arrived;
      change.push(performance.now() - started);
    }
  } finally {
    await feed.stop();
  }
  return { change, notify: await notifyRoundTrips(sql, listenUrl, samples) };
}

async function notifyRoundTrips(sql: pg.Client, listenUrl: string, samples: number): Promise<number[]> {
  const listener = new pg.Client({ connectionString: listenUrl });
  await listener.connect();
  try {
    await listener.query('LISTEN bench_floor');
    const times: number[] = [];
    for (let index = 0; index < samples; index += 1) {
      const arrived = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
      const started = performance.now();
      await sql.query(`SELECT pg_notify('bench_floor', $1)`, [String(index)]);
      await arrived;
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await listener.end();
  }
}
