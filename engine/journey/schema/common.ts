import { Type, type Static } from 'typebox';
import type { Criteria } from '../conditions/language';

// Pure module: no Node, fastify or Prisma imports. The compiler, the interpreter workflow,
// the API and the canvas all read these definitions.

/** Node and edge ids: stable, URL- and Temporal-safe (they appear in idempotency keys). */
export const ElementId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Letters, digits, _ and -; at most 64.' });

export const DurationUnit = Type.Union([Type.Literal('minutes'), Type.Literal('hours'), Type.Literal('days'), Type.Literal('weeks')]);
export type DurationUnit = Static<typeof DurationUnit>;

/** As marketers enter it. The plan stores milliseconds. */
export const Duration = Type.Object(
  { amount: Type.Integer({ minimum: 1, maximum: 100_000 }), unit: DurationUnit },
  { additionalProperties: false },
);
export type Duration = Static<typeof Duration>;

export const Scalar = Type.Union([Type.String({ maxLength: 1_000 }), Type.Number(), Type.Boolean()]);
export type Scalar = Static<typeof Scalar>;

/**
 * A condition in the one condition language (engine/journey/conditions/language.ts): a
 * condition with a `type` (`attribute`, `score`, `event`, `property`, `segment`, …) or
 * `{ all | any: [...] }` / `{ not: ... }` of them. The tree is recursive, so the schema here
 * only says "an object" and the compiler checks each condition with validateCriteria, whose
 * errors name the exact place (`all[1].operator`).
 */
export const Condition = Type.Unsafe<Criteria>(
  Type.Object({}, { additionalProperties: true, description: 'A condition tree: { "all" | "any": [...] }, { "not": ... } or a condition with "type" (docs/conditions.md).' }),
);
export type Condition = Criteria;

export const Weekday = Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = Static<typeof Weekday>;

/** 24-hour wall-clock time, "09:30". */
export const TimeOfDay = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

/** An IANA zone name; checked against the runtime's zone list by the compiler. */
export const TimeZone = Type.String({ minLength: 1, maxLength: 64 });

export const LifecycleStage = Type.Enum(['prospect', 'new_customer', 'active', 'at_risk', 'inactive', 'churned', 'win_back', 'loyal', 'champion']);

export const JourneyStage = Type.Enum(['awareness', 'consideration', 'purchase', 'retention', 'advocacy']);

export const ScoreModel = Type.Enum(['rfm', 'clv', 'lead', 'churn_risk', 'engagement', 'health']);

// Consent as the journey language names it (triggers, conditions, message actions). The same
// values the consent service records (engine/consent/input.ts); a test keeps the two in step,
// since this module is pure and the consent service is not.

/** Channels consent is recorded for. */
export const ConsentChannel = Type.Enum(['email', 'sms', 'push', 'whatsapp']);
export type ConsentChannel = Static<typeof ConsentChannel>;

export const ConsentPurpose = Type.Enum(['marketing', 'transactional']);
export type ConsentPurpose = Static<typeof ConsentPurpose>;

/** A consent state: `pending` while a double opt-in waits for the contact to confirm. */
export const ConsentStatus = Type.Enum(['granted', 'withdrawn', 'pending']);
export type ConsentStatus = Static<typeof ConsentStatus>;

/** How a subscription topic's key is spelt (`newsletter`, `product-updates`). */
export const TOPIC_KEY_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';

/** A subscription topic of the workspace, by key. */
export const TopicKey = Type.String({ pattern: TOPIC_KEY_PATTERN, description: 'A subscription topic of the workspace, by key (GET /v1/consent/topics).' });
