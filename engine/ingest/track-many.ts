import type { Settled } from '../db/group-commit';
import type { CrmChange } from '../crm/changes/topics';
import type { CrmContext } from '../crm/context';
import { dependency, type DependencyKey } from '../crm/segments/dependencies';
import { attributeChangeEntries, announceIngested, creationChanges, lockContacts, touchedFields } from './crm-change';
import { ConcurrentContactCreation, resolveContacts } from './identities';
import type { ResolvedContact } from './identity';
import type { TrackInput } from './schemas';
import { preparedEvent, trackWithin, type PreparedEvent, type Tracked } from './track';
import { inTransaction, type IngestDb, type IngestTx } from './transaction';
import { Prisma } from '../../prisma/generated/client';
import { reusedPlan } from '../db/reused-plan';

/** One event's answer: what `track` would have resolved to, or rejected with. */
export type TrackOutcome = Settled<Tracked>;

/**
 * Records many events of one workspace in one transaction, each answered as `trackWithin`
 * would have answered it had they been sent one after the other: the same checks naming the
 * same fields, contacts found or created in order, a message id seen before (in the database
 * or earlier in the group) a duplicate with nothing written for it, and no contact left behind
 * for a duplicate. What one transaction per event repeated for every event is done once per
 * group: one read of the contacts named, one insert of the events, one last-seen update, one
 * outbox append and one CRM reaction for all the contacts (scores and segments are computed
 * set-wise, so many contacts cost little more than one). The CRM's entries follow the group's
 * `event.tracked` entries, causes before effects, and a contact's scores and segments change
 * once, to where all of its events take them.
 *
 * A refused event (bad time, unknown contact) is answered on its own and costs the others
 * nothing. If the group's transaction fails (a contact created concurrently, a deadlock, a bug),
 * each event is retried in its own transaction, so one event's failure never loses the others.
 */
export async function trackMany(db: IngestDb, context: CrmContext, inputs: readonly TrackInput[]): Promise<TrackOutcome[]> {
  const outcomes = new Map<number, TrackOutcome>();
  const prepared: { index: number; event: PreparedEvent }[] = [];
  for (const [index, input] of inputs.entries()) {
    try {
      prepared.push({ index, event: preparedEvent(input, context.now) });
    } catch (error) {
      outcomes.set(index, { ok: false, error });
    }
  }
  if (prepared.length > 0) {
    const written = await writtenTogether(db, context, prepared.map(({ event }) => event));
    for (const [position, { index }] of prepared.entries()) {
      const outcome = written[position];
      if (outcome) outcomes.set(index, outcome);
    }
  }
  return inputs.map((_, index) => outcomes.get(index) ?? { ok: false, error: new Error(`event ${index} was not answered`) });
}

async function writtenTogether(db: IngestDb, context: CrmContext, events: readonly PreparedEvent[]): Promise<TrackOutcome[]> {
  try {
    return await inTransaction<TrackOutcome[], never>(db, (tx) => writeGroup(tx, context, events));
  } catch (error) {
    if (events.length === 1 && !(error instanceof ConcurrentContactCreation)) return [{ ok: false, error }];
    return oneByOne(db, context, events);
  }
}

