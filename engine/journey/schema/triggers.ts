import { Type, type Static } from 'typebox';
import { Condition, ConsentChannel, ConsentPurpose, ConsentStatus, LifecycleStage, Scalar, ScoreModel, TimeOfDay, TimeZone, TopicKey } from './common';

const strict = { additionalProperties: false } as const;

/** What starts a journey for a contact. One per journey. */
export const TriggerConfig = Type.Union([
  Type.Object({ type: Type.Literal('event'), event: Type.String({ minLength: 1, maxLength: 200 }), filter: Type.Optional(Condition) }, strict),
  Type.Object({ type: Type.Literal('segment_entered'), segmentId: Type.String({ minLength: 1 }) }, strict),
  Type.Object({ type: Type.Literal('segment_exited'), segmentId: Type.String({ minLength: 1 }) }, strict),
  Type.Object(
    { type: Type.Literal('attribute_changed'), attribute: Type.String({ minLength: 1, maxLength: 200 }), to: Type.Optional(Scalar) },
    strict,
  ),
  Type.Object(
    {
      type: Type.Literal('score_crossed'),
      model: ScoreModel,
      threshold: Type.Number(),
      direction: Type.Union([Type.Literal('above'), Type.Literal('below')]),
    },
    strict,
  ),
  Type.Object({ type: Type.Literal('stage_changed'), from: Type.Optional(LifecycleStage), to: Type.Optional(LifecycleStage) }, strict),
  /**
   * A consent decision changed a state. Without `topic`, the channel's own consent (any
   * channel and purpose unless narrowed); with it, the contact's choice on that subscription
   * topic (always a marketing choice). `to` narrows to the new state.
   */
  Type.Object(
    {
      type: Type.Literal('consent_changed'),
      channel: Type.Optional(ConsentChannel),
      purpose: Type.Optional(ConsentPurpose),
      topic: Type.Optional(TopicKey),
      to: Type.Optional(ConsentStatus),
    },
    strict,
  ),
  Type.Object(
    {
      type: Type.Literal('date_attribute'),
      /** A date attribute such as `contact.attributes.birthday`. */
      attribute: Type.String({ minLength: 1, maxLength: 200 }),
      /** Days before (negative) or after the date. */
      offsetDays: Type.Integer({ minimum: -365, maximum: 365 }),
      recurrence: Type.Union([Type.Literal('yearly'), Type.Literal('once')]),
      /** Local time of day in the contact's zone. */
      at: TimeOfDay,
    },
    strict,
  ),
  Type.Object({ type: Type.Literal('schedule'), cron: Type.String({ minLength: 9, maxLength: 120 }), timezone: TimeZone }, strict),
  Type.Object({ type: Type.Literal('manual') }, strict),
]);
export type TriggerConfig = Static<typeof TriggerConfig>;
export type TriggerType = TriggerConfig['type'];
