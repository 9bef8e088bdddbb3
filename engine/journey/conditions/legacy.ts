import type { ConditionLeaf, Criteria, ScoreField } from './language';
import { isProfileField } from './value-kinds';
import { isRecord } from './json';

// Journey conditions before the one condition language (draft schema version 1, and plans
// published then): `{ match: 'all' | 'any', rules: [{ field, operator, value }] }` over fact
// paths such as `contact.attributes.plan` or `score.clv.predictedValue`. Stored drafts, journey
// files and the plans contacts are still running are written this way; `upgradeCondition`
// turns one into the same test in today's language.

type Scalar = string | number | boolean;

interface LegacyRule {
  readonly field: string;
  readonly operator: string;
  readonly value?: Scalar | readonly Scalar[];
}

export interface LegacyCondition {
  readonly match: 'all' | 'any';
  readonly rules: readonly LegacyRule[];
}

/** A rule today's language cannot say, named by its position so the marketer can find it. */
export class LegacyConditionError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function isLegacyRule(value: unknown): value is LegacyRule {
  if (!isRecord(value) || typeof value.field !== 'string' || typeof value.operator !== 'string') return false;
  const { value: expected } = value;
  return expected === undefined || isScalar(expected) || (Array.isArray(expected) && expected.every(isScalar));
}

export function isLegacyCondition(value: unknown): value is LegacyCondition {
  return isRecord(value) && (value.match === 'all' || value.match === 'any') && Array.isArray(value.rules) && value.rules.every(isLegacyRule);
}

/** Throws LegacyConditionError, naming the rule (`rules[2]`), when a rule has no counterpart. */
export function upgradeCondition(condition: LegacyCondition): Criteria {
  const children = condition.rules.map((rule, index) => upgradeRule(rule, `rules[${index}]`));
  const [only] = children;
  if (children.length === 1 && only) return only;
  return condition.match === 'all' ? { all: children } : { any: children };
}

/** Today's condition, whichever language `value` is written in; anything else is returned as it is for validation to report. */
export function currentCondition(value: unknown): unknown {
  return isLegacyCondition(value) ? upgradeCondition(value) : value;
}

const DATE_FIELDS = new Set(['contact.createdAt', 'contact.lastSeenAt', 'score.engagement.lastEngagedAt']);
const KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** Fact paths of scores, as version 1 named them, to today's score fields. */
const SCORES: Readonly<Record<string, ScoreField>> = {
  'rfm.recency': 'rfm.recency', 'rfm.frequency': 'rfm.frequency', 'rfm.monetary': 'rfm.monetary', 'rfm.segment': 'rfm.segment',
  'rfm.daysSinceLast': 'rfm.daysSinceLast', 'rfm.orderCount': 'rfm.orderCount', 'rfm.totalSpend': 'rfm.totalSpend',
  'clv.historicalValue': 'clv.historical', 'clv.predictedValue': 'clv.predicted', 'clv.averageOrderValue': 'clv.averageOrderValue',
  'clv.profit': 'clv.profit', 'clv.probabilityAlive': 'clv.probabilityAlive',
  'lead.score': 'lead.score', 'lead.fitScore': 'lead.fit', 'lead.behaviourScore': 'lead.behaviour', 'lead.engagementScore': 'lead.engagement',
  'lead.qualification': 'lead.qualification', 'churn_risk.probability': 'churn_risk.probability', 'churn_risk.band': 'churn_risk.band',
  'engagement.score': 'engagement.score', 'engagement.lastEngagedAt': 'engagement.lastEngagedAt', 'health.score': 'health.score', 'health.level': 'health.level',
};

type Compared = Extract<ConditionLeaf, { type: 'attribute' | 'score' | 'property' }>;
type Target = { type: 'attribute'; field: string } | { type: 'score'; field: ScoreField } | { type: 'property'; property: string };

function upgradeRule(rule: LegacyRule, path: string): Criteria {
  const fail = (why: string): never => {
    throw new LegacyConditionError(path, `"${rule.field}" ${why}`);
  };
  const [root, ...rest] = rule.field.split('.');
  const tail = rest.join('.');
  if (root === 'contact') {
    if (tail === 'tags') return tagRule(rule, fail);
    if (tail === 'lifecycleStage' || tail === 'journeyStage') return stageRule(rule, tail === 'lifecycleStage' ? 'lifecycle_stage' : 'journey_stage', fail);
    if (isProfileField(tail)) return comparison({ type: 'attribute', field: tail }, rule, fail);
    const [group, key, ...deeper] = rest;
    if (group === 'attributes' && key !== undefined && KEY.test(key) && deeper.length === 0) return comparison({ type: 'attribute', field: `attributes.${key}` }, rule, fail);
    return fail('is not a contact field conditions can test (nested attributes and ids cannot be compared)');
  }
  if (root === 'score') {
    const field = SCORES[tail];
    return field ? comparison({ type: 'score', field }, rule, fail) : fail('is not a score field conditions can test');
  }
  if (root === 'consent') return consentRule(rule, rest, fail);
  if (root === 'topics' && rest.length === 1 && rest[0] !== undefined) return topicRule(rule, rest[0], fail);
  if (root === 'event' && rest[0] === 'properties' && rest.length > 1) return comparison({ type: 'property', property: rest.slice(1).join('.') }, rule, fail);
  return fail('is not a field conditions can test');
}

