import type { ConditionLeaf, ScoreField } from '../conditions/language';
import { scoreKind } from '../conditions/value-kinds';
import { ConsentStatus, JourneyStage, LifecycleStage } from '../schema/common';
import { valuesRegion, type Domain, type FieldRegion } from './field-regions';
import { comparisonSet, type Operand, type Scale } from './rule-sets';
import { hasTag, notTags } from './tag-formulas';
import { complement, numbers, strings } from './value-sets';

// One condition as the field it reads and what it allows of it. The field key names one value
// of the contact or the event in hand: `attribute:email`, `attribute:attributes.plan`,
// `score:clv.predicted`, `property:total`, `tags`, `lifecycle_stage`, `consent:email.marketing`,
// `topic:news`, `segment:<id>`, `random_bucket:<seed>`. Conditions on events, orders, loyalty
// and dates are not modelled: they get no region, and the branch checks say nothing.

export interface LeafRegion {
  readonly field: string;
  readonly region: FieldRegion;
}

/**
 * Profile columns that hold one of an enum's values (prisma/schema.prisma; a test keeps these
 * in step), and text scores that do: "not vip" means the other four statuses, not any text.
 */
export const ENUM_TEXTS: Readonly<Record<string, readonly string[]>> = {
  type: ['retail', 'wholesale', 'distributor'],
  status: ['active', 'inactive', 'vip', 'at_risk', 'lost'],
  preferredChannel: ['email', 'sms', 'push', 'whatsapp', 'webhook'],
  'lead.qualification': ['none', 'mql', 'sql'],
  'churn_risk.band': ['low', 'medium', 'high'],
  'health.level': ['excellent', 'good', 'fair', 'poor', 'critical'],
};
/** Profile columns that always have a value (NOT NULL); the other text columns may be empty. */
const REQUIRED_COLUMNS = new Set(['type', 'status']);
const PROFILE_TEXT = new Set(['externalId', 'email', 'phone', 'firstName', 'lastName', 'company', 'type', 'source', 'status', 'timezone', 'locale', 'preferredChannel']);

/** Score columns of whole numbers, and those in cents (numeric(14, 2)); the rest are floats. */
const WHOLE_SCORES: readonly ScoreField[] = [
  'rfm.recency', 'rfm.frequency', 'rfm.monetary', 'rfm.daysSinceLast', 'rfm.orderCount', 'lead.score', 'lead.fit', 'lead.behaviour', 'lead.engagement',
  'engagement.score', 'health.score',
];
const CENT_SCORES: readonly ScoreField[] = ['rfm.totalSpend', 'clv.historical', 'clv.predicted', 'clv.averageOrderValue', 'clv.profit'];

const JSON_DOMAIN: Domain = { type: 'json' };
const values = (list: readonly (string | number)[]): string[] => list.map(String);
const YES_NO: Domain = { type: 'texts', among: ['true', 'false'], missing: false };

export function leafRegion(leaf: ConditionLeaf): LeafRegion | undefined {
  switch (leaf.type) {
    case 'property':
      return compared(`property:${leaf.property}`, 'json', JSON_DOMAIN, leaf);
    case 'attribute':
      return attributeRegion(leaf);
    case 'score':
      return scoreRegion(leaf);
    case 'tag': {
      const has = hasTag(leaf.tag);
      return { field: 'tags', region: { kind: 'tags', formula: leaf.operator === 'has' ? has : notTags(has) } };
    }
    case 'lifecycle_stage':
    case 'journey_stage': {
      // NOT NULL enum columns: `not_in` is every other stage.
      const domain: Domain = { type: 'texts', among: values((leaf.type === 'lifecycle_stage' ? LifecycleStage : JourneyStage).enum), missing: false };
      const set = strings(true, leaf.values);
      return region(leaf.type, leaf.operator === 'in' ? set : complement(set), domain);
    }
    case 'consent': {
      // One state per channel and purpose (a unique row), or none: "none" is no value.
      const domain: Domain = { type: 'texts', among: values(ConsentStatus.enum), missing: true };
      const set = leaf.status === 'none' ? strings(true, [], true) : strings(true, [leaf.status]);
      return region(`consent:${leaf.channel}.${leaf.messageType ?? 'marketing'}`, set, domain);
    }
    case 'topic':
      return region(`topic:${leaf.topic}`, strings(true, [String(leaf.subscribed)]), YES_NO);
    case 'segment':
      return region(`segment:${leaf.segmentId}`, strings(true, [String(leaf.operator === 'member')]), YES_NO);
    case 'random_bucket': {
      // The bucket is a whole number 0..99 per seed: from..to is [from, to + 1).
      const domain: Domain = { type: 'numbers', whole: true, within: { lo: 0, hi: 100, loOpen: false, hiOpen: true }, missing: false };
      return region(`random_bucket:${leaf.seed ?? ''}`, numbers([{ lo: leaf.from, hi: leaf.to + 1, loOpen: false, hiOpen: true }]), domain);
    }
    default:
      return undefined;
  }
}

function attributeRegion(leaf: Extract<ConditionLeaf, { type: 'attribute' }>): LeafRegion | undefined {
  const field = `attribute:${leaf.field}`;
  if (leaf.field.startsWith('attributes.')) return compared(field, 'json', JSON_DOMAIN, leaf);
  if (leaf.field === 'doNotContact') {
    // A NOT NULL boolean: equals true/false, read as the text of the boolean.
    if (typeof leaf.value !== 'boolean' || (leaf.operator !== 'equals' && leaf.operator !== 'not_equals')) return undefined;
    const set = strings(true, [String(leaf.value)]);
    return region(field, leaf.operator === 'equals' ? set : complement(set), YES_NO);
  }
  if (!PROFILE_TEXT.has(leaf.field)) return undefined;
  const among = ENUM_TEXTS[leaf.field];
  return compared(field, 'text', { type: 'texts', ...(among && { among }), missing: !REQUIRED_COLUMNS.has(leaf.field) }, leaf);
}

function scoreRegion(leaf: Extract<ConditionLeaf, { type: 'score' }>): LeafRegion | undefined {
  // A contact without the score's row has no value.
  const field = `score:${leaf.field}`;
  const kind = scoreKind(leaf.field);
  if (kind === 'date') return undefined;
  if (kind === 'text') {
    const among = ENUM_TEXTS[leaf.field];
    return compared(field, 'text', { type: 'texts', ...(among && { among }), missing: true }, leaf);
  }
  const cents = CENT_SCORES.includes(leaf.field);
  const domain: Domain = { type: 'numbers', whole: cents || WHOLE_SCORES.includes(leaf.field), missing: true };
  return compared(field, 'number', domain, leaf, cents ? inCents : undefined);
}

/** Cents, rounding away the float error of `100.01 * 100`; a value between two cents stays between them. */
const inCents: Scale = (value) => {
  const scaled = value * 100;
  const nearest = Math.round(scaled);
  return Math.abs(scaled - nearest) < 1e-6 ? nearest : scaled;
};

function compared(field: string, operand: Operand, domain: Domain, leaf: Extract<ConditionLeaf, { type: 'property' | 'attribute' | 'score' }>, scale?: Scale): LeafRegion | undefined {
  const set = comparisonSet(operand, leaf, scale);
  return set && region(field, set, domain);
}

function region(field: string, set: Parameters<typeof valuesRegion>[0], domain: Domain): LeafRegion | undefined {
  const inside = valuesRegion(set, domain);
  return inside && { field, region: inside };
}
