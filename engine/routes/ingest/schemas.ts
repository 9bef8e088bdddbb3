import { Type } from 'typebox';
import { MAX_BATCH_ITEMS } from '../../ingest';

// Request bodies are the ingestion service's own schemas (engine/ingest/schemas.ts); these are
// the replies, and the batch envelope.

export const Tracked = Type.Union([
  Type.Object({ duplicate: Type.Literal(false), eventId: Type.String(), contactId: Type.String(), messageId: Type.String() }),
  Type.Object({ duplicate: Type.Literal(true), messageId: Type.String() }, { description: 'The message id was seen before: nothing was written.' }),
]);

export const Identified = Type.Object({
  contactId: Type.String(),
  created: Type.Boolean(),
  changed: Type.Array(Type.String(), { description: 'The fields that changed, as segments name them: `email`, `attributes.plan`, then consent: `consent.email.marketing`, `consent.topics.newsletter`.' }),
  awaitingConfirmation: Type.Array(Type.String(), { description: 'Channels whose marketing grant is pending until the contact confirms by email (double opt-in); the email is sent.' }),
});

export const OrderRecorded = Type.Object({
  orderId: Type.String(),
  contactId: Type.String(),
  outcome: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')], { description: '`unchanged`: stored with this content already; nothing was written.' }),
});

/**
 * Items are checked one by one by the service, so a malformed item is reported in its place
 * instead of refusing the whole batch: the schema here only bounds the envelope.
 */
export const BatchBody = Type.Object(
  {
    items: Type.Array(Type.Unknown({ description: 'A body of POST /v1/track, /v1/identify or /v1/orders with `type`: "track", "identify" or "order".' }), {
      minItems: 1,
      maxItems: MAX_BATCH_ITEMS,
    }),
  },
  { additionalProperties: false },
);

const ItemError = Type.Object({
  code: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: "The item's field at fault, e.g. `occurredAt`, `contact.email`." })),
});

export const BatchReport = Type.Object({
  ok: Type.Integer(),
  duplicate: Type.Integer(),
  error: Type.Integer(),
  results: Type.Array(
    Type.Object({
      index: Type.Integer(),
      status: Type.Union([Type.Literal('ok'), Type.Literal('duplicate'), Type.Literal('error')], { description: '`duplicate`: an event or order already stored as sent; nothing was written.' }),
      error: Type.Optional(ItemError),
    }),
  ),
});