function comparison(target: Target, rule: LegacyRule, fail: (why: string) => never): Criteria {
  const leaf = (fields: Omit<Compared, 'type' | 'field' | 'property'>): Compared => ({ ...target, ...fields }) as Compared;
  const { operator, value } = rule;
  const scalar = (): Scalar => (isScalar(value) ? value : fail(`"${operator}" needs one value`));
  const list = (): (string | number)[] => (Array.isArray(value) ? value.map((item: Scalar) => (typeof item === 'boolean' ? String(item) : item)) : fail(`"${operator}" needs a list`));
  switch (operator) {
    case 'exists':
    case 'not_exists':
      return leaf({ operator });
    case 'equals':
    case 'not_equals':
      return leaf({ operator, value: scalar() });
    case 'contains':
    case 'not_contains':
      return leaf({ operator, value: String(scalar()) });
    case 'in':
    case 'not_in':
      return leaf({ operator, values: list() });
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return ordered(rule, operator, scalar(), leaf, fail);
    default:
      return fail(`uses an unknown operator "${operator}"`);
  }
}

/** Version 1 compared numbers, numeric text and ISO dates with the same four operators. */
function ordered(rule: LegacyRule, operator: 'gt' | 'gte' | 'lt' | 'lte', value: Scalar, leaf: (fields: Omit<Compared, 'type' | 'field' | 'property'>) => Compared, fail: (why: string) => never): Criteria {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
  if (number !== undefined && !DATE_FIELDS.has(rule.field)) return leaf({ operator, value: number });
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return fail(`"${operator}" compares numbers or dates, not ${JSON.stringify(value)}`);
  // "after or on" is "has a date, and not before"; a missing date satisfies neither.
  if (operator === 'gt') return leaf({ operator: 'after', date: value });
  if (operator === 'lt') return leaf({ operator: 'before', date: value });
  const opposite = leaf({ operator: operator === 'gte' ? 'before' : 'after', date: value });
  return { all: [leaf({ operator: 'exists' }), { not: opposite }] };
}

function tagRule(rule: LegacyRule, fail: (why: string) => never): Criteria {
  const tags = Array.isArray(rule.value) ? rule.value.map(String) : rule.value === undefined ? fail(`"${rule.operator}" needs a tag`) : [String(rule.value)];
  const has = (tag: string): ConditionLeaf => ({ type: 'tag', operator: 'has', tag });
  const hasNot = (tag: string): ConditionLeaf => ({ type: 'tag', operator: 'has_not', tag });
  const [first] = tags;
  if ((rule.operator === 'equals' || rule.operator === 'contains') && first !== undefined && tags.length === 1) return has(first);
  if ((rule.operator === 'not_equals' || rule.operator === 'not_contains') && first !== undefined && tags.length === 1) return hasNot(first);
  if (rule.operator === 'in' && tags.length > 0) return { any: tags.map(has) };
  if (rule.operator === 'not_in' && tags.length > 0) return { all: tags.map(hasNot) };
  return fail(`cannot be tested with "${rule.operator}"; use has or has not a tag`);
}

function stageRule(rule: LegacyRule, type: 'lifecycle_stage' | 'journey_stage', fail: (why: string) => never): Criteria {
  const values = Array.isArray(rule.value) ? rule.value.map(String) : rule.value === undefined ? [] : [String(rule.value)];
  if (values.length === 0) return fail(`cannot be tested with "${rule.operator}"; name the stages`);
  if (rule.operator === 'equals' || rule.operator === 'in') return { type, operator: 'in', values };
  if (rule.operator === 'not_equals' || rule.operator === 'not_in') return { type, operator: 'not_in', values };
  return fail(`cannot be tested with "${rule.operator}"; use in or not in`);
}

const CHANNELS = ['email', 'sms', 'push', 'whatsapp'] as const;
const PURPOSES = ['marketing', 'transactional'] as const;
const STATUSES = ['granted', 'withdrawn', 'pending'] as const;

function consentRule(rule: LegacyRule, rest: readonly string[], fail: (why: string) => never): Criteria {
  const channel = CHANNELS.find((known) => known === rest[0]);
  const messageType = PURPOSES.find((known) => known === rest[1]);
  if (!channel || !messageType || rest.length !== 2) return fail('is not a consent field: consent.<email|sms|push|whatsapp>.<marketing|transactional>');
  const leaf = (status: (typeof STATUSES)[number] | 'none'): ConditionLeaf => ({ type: 'consent', channel, messageType, status });
  const statuses = (Array.isArray(rule.value) ? rule.value : rule.value === undefined ? [] : [rule.value]).map((value) => {
    const status = STATUSES.find((known) => known === value);
    return status ?? fail(`has no state ${JSON.stringify(value)}; states are ${STATUSES.join(', ')}`);
  });
  const anyOf = (): Criteria => (statuses.length === 1 && statuses[0] ? leaf(statuses[0]) : { any: statuses.map(leaf) });
  switch (rule.operator) {
    case 'exists':
      return { not: leaf('none') };
    case 'not_exists':
      return leaf('none');
    case 'equals':
    case 'in':
      return statuses.length > 0 ? anyOf() : fail(`"${rule.operator}" needs a state`);
    case 'not_equals':
    case 'not_in':
      return statuses.length > 0 ? { not: anyOf() } : fail(`"${rule.operator}" needs a state`);
    default:
      return fail(`cannot be tested with "${rule.operator}"`);
  }
}

function topicRule(rule: LegacyRule, topic: string, fail: (why: string) => never): Criteria {
  const receives = rule.value === true || rule.value === 'true';
  if (rule.operator === 'equals') return { type: 'topic', topic, subscribed: receives };
  if (rule.operator === 'not_equals') return { type: 'topic', topic, subscribed: !receives };
  return fail(`cannot be tested with "${rule.operator}"; use equals true or false`);
}
