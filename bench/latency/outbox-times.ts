import { OUTBOX_CHANNELS } from '../../engine/crm/changes/outbox';
import type { Database } from '../../engine/db';
import { now } from './clock';

/** When an outbox entry was written (its transaction began) and claimed by the dispatcher (its claiming transaction began). */
export interface OutboxTimes {
  readonly createdAt: number;
  readonly dispatchedAt: number;
}

/** The outbox entry of `topic` whose payload contains `match` (the bench's own entries are unique by it). */
export async function outboxTimes(db: Database, topic: string, match: Record<string, string>): Promise<OutboxTimes> {
  const rows = await db.prisma.$queryRaw<{ created_at: Date; dispatched_at: Date | null }[]>`
    SELECT created_at, dispatched_at FROM outbox_entry WHERE topic = ${topic} AND payload @> ${JSON.stringify(match)}::jsonb ORDER BY id LIMIT 1`;
  const row = rows[0];
  if (!row?.dispatched_at) throw new Error(`no dispatched ${topic} entry with ${JSON.stringify(match)}`);
  return { createdAt: row.created_at.getTime(), dispatchedAt: row.dispatched_at.getTime() };
}

/** Hears the outbox's NOTIFY as the dispatcher does (a second listener on the same database). */
export async function watchOutboxNotifications(db: Database): Promise<{ firstAfter(time: number): number; stop(): Promise<void> }> {
  const heard: number[] = [];
  const stop = await db.listen(OUTBOX_CHANNELS.live, () => {
    heard.push(now());
    if (heard.length > 10_000) heard.splice(0, 5_000);
  });
  return {
    firstAfter: (time) => heard.find((at) => at >= time) ?? Number.NaN,
    stop,
  };
}