async function oneByOne(db: IngestDb, context: CrmContext, events: readonly PreparedEvent[]): Promise<TrackOutcome[]> {
  const outcomes: TrackOutcome[] = [];
  for (const event of events) {
    try {
      outcomes.push({ ok: true, value: await trackWithin(db, context, event.input) });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

interface Candidate {
  readonly position: number;
  readonly event: PreparedEvent;
  readonly contact: ResolvedContact;
}

async function writeGroup(tx: IngestTx, context: CrmContext, events: readonly PreparedEvent[]): Promise<TrackOutcome[]> {
  const { workspaceId } = context;
  const identities = await resolveContacts(tx, workspaceId, events.map((event) => event.input));
  const outcomes: TrackOutcome[] = [];
  const candidates: Candidate[] = [];
  const messageIds = new Set<string>();
  for (const [position, event] of events.entries()) {
    const identity = identities[position];
    if (!identity || 'error' in identity) {
      outcomes.push({ ok: false, error: identity?.error ?? new Error('no contact resolved') });
      continue;
    }
    // An earlier event of this group carries the message id: this one is its re-send.
    if (messageIds.has(event.messageId)) {
      outcomes.push(duplicate(event));
      continue;
    }
    messageIds.add(event.messageId);
    candidates.push({ position, event, contact: identity.contact });
    outcomes.push(duplicate(event));
  }
  const created = new Set(identities.flatMap((identity) => ('contact' in identity && identity.contact.created ? [identity.contact.id] : [])));
  // Before any contact row is written (rescoring writes them): see lockContactsForChange.
  await lockContacts(tx, candidates.map((candidate) => candidate.contact.id));
  const inserted = await insertEvents(tx, workspaceId, candidates);
  const stored = candidates.filter((candidate) => inserted.has(candidate.event.messageId));
  const kept = new Set(stored.map((candidate) => candidate.contact.id));
  // A contact created for duplicates only must not outlive them (one call would have rolled back).
  const orphans = [...created].filter((id) => !kept.has(id));
  if (orphans.length > 0) await tx.$executeRaw`DELETE FROM contact WHERE id = ANY(${orphans}::uuid[]) AND workspace_id = ${workspaceId}::uuid`;
  if (stored.length === 0) return outcomes;

  await updateLastSeen(tx, workspaceId, stored);
  const touched = new Set<DependencyKey>([dependency.contactField('lastSeenAt')]);
  const entries: CrmChange[] = [];
  const announcedCreation = new Set<string>();
  for (const { position, event, contact } of stored) {
    // The first stored event of a contact this group created announces its creation, as the call creating it would have.
    const creation = created.has(contact.id) && !announcedCreation.has(contact.id) ? creationChanges({ ...contact, created: true }) : [];
    if (creation.length > 0) announcedCreation.add(contact.id);
    for (const key of [dependency.event(event.input.name), ...touchedFields(creation)]) touched.add(key);
    entries.push(...attributeChangeEntries(contact.id, creation), {
      topic: 'event.tracked',
      contactId: contact.id,
      eventId: event.eventId,
      name: event.input.name,
      messageId: event.messageId,
      occurredAt: event.occurredAt.toISOString(),
      properties: event.properties,
    });
    outcomes[position] = { ok: true, value: { duplicate: false, eventId: event.eventId, contactId: contact.id, messageId: event.messageId } };
  }
  await announceIngested(tx, context, [...kept], [...touched], entries, [...announcedCreation]);
  return outcomes;
}

const duplicate = (event: PreparedEvent): TrackOutcome => ({ ok: true, value: { duplicate: true, messageId: event.messageId } });

/** Inserts the events, skipping message ids the workspace already has; returns the message ids written. */
async function insertEvents(tx: IngestTx, workspaceId: string, candidates: readonly Candidate[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const rows = candidates.map(({ event, contact }) => ({
    id: event.eventId,
    contact_id: contact.id,
    name: event.input.name,
    properties: event.properties,
    message_id: event.messageId,
    occurred_at: event.occurredAt.toISOString(),
  }));
  const written = await tx.$queryRaw<{ messageId: string }[]>(reusedPlan(Prisma.sql`
    INSERT INTO event (id, workspace_id, contact_id, name, properties, message_id, occurred_at)
    SELECT r.id, ${workspaceId}::uuid, r.contact_id, r.name, r.properties, r.message_id, r.occurred_at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, contact_id uuid, name text, properties jsonb, message_id text, occurred_at timestamptz)
    ON CONFLICT (workspace_id, message_id) DO NOTHING
    RETURNING message_id AS "messageId"`));
  return new Set(written.map((row) => row.messageId));
}

/**
 * Each contact's last-seen time moves to its newest event, never backwards (GREATEST ignores a
 * null). The contacts are also named as an id list: a record set's row count is unknown to the
 * planner (it guesses 100), and with the join alone it hashed the whole workspace's contacts for
 * every group (a sequential scan: 1–2 ms at 5,000 contacts, growing with the workspace).
 */
async function updateLastSeen(tx: IngestTx, workspaceId: string, stored: readonly Candidate[]): Promise<void> {
  const seen = JSON.stringify(stored.map(({ contact, event }) => ({ contact_id: contact.id, occurred_at: event.occurredAt.toISOString() })));
  const contactIds = [...new Set(stored.map(({ contact }) => contact.id))];
  await tx.$executeRaw(reusedPlan(Prisma.sql`
    UPDATE contact c SET last_seen_at = GREATEST(c.last_seen_at, s.seen)
    FROM (SELECT r.contact_id, max(r.occurred_at) AS seen FROM jsonb_to_recordset(${seen}::jsonb) AS r(contact_id uuid, occurred_at timestamptz) GROUP BY r.contact_id) s
    WHERE c.id = s.contact_id AND c.id = ANY(${contactIds}::uuid[]) AND c.workspace_id = ${workspaceId}::uuid`));
}
