import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { check, errors } from '../journey/compile/validators';

// A workspace's CRM settings live under `crm` in `workspace.settings` (next to the sending
// policy). Every field has a default, so an empty object is a complete configuration; the
// defaults are the numbers the README's scoring section documents.

const Days = (fallback: number, description: string) => Type.Integer({ minimum: 1, maximum: 3_650, default: fallback, description });
const Weight = (fallback: number) => Type.Number({ minimum: 0, maximum: 1, default: fallback });
const EventNames = (fallback: readonly string[], description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50, default: [...fallback], description });
const strict = { additionalProperties: false, default: {} } as const;

export const RfmSettings = Type.Object(
  {
    model: Type.Union([Type.Literal('threshold'), Type.Literal('quintile')], { default: 'threshold' }),
    lookbackDays: Days(365, 'Orders older than this are left out of frequency and monetary.'),
  },
  strict,
);

export const ClvSettings = Type.Object(
  {
    horizonDays: Days(365, 'How far ahead the predicted value looks.'),
    /** Used for profit when orders carry no cost. */
    defaultMarginRate: Type.Number({ minimum: 0, maximum: 1, default: 0.3 }),
    /** Yearly discount rate applied to predicted value; 0 = undiscounted. */
    annualDiscountRate: Type.Number({ minimum: 0, maximum: 1, default: 0.1 }),
  },
  strict,
);

export const ChurnSettings = Type.Object(
  {
    /** Probability at or above which the band is medium / high. */
    mediumAt: Type.Number({ minimum: 0, maximum: 1, default: 0.4 }),
    highAt: Type.Number({ minimum: 0, maximum: 1, default: 0.7 }),
    /** Expected gap between orders for customers with a single order. */
    defaultIntervalDays: Days(90, 'Assumed inter-purchase interval of one-order customers.'),
  },
  strict,
);

export const EngagementSettings = Type.Object(
  {
    /** A touchpoint's weight halves every this many days. */
    halfLifeDays: Days(30, 'Recency decay of touchpoints.'),
    /** Decayed points that make a score of 100 (the score saturates above). */
    saturation: Type.Number({ minimum: 1, maximum: 10_000, default: 40 }),
    opens: EventNames(['Email Opened'], 'Events counted as opens.'),
    clicks: EventNames(['Email Clicked'], 'Events counted as clicks.'),
    visits: EventNames(['Session Started', 'Store Visit', 'Viewed Product'], 'Events counted as visits.'),
    weights: Type.Object(
      {
        open: Type.Number({ minimum: 0, maximum: 100, default: 1 }),
        click: Type.Number({ minimum: 0, maximum: 100, default: 3 }),
        visit: Type.Number({ minimum: 0, maximum: 100, default: 1 }),
        purchase: Type.Number({ minimum: 0, maximum: 100, default: 5 }),
      },
      strict,
    ),
  },
  strict,
);

const FitRule = Type.Object(
  {
    /** A contact field: `contact.company`, `contact.type`, `contact.attributes.role`, `contact.tags`. */
    field: Type.String({ minLength: 1, maxLength: 200 }),
    operator: Type.Union([Type.Literal('equals'), Type.Literal('in'), Type.Literal('exists'), Type.Literal('contains')]),
    value: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String(), { maxItems: 100 })])),
    points: Type.Integer({ minimum: -100, maximum: 100 }),
  },
  { additionalProperties: false },
);

const BehaviourRule = Type.Object(
  {
    event: Type.String({ minLength: 1, maxLength: 200 }),
    points: Type.Integer({ minimum: -100, maximum: 100 }),
    /** At most this many occurrences count. */
    maxCount: Type.Integer({ minimum: 1, maximum: 1_000, default: 5 }),
  },
  { additionalProperties: false },
);

