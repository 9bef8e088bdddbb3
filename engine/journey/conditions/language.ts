import { Type, type Static, type TSchema } from 'typebox';

// The one condition language of the product: segment criteria, journey branches, condition
// waits, entry filters, exit criteria, event filters and the action catalog's rules are all a
// JSON tree of `all` / `any` / `not` over these conditions. Contacts are tested by ONE SQL
// expression (engine/crm/segments/compile.ts); an event in hand is tested in memory by
// evaluate.ts, which a test holds to the SQL's answers. Pure module: the canvas imports it.

const strict = { additionalProperties: false } as const;
const Text = Type.String({ maxLength: 1_000 });
const Days = Type.Integer({ minimum: 1, maximum: 36_500, description: 'A number of days.' });
/** An ISO 8601 date or date-time, e.g. "2026-01-31" or "2026-01-31T09:00:00Z". */
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$', description: 'ISO 8601 date.' });

/**
 * A comparison of one value: the operator and its arguments (`value`, `values`, `from`/`to`,
 * `date` or `days`). Which arguments an operator needs, and which operators a field's type
 * allows, is checked by validate.ts so the error can name both.
 */
const Comparison = {
  operator: Type.Union([
    Type.Literal('equals'), Type.Literal('not_equals'), Type.Literal('gt'), Type.Literal('gte'), Type.Literal('lt'), Type.Literal('lte'),
    Type.Literal('between'), Type.Literal('contains'), Type.Literal('not_contains'), Type.Literal('starts_with'), Type.Literal('in'),
    Type.Literal('not_in'), Type.Literal('exists'), Type.Literal('not_exists'), Type.Literal('before'), Type.Literal('after'),
    Type.Literal('within_last_days'), Type.Literal('more_than_days_ago'), Type.Literal('within_next_days'),
  ]),
  value: Type.Optional(Type.Union([Text, Type.Number(), Type.Boolean()])),
  values: Type.Optional(Type.Array(Type.Union([Text, Type.Number()]), { minItems: 1, maxItems: 1_000 })),
  from: Type.Optional(Type.Number()),
  to: Type.Optional(Type.Number()),
  date: Type.Optional(IsoDate),
  days: Type.Optional(Days),
};
export type ComparisonOperator = Static<typeof Comparison.operator>;
export interface Comparison {
  operator: ComparisonOperator;
  value?: string | number | boolean;
  values?: (string | number)[];
  from?: number;
  to?: number;
  date?: string;
  days?: number;
}

/** How a count compares: "at least 3", "exactly 0". */
export const CountComparison = Type.Object(
  { operator: Type.Union([Type.Literal('gte'), Type.Literal('lte'), Type.Literal('equals'), Type.Literal('gt'), Type.Literal('lt')]), value: Type.Integer({ minimum: 0, maximum: 1_000_000 }) },
  strict,
);
export type CountComparison = Static<typeof CountComparison>;

