import { Type, type Static } from 'typebox';
import { check } from '../../journey/compile/validators';
import type { CrmChange } from './topics';

// The change events score and stage statements build in SQL (jsonb payloads with the topic
// beside them), checked on the way back into TypeScript: the statements that announce their
// changes themselves write the very same payloads to the outbox, so one definition serves both.

const ScoreModelName = Type.Union([
  Type.Literal('rfm'),
  Type.Literal('clv'),
  Type.Literal('lead'),
  Type.Literal('churn_risk'),
  Type.Literal('engagement'),
  Type.Literal('health'),
]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

const ComputedChange = Type.Union([
  Type.Object({ topic: Type.Literal('score.changed'), contactId: Type.String(), model: ScoreModelName, field: Type.String(), from: NullableNumber, to: NullableNumber }),
  Type.Object({ topic: Type.Literal('rfm.segment_changed'), contactId: Type.String(), from: Type.Union([Type.String(), Type.Null()]), to: Type.String() }),
  Type.Object({
    topic: Type.Union([Type.Literal('lifecycle.stage_changed'), Type.Literal('journey_stage.changed')]),
    contactId: Type.String(),
    from: Type.Union([Type.String(), Type.Null()]),
    to: Type.String(),
    reason: Type.String(),
  }),
  Type.Object({ topic: Type.Literal('lead.qualification_changed'), contactId: Type.String(), from: Type.String(), to: Type.String() }),
]);
type ComputedChange = Static<typeof ComputedChange>;

const isComputedChange = (value: unknown): value is ComputedChange => check(ComputedChange, value);

/** A change event a statement returned as (topic, payload); throws when the SQL built something else. */
export function computedChange(topic: string, payload: unknown): CrmChange {
  const change: unknown = typeof payload === 'object' && payload !== null ? { topic, ...payload } : payload;
  if (!isComputedChange(change)) throw new Error(`a CRM statement returned a malformed ${topic} event: ${JSON.stringify(payload)}`);
  return change;
}
