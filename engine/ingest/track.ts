import { randomUUID } from 'node:crypto';
import { loadCrmContext, type CrmContext } from '../crm/context';
import { dependency } from '../crm/segments/dependencies';
import { attributeChangeEntries, announceIngested, createdBy, creationChanges, lockContact, touchedFields } from './crm-change';
import { resolveContact } from './identity';
import { checkedJsonSize, checkedTime } from './limits';
import type { TrackInput } from './schemas';
import { inTransaction, type IngestDb } from './transaction';
import { Prisma } from '../../prisma/generated/client';
import { reusedPlan } from '../db/reused-plan';

export type Tracked =
  | { readonly duplicate: false; readonly eventId: string; readonly contactId: string; readonly messageId: string }
  /** The message id was seen before: nothing was written. */
  | { readonly duplicate: true; readonly messageId: string };

/** Records one event for a contact of the workspace (see `trackWithin`). */
export async function track(db: IngestDb, workspaceId: string, input: TrackInput, now: Date = new Date()): Promise<Tracked> {
  return trackWithin(db, await loadCrmContext(db, workspaceId, now), input);
}

/**
 * Records one event: the event row, the contact's last-seen time, the `event.tracked` entry
 * and the CRM's reaction (scores, the segments reading this event) in one transaction. The
 * event's message id is unique per workspace; a re-sent one is answered `duplicate` with
 * nothing written, decided by the insert itself so concurrent re-sends cannot both pass.
 */
export async function trackWithin(db: IngestDb, context: CrmContext, input: TrackInput): Promise<Tracked> {
  const { occurredAt, properties, messageId, eventId } = preparedEvent(input, context.now);
  return inTransaction<Tracked, Tracked>(db, async (tx, rollBack) => {
    const contact = await resolveContact(tx, context.workspaceId, input);
    await lockContact(tx, contact.id);
    const inserted = await tx.$executeRaw(reusedPlan(Prisma.sql`
      INSERT INTO event (id, workspace_id, contact_id, name, properties, message_id, occurred_at)
      VALUES (${eventId}::uuid, ${context.workspaceId}::uuid, ${contact.id}::uuid, ${input.name}, ${JSON.stringify(properties)}::jsonb, ${messageId}, ${occurredAt}::timestamptz)
      ON CONFLICT (workspace_id, message_id) DO NOTHING`));
    // Rolled back, not just returned: a contact created for this event must not outlive it.
    if (inserted === 0) return rollBack({ duplicate: true, messageId });
    // An old event sent late must not move last-seen backwards (GREATEST ignores a null).
    await tx.$executeRaw(reusedPlan(Prisma.sql`
      UPDATE contact SET last_seen_at = GREATEST(last_seen_at, ${occurredAt}::timestamptz)
      WHERE id = ${contact.id}::uuid AND workspace_id = ${context.workspaceId}::uuid`));
    const created = creationChanges(contact);
    await announceIngested(
      tx,
      context,
      [contact.id],
      [dependency.event(input.name), dependency.contactField('lastSeenAt'), ...touchedFields(created)],
      [
        ...attributeChangeEntries(contact.id, created),
        { topic: 'event.tracked', contactId: contact.id, eventId, name: input.name, messageId, occurredAt: occurredAt.toISOString(), properties },
      ],
    );
    return { duplicate: false, eventId, contactId: contact.id, messageId };
  });
}

/** An event checked and given its ids, ready to write. */
export interface PreparedEvent {
  readonly input: TrackInput;
  readonly occurredAt: Date;
  readonly properties: Record<string, unknown>;
  readonly messageId: string;
  readonly eventId: string;
}

/** The checks that need no database (time, size), and the ids a sender may leave out. */
export function preparedEvent(input: TrackInput, now: Date): PreparedEvent {
  const occurredAt = checkedTime(input.occurredAt, now, 'occurredAt');
  const properties = input.properties ?? {};
  checkedJsonSize(properties, 'properties');
  return { input, occurredAt, properties, messageId: input.messageId ?? randomUUID(), eventId: randomUUID() };
}