/** A filter on an event's properties: `{ "property": "category", "operator": "equals", "value": "beans" }`. */
export const PropertyFilter = Type.Object({ property: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}(\\.[A-Za-z0-9_-]{1,100}){0,4}$' }), ...Comparison }, strict);
export type PropertyFilter = Static<typeof PropertyFilter>;

/**
 * Contact fields: the profile columns, `attributes.<key>` (custom attributes) and `tags`.
 * Dates are `createdAt` and `lastSeenAt`, or attributes holding ISO dates.
 */
export const ContactField = Type.String({ pattern: '^(externalId|email|phone|firstName|lastName|company|type|source|status|timezone|locale|preferredChannel|doNotContact|createdAt|lastSeenAt|attributes\\.[A-Za-z0-9_-]{1,100})$' });

export const AttributeCondition = Type.Object({ type: Type.Literal('attribute'), field: ContactField, ...Comparison }, strict);
export const TagCondition = Type.Object({ type: Type.Literal('tag'), operator: Type.Union([Type.Literal('has'), Type.Literal('has_not')]), tag: Type.String({ minLength: 1, maxLength: 100 }) }, strict);
/** Performed an event: how many times, in which window, with which properties. Default: at least once, ever. */
export const EventCondition = Type.Object(
  {
    type: Type.Literal('event'),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    count: Type.Optional(CountComparison),
    withinDays: Type.Optional(Days),
    where: Type.Optional(Type.Array(PropertyFilter, { maxItems: 20 })),
  },
  strict,
);
/** When the event was last performed: "viewed a product within the last 7 days", "not in 90 days". */
export const LastEventCondition = Type.Object(
  {
    type: Type.Literal('event_last'),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    operator: Type.Union([Type.Literal('within_last_days'), Type.Literal('more_than_days_ago'), Type.Literal('never')]),
    days: Type.Optional(Days),
  },
  strict,
);
/** Order aggregates over paid and fulfilled orders in the workspace currency, optionally within a window. */
export const OrderCondition = Type.Object(
  {
    type: Type.Literal('order'),
    measure: Type.Union([Type.Literal('total_spent'), Type.Literal('order_count'), Type.Literal('average_order_value'), Type.Literal('days_since_last_order')]),
    ...Comparison,
    withinDays: Type.Optional(Days),
  },
  strict,
);
export const ScoreField = Type.Union([
  Type.Literal('rfm.recency'), Type.Literal('rfm.frequency'), Type.Literal('rfm.monetary'), Type.Literal('rfm.segment'),
  Type.Literal('clv.historical'), Type.Literal('clv.predicted'), Type.Literal('clv.probabilityAlive'), Type.Literal('clv.averageOrderValue'),
  Type.Literal('lead.score'), Type.Literal('lead.fit'), Type.Literal('lead.behaviour'), Type.Literal('lead.engagement'), Type.Literal('lead.qualification'),
  Type.Literal('churn_risk.probability'), Type.Literal('churn_risk.band'),
  Type.Literal('rfm.daysSinceLast'), Type.Literal('rfm.orderCount'), Type.Literal('rfm.totalSpend'), Type.Literal('clv.profit'),
  Type.Literal('engagement.score'), Type.Literal('engagement.lastEngagedAt'),
  Type.Literal('health.score'), Type.Literal('health.level'),
]);
export type ScoreField = Static<typeof ScoreField>;
export const ScoreCondition = Type.Object({ type: Type.Literal('score'), field: ScoreField, ...Comparison }, strict);
export const StageCondition = Type.Object(
  {
    type: Type.Union([Type.Literal('lifecycle_stage'), Type.Literal('journey_stage')]),
    operator: Type.Union([Type.Literal('in'), Type.Literal('not_in')]),
    values: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 20 }),
  },
  strict,
);
export const LoyaltyCondition = Type.Object(
  {
    type: Type.Literal('loyalty'),
    /** The programme; any of the contact's accounts when absent. */
    programId: Type.Optional(Type.String({ format: 'uuid' })),
    /** `tier` compares the tier's name; `tier_rank`, `points` (balance) and `lifetime_points` are numbers. */
    field: Type.Union([Type.Literal('tier'), Type.Literal('tier_rank'), Type.Literal('points'), Type.Literal('lifetime_points')]),
    ...Comparison,
  },
  strict,
);
export const ConsentCondition = Type.Object(
  {
    type: Type.Literal('consent'),
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push'), Type.Literal('whatsapp')]),
    messageType: Type.Optional(Type.Union([Type.Literal('marketing'), Type.Literal('transactional')])),
    /** `none` = never asked. */
    status: Type.Union([Type.Literal('granted'), Type.Literal('withdrawn'), Type.Literal('pending'), Type.Literal('none')]),
  },
  strict,
);
/**
 * Whether the contact receives a subscription topic: marketing consent granted on the topic's
 * channel, and either subscribed to the topic or never asked about an opt-out topic.
 */
export const TopicCondition = Type.Object(
  { type: Type.Literal('topic'), topic: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' }), subscribed: Type.Boolean() },
  strict,
);
export const SegmentCondition = Type.Object(
  { type: Type.Literal('segment'), segmentId: Type.String({ format: 'uuid' }), operator: Type.Union([Type.Literal('member'), Type.Literal('not_member')]) },
  strict,
);
/** A sticky random bucket 0..99 of the contact (and an optional seed): holdouts and samples. */
export const RandomBucketCondition = Type.Object(
  { type: Type.Literal('random_bucket'), seed: Type.Optional(Type.String({ maxLength: 100 })), from: Type.Integer({ minimum: 0, maximum: 99 }), to: Type.Integer({ minimum: 0, maximum: 99 }) },
  strict,
);

/**
 * A property of the thing in hand: the event that started the run (or arrived at a wait, or
 * is being filtered), or an action's settings in the catalog's rules. Segments have nothing in
 * hand: they filter events with an `event` condition's `where`.
 */
export const PropertyCondition = Type.Object({ type: Type.Literal('property'), ...PropertyFilter.properties }, strict);
export type PropertyCondition = Static<typeof PropertyCondition>;

export const ConditionLeaf = Type.Union([
  PropertyCondition, AttributeCondition, TagCondition, EventCondition, LastEventCondition, OrderCondition, ScoreCondition,
  StageCondition, LoyaltyCondition, ConsentCondition, TopicCondition, SegmentCondition, RandomBucketCondition,
]);
export type ConditionLeaf = Static<typeof ConditionLeaf>;

export type Criteria = ConditionLeaf | { all: Criteria[] } | { any: Criteria[] } | { not: Criteria };

/** At most this deep: a generous bound that keeps the generated SQL and the checker small. */
export const MAX_DEPTH = 8;

function tree(depth: number): TSchema {
  if (depth === 0) return ConditionLeaf;
  const child = tree(depth - 1);
  return Type.Union([
    ConditionLeaf,
    Type.Object({ all: Type.Array(child, { minItems: 1, maxItems: 50 }) }, strict),
    Type.Object({ any: Type.Array(child, { minItems: 1, maxItems: 50 }) }, strict),
    Type.Object({ not: child }, strict),
  ]);
}

/** The criteria schema (recursion unrolled to MAX_DEPTH levels, so validators stay simple). */
export const CriteriaSchema = tree(MAX_DEPTH);
