import type { ContactScope, SqlClient } from '../sql';
import type { CrmChange } from './topics';
import { Prisma } from '../../../prisma/generated/client';
import { reusedPlan } from '../../db/reused-plan';

/**
 * Which of the dispatcher's feeds delivers an entry (the `outbox_lane` column). `live`: a change
 * made now for a contact or a few (ingestion, API calls, journey steps), which triggers expect
 * within milliseconds. `bulk`: changes made over a range of contacts (a recompute chunk, a
 * segment sweep, a deleted segment's exits), millions at a time; their own feed drains them,
 * so a night's recompute never queues ahead of a tracked event.
 */
export type OutboxLane = 'live' | 'bulk';
export const OUTBOX_LANES: readonly OutboxLane[] = ['live', 'bulk'];

/** A change to a list of contacts is live; one over a range or the whole workspace is bulk. */
export const laneOf = (scope: ContactScope): OutboxLane => (scope.kind === 'ids' ? 'live' : 'bulk');

/**
 * The channel a lane's committed entries are announced on (NOTIFY is delivered at commit). One
 * per lane, so a live change does not also wake the bulk feed for an empty claim (on PGlite that
 * claim would queue for the one connection ahead of the live feed's).
 */
export const OUTBOX_CHANNELS: Readonly<Record<OutboxLane, string>> = { live: 'crm_outbox', bulk: 'crm_outbox_bulk' };

/**
 * Appends change events to the transactional outbox in one statement. Called inside the
 * transaction that made the change, so the change and its announcement commit together or
 * not at all; the NOTIFY wakes the dispatcher when (and only if) the transaction commits.
 */
export async function appendToOutbox(sql: SqlClient, workspaceId: string, changes: readonly CrmChange[]): Promise<void> {
  if (changes.length === 0) return;
  const entries = changes.map(({ topic, ...payload }) => ({ topic, payload }));
  await sql.$executeRaw(reusedPlan(Prisma.sql`
    INSERT INTO outbox_entry (workspace_id, topic, payload)
    SELECT ${workspaceId}::uuid, entry ->> 'topic', entry -> 'payload'
    FROM jsonb_array_elements(${JSON.stringify(entries)}::jsonb) WITH ORDINALITY AS entries(entry, position)
    ORDER BY position`));
  await announceOutbox(sql, workspaceId);
}

/** Wakes the lane's feeds once the transaction commits (entries written by hand must say so too). */
export async function announceOutbox(sql: SqlClient, workspaceId: string, lane: OutboxLane = 'live'): Promise<void> {
  await sql.$executeRaw(reusedPlan(Prisma.sql`SELECT pg_notify(${OUTBOX_CHANNELS[lane]}, ${workspaceId}::text)`));
}
