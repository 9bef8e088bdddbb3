import { Type, type Static } from 'typebox';

/** A decision the API accepts: give consent, or take it back. `pending` is the engine's own (double opt-in). */
export const ConsentDecision = Type.Union([Type.Literal('granted'), Type.Literal('withdrawn')]);
export type ConsentDecision = Static<typeof ConsentDecision>;

/** The channels consent is recorded for (a webhook to the shop needs none). */
export const CONSENT_CHANNELS = ['email', 'sms', 'push', 'whatsapp'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_PURPOSES = ['marketing', 'transactional'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const ChannelDecisions = Type.Object(
  {
    marketing: Type.Optional(ConsentDecision),
    transactional: Type.Optional(ConsentDecision),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A topic key: what criteria, conditions and actions name (`newsletter`, `product-updates`). */
export const TOPIC_KEY = '^[a-z0-9][a-z0-9_-]{0,63}$';

/**
 * Consent decisions as contact upsert, identify, batch, import and the consent route accept
 * them: per channel and purpose, and per subscription topic of the workspace. A channel or
 * purpose left out is left alone.
 */
export const ConsentInput = Type.Object(
  {
    email: Type.Optional(ChannelDecisions),
    sms: Type.Optional(ChannelDecisions),
    push: Type.Optional(ChannelDecisions),
    whatsapp: Type.Optional(ChannelDecisions),
    topics: Type.Optional(
      Type.Record(Type.String({ pattern: TOPIC_KEY }), ConsentDecision, {
        maxProperties: 50,
        description: 'Subscription topics of the workspace by key (GET /v1/consent/topics), e.g. {"newsletter": "granted"}.',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'e.g. {"email": {"marketing": "granted"}, "sms": {"marketing": "withdrawn"}, "topics": {"newsletter": "granted"}}',
  },
);
export type ConsentInput = Static<typeof ConsentInput>;

/** One decision, flattened: on a channel and purpose, or on a topic (always a marketing choice). */
export type ConsentTarget = { kind: 'channel'; channel: ConsentChannel; purpose: ConsentPurpose } | { kind: 'topic'; topic: string };

export interface FlatDecision {
  readonly target: ConsentTarget;
  readonly decision: ConsentDecision;
  /** Where it came from in the input, for errors: `consent.email.marketing`, `consent.topics.news`. */
  readonly field: string;
}

/** The input's decisions in a stable order (channels, then topics by key). */
export function flattenConsent(input: ConsentInput, prefix = 'consent'): FlatDecision[] {
  const decisions: FlatDecision[] = [];
  for (const channel of CONSENT_CHANNELS) {
    const byPurpose = input[channel];
    if (!byPurpose) continue;
    for (const purpose of CONSENT_PURPOSES) {
      const decision = byPurpose[purpose];
      if (decision) decisions.push({ target: { kind: 'channel', channel, purpose }, decision, field: `${prefix}.${channel}.${purpose}` });
    }
  }
  for (const topic of Object.keys(input.topics ?? {}).sort()) {
    const decision = input.topics?.[topic];
    if (decision) decisions.push({ target: { kind: 'topic', topic }, decision, field: `${prefix}.topics.${topic}` });
  }
  return decisions;
}
