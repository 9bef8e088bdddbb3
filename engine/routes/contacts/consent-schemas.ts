import { Type } from 'typebox';
import { ConsentInput } from '../../consent';

const Status = Type.Union([Type.Literal('granted'), Type.Literal('withdrawn'), Type.Literal('pending')]);
const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push'), Type.Literal('whatsapp'), Type.Literal('webhook')]);
const Purpose = Type.Union([Type.Literal('marketing'), Type.Literal('transactional')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ConsentView = Type.Object({
  channels: Type.Array(
    Type.Object({ channel: Channel, purpose: Purpose, status: Status, source: Type.String(), updatedAt: Type.String({ format: 'date-time' }) }),
    { description: 'Every channel and purpose ever decided; one never asked is absent (marketing then needs a grant first).' },
  ),
  topics: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Type.String(),
      description: Nullable(Type.String()),
      channel: Channel,
      defaultSubscribed: Type.Boolean(),
      status: Nullable(Status),
      subscribed: Type.Boolean({ description: "Whether marketing on this topic reaches the contact: the channel's marketing consent is granted and the topic chosen (or, for an opt-out topic, not left)." }),
    }),
  ),
});

const { properties: decisions } = ConsentInput;

export const ConsentChangeBody = Type.Object(
  {
    ...decisions,
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Why, in words kept with the history ("asked by phone", "signed up at checkout").' })),
    proof: Type.Optional(
      Type.Object(
        {
          ipAddress: Type.Optional(Type.String({ minLength: 2, maxLength: 45, description: "The contact's address when the caller relays their decision (default: the caller's)." })),
          userAgent: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          formId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The form, page or campaign that collected the decision.' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'e.g. {"email": {"marketing": "granted"}, "topics": {"newsletter": "granted"}, "reason": "newsletter form", "proof": {"formId": "footer-signup"}}',
  },
);

export const ConsentChangeReply = Type.Object({
  consent: ConsentView,
  changed: Type.Array(Type.String(), { description: 'Decisions that changed a state ("consent.email.marketing", "consent.topics.newsletter"); every decision is in the history.' }),
  awaitingConfirmation: Type.Array(Channel, { description: 'Channels whose marketing grant is pending until the contact confirms by email (double opt-in).' }),
});

export const HistoryQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false });

export const HistoryReply = Type.Object({
  history: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      channel: Channel,
      purpose: Purpose,
      topic: Nullable(Type.String()),
      status: Status,
      source: Type.String({ description: 'api, import, preference_center, unsubscribe_link, sms_keyword, double_opt_in, admin (older rows may name a form).' }),
      actor: Nullable(Type.String({ description: 'api_key:<id>, contact (their own link or keyword) or system.' })),
      reason: Nullable(Type.String()),
      ipAddress: Nullable(Type.String()),
      userAgent: Nullable(Type.String()),
      formId: Nullable(Type.String()),
      occurredAt: Type.String({ format: 'date-time' }),
      recordedAt: Type.String({ format: 'date-time' }),
    }),
    { description: 'Newest first. Append-only: a decision is never edited or removed (erasure removes the contact with it).' },
  ),
});
