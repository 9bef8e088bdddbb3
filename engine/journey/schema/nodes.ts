import { Type, type Static } from 'typebox';
import { Condition, Duration, ElementId, TimeOfDay, TimeZone, Weekday } from './common';

const strict = { additionalProperties: false } as const;
const Label = Type.String({ minLength: 1, maxLength: 120 });
const EventName = Type.String({ minLength: 1, maxLength: 200 });

export const WaitConfig = Type.Union([
  Type.Object({ type: Type.Literal('delay'), duration: Duration }, strict),
  Type.Object(
    {
      type: Type.Literal('until_date'),
      /** Either a fixed instant or a date attribute of the contact, shifted by `offsetMinutes`. */
      at: Type.Optional(Type.String({ format: 'date-time' })),
      attribute: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      offsetMinutes: Type.Optional(Type.Integer({ minimum: -525_600, maximum: 525_600 })),
    },
    strict,
  ),
  Type.Object(
    {
      type: Type.Literal('time_window'),
      days: Type.Array(Weekday, { minItems: 1, maxItems: 7, uniqueItems: true }),
      from: TimeOfDay,
      to: TimeOfDay,
      /** Used when the contact has no time zone and the workspace's is not wanted. */
      fallbackTimezone: TimeZone,
    },
    strict,
  ),
  Type.Object(
    {
      type: Type.Literal('event'),
      event: EventName,
      filter: Type.Optional(Condition),
      /** A property that must equal the same property of the entry event, e.g. `cartId`. */
      matchKey: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      timeout: Duration,
    },
    strict,
  ),
  Type.Object({ type: Type.Literal('condition'), condition: Condition, timeout: Duration }, strict),
]);
export type WaitConfig = Static<typeof WaitConfig>;

const Path = Type.Object({ id: ElementId, label: Label, percent: Type.Number({ exclusiveMinimum: 0, maximum: 100 }) }, strict);

export const BranchConfig = Type.Union([
  /** Ordered: the first branch whose condition holds wins; otherwise the `else` output. */
  Type.Object(
    {
      type: Type.Literal('condition'),
      branches: Type.Array(Type.Object({ id: ElementId, label: Label, condition: Condition }, strict), { minItems: 1, maxItems: 20 }),
    },
    strict,
  ),
  Type.Object({ type: Type.Literal('random'), paths: Type.Array(Path, { minItems: 2, maxItems: 20 }) }, strict),
  /** Sticky per contact; the holdout leaves the journey without the treatment. */
  Type.Object(
    {
      type: Type.Literal('ab_test'),
      variants: Type.Array(Path, { minItems: 2, maxItems: 10 }),
      holdoutPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 50 })),
    },
    strict,
  ),
]);
export type BranchConfig = Static<typeof BranchConfig>;

/** Calls an action from the registry by id and version; `input` is checked against its schema. */
export const ActionConfig = Type.Object(
  {
    actionId: Type.String({ pattern: '^[a-z][a-z0-9_.-]{0,63}$' }),
    actionVersion: Type.Integer({ minimum: 1 }),
    input: Type.Record(Type.String(), Type.Unknown()),
  },
  strict,
);
export type ActionConfig = Static<typeof ActionConfig>;

export const ExitConfig = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }, strict);
export type ExitConfig = Static<typeof ExitConfig>;