export const LeadSettings = Type.Object(
  {
    weights: Type.Object({ behaviour: Weight(0.4), fit: Weight(0.3), engagement: Weight(0.3) }, strict),
    /** Behaviour counts events within this window. */
    windowDays: Days(90, 'Behaviour window.'),
    behaviour: Type.Array(BehaviourRule, {
      maxItems: 100,
      default: [
        { event: 'Viewed Product', points: 2, maxCount: 10 },
        { event: 'Added to Cart', points: 8, maxCount: 5 },
        { event: 'Email Clicked', points: 5, maxCount: 5 },
        { event: 'Session Started', points: 1, maxCount: 20 },
      ],
    }),
    fit: Type.Array(FitRule, {
      maxItems: 100,
      default: [
        { field: 'contact.email', operator: 'exists', points: 20 },
        { field: 'contact.phone', operator: 'exists', points: 10 },
        { field: 'contact.company', operator: 'exists', points: 30 },
        { field: 'contact.type', operator: 'in', value: ['wholesale', 'distributor'], points: 40 },
      ],
    }),
    thresholds: Type.Object(
      { mql: Type.Integer({ minimum: 0, maximum: 100, default: 50 }), sql: Type.Integer({ minimum: 0, maximum: 100, default: 75 }) },
      strict,
    ),
  },
  strict,
);

export const HealthSettings = Type.Object(
  {
    weights: Type.Object({ recency: Weight(0.3), frequency: Weight(0.25), engagement: Weight(0.25), churn: Weight(0.2) }, strict),
    /** Lowest score of each level; below `poor` is critical. */
    levels: Type.Object(
      {
        excellent: Type.Integer({ minimum: 0, maximum: 100, default: 80 }),
        good: Type.Integer({ minimum: 0, maximum: 100, default: 60 }),
        fair: Type.Integer({ minimum: 0, maximum: 100, default: 40 }),
        poor: Type.Integer({ minimum: 0, maximum: 100, default: 20 }),
      },
      strict,
    ),
  },
  strict,
);

export const LifecycleSettings = Type.Object(
  {
    newCustomerDays: Days(30, 'A first order this recent makes a new customer.'),
    atRiskAfterDays: Days(90, 'One-order customers are at risk after this long.'),
    /** Repeat customers are at risk when overdue by this factor of their own average interval. */
    atRiskIntervalFactor: Type.Number({ minimum: 1, maximum: 10, default: 2 }),
    inactiveAfterDays: Days(180, 'No order for this long: inactive.'),
    churnedAfterDays: Days(365, 'No order for this long: churned.'),
    winBackDays: Days(30, 'An order this recent after an inactive gap is a win-back.'),
    loyalMinOrders: Type.Integer({ minimum: 2, maximum: 1_000, default: 5 }),
    loyalMinDays: Days(180, 'Customer for at least this long to be loyal.'),
    championSegments: Type.Array(Type.String(), { maxItems: 20, default: ['champions', 'vip'] }),
    considerationEvents: EventNames(['Viewed Product', 'Added to Cart', 'Email Clicked'], 'Events that move awareness to consideration.'),
    advocacyEvents: EventNames(['Review Submitted', 'Referral Sent'], 'Events that make an advocate.'),
  },
  strict,
);

export const CrmSettings = Type.Object(
  {
    rfm: RfmSettings,
    clv: ClvSettings,
    churn: ChurnSettings,
    engagement: EngagementSettings,
    lead: LeadSettings,
    health: HealthSettings,
    lifecycle: LifecycleSettings,
  },
  strict,
);
export type CrmSettings = Static<typeof CrmSettings>;
export type LeadSettings = Static<typeof LeadSettings>;
export type LifecycleSettings = Static<typeof LifecycleSettings>;

const isCrmSettings = (value: unknown): value is CrmSettings => check(CrmSettings, value);

export class InvalidCrmSettingsError extends Error {
  override readonly name = 'InvalidCrmSettingsError';
}

/**
 * The complete settings from what a workspace stored (any subset): defaults filled in, then
 * validated. Errors name the field (`crm/lead/weights/fit`).
 */
export function resolveCrmSettings(stored: unknown): CrmSettings {
  const withDefaults = Value.Default(CrmSettings, structuredClone(stored ?? {}));
  if (isCrmSettings(withDefaults)) return withDefaults;
  const [first] = errors(CrmSettings, withDefaults);
  throw new InvalidCrmSettingsError(`crm settings: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}`);
}

/** The `crm` part of `workspace.settings`. */
export function crmSettingsOf(workspaceSettings: unknown): CrmSettings {
  const crm = typeof workspaceSettings === 'object' && workspaceSettings !== null && 'crm' in workspaceSettings ? workspaceSettings.crm : {};
  return resolveCrmSettings(crm);
}
