import type { ContactScope, SqlClient } from '../sql';
import type { CrmChange } from './topics';
import { Prisma } from '../../../prisma/generated/client';
import { reusedPlan } from '../../db/reused-plan';

/** The channel a committed outbox entry is announced on (NOTIFY is delivered at commit). */
export const OUTBOX_CHANNEL = 'crm_outbox';

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

export async function announceOutbox(sql: SqlClient, workspaceId: string): Promise<void> {
  await sql.$executeRaw(reusedPlan(Prisma.sql`SELECT pg_notify(${OUTBOX_CHANNEL}, ${workspaceId}::text)`));
}
