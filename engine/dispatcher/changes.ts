import { Type, type Static, type TSchema } from 'typebox';
import type { OutboxEntry } from '../crm/changes/outbox-feed';
import { check, errors } from '../journey/compile/validators';
import { ConsentChannel, ConsentPurpose, ConsentStatus, ScoreModel } from '../journey/schema/common';

// The outbox payloads the dispatcher acts on, validated before use: rows are written by other
// code (and other versions of it), so a payload is data to check, never a type to trust.

/** Ids go into `uuid[]` casts: an id that is not a uuid would fail the whole batch's query. */
const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

const EventTracked = Type.Object({
  contactId: Uuid,
  name: Type.String({ minLength: 1 }),
  messageId: Type.String({ minLength: 1 }),
  occurredAt: Type.String(),
  properties: Type.Record(Type.String(), Type.Unknown()),
});
const SegmentMoved = Type.Object({ contactId: Uuid, segmentId: Type.String({ minLength: 1 }), source: Type.Optional(Type.String()) });
/** `from`/`to` are optional: an attribute that did not exist (or was removed) serialises without the key. */
const AttributeChanged = Type.Object({ contactId: Uuid, field: Type.String({ minLength: 1 }), from: Type.Optional(Type.Unknown()), to: Type.Optional(Type.Unknown()) });
const ScoreChanged = Type.Object({ contactId: Uuid, model: ScoreModel, field: Type.String(), from: NullableNumber, to: NullableNumber });
const StageChanged = Type.Object({ contactId: Uuid, from: NullableString, to: Type.String({ minLength: 1 }), reason: Type.Optional(Type.String()) });
/** `subscriptionTopic` is the topic's key for a topic choice, null for the channel's own consent; `from` is null for a first decision. */
const ConsentChanged = Type.Object({
  contactId: Uuid,
  channel: ConsentChannel,
  purpose: ConsentPurpose,
  subscriptionTopic: NullableString,
  from: Type.Union([ConsentStatus, Type.Null()]),
  to: ConsentStatus,
  source: Type.String(),
});
/** Changes no trigger starts on, but that waiting conditions may read (stages, qualification, tiers). */
const OtherContactChange = Type.Object({ contactId: Uuid });

/** The schema each topic's payload must match. */
const payloadSchemas = {
  'event.tracked': EventTracked,
  'segment.entered': SegmentMoved,
  'segment.exited': SegmentMoved,
  'contact.attribute_changed': AttributeChanged,
  'score.changed': ScoreChanged,
  'lifecycle.stage_changed': StageChanged,
  'consent.changed': ConsentChanged,
  'rfm.segment_changed': OtherContactChange,
  'journey_stage.changed': OtherContactChange,
  'lead.qualification_changed': OtherContactChange,
  'loyalty.tier_changed': OtherContactChange,
} as const;

type PayloadSchemas = typeof payloadSchemas;
export type DispatchTopic = keyof PayloadSchemas;

interface EntryIdentity {
  /** The outbox entry's id: the idempotency handle of changes that are not events. */
  readonly entryId: bigint;
  readonly createdAt: Date;
}

/** One outbox entry the dispatcher understands: its topic, checked payload and identity. */
export type DispatchChange = {
  [Topic in DispatchTopic]: EntryIdentity & { readonly topic: Topic; readonly payload: Static<PayloadSchemas[Topic]> };
}[DispatchTopic];

export type ChangeOf<Topic extends DispatchTopic> = Extract<DispatchChange, { topic: Topic }>;

export type ReadChange =
  | { readonly kind: 'change'; readonly change: DispatchChange }
  /** A topic no trigger or run cares about (e.g. a future one): skipped quietly. */
  | { readonly kind: 'ignored' }
  /** A known topic with a payload that does not match its schema: skipped and reported. */
  | { readonly kind: 'invalid'; readonly problem: string };

const isTopic = (topic: string): topic is DispatchTopic => Object.hasOwn(payloadSchemas, topic);

const matches = <Schema extends TSchema>(schema: Schema, value: unknown): value is Static<Schema> => check(schema, value);

/** Reads an outbox entry as a dispatch change, checking its payload against the topic's schema. */
export function readChange(entry: OutboxEntry): ReadChange {
  if (!isTopic(entry.topic)) return { kind: 'ignored' };
  const change = checkedChange(entry.topic, entry.payload, { entryId: entry.id, createdAt: entry.createdAt });
  if (change) return { kind: 'change', change };
  const first = errors(payloadSchemas[entry.topic], entry.payload)[0];
  const where = first ? `${first.instancePath || 'payload'} ${first.message}` : 'invalid payload';
  return { kind: 'invalid', problem: `outbox entry ${entry.id} (${entry.topic}): ${where}` };
}

function checkedChange(topic: DispatchTopic, payload: unknown, identity: EntryIdentity): DispatchChange | undefined {
  switch (topic) {
    case 'event.tracked':
      return matches(EventTracked, payload) ? { topic, payload, ...identity } : undefined;
    case 'segment.entered':
    case 'segment.exited':
      return matches(SegmentMoved, payload) ? { topic, payload, ...identity } : undefined;
    case 'contact.attribute_changed':
      return matches(AttributeChanged, payload) ? { topic, payload, ...identity } : undefined;
    case 'score.changed':
      return matches(ScoreChanged, payload) ? { topic, payload, ...identity } : undefined;
    case 'lifecycle.stage_changed':
      return matches(StageChanged, payload) ? { topic, payload, ...identity } : undefined;
    case 'consent.changed':
      return matches(ConsentChanged, payload) ? { topic, payload, ...identity } : undefined;
    case 'rfm.segment_changed':
    case 'journey_stage.changed':
    case 'lead.qualification_changed':
    case 'loyalty.tier_changed':
      return matches(OtherContactChange, payload) ? { topic, payload, ...identity } : undefined;
  }
}
