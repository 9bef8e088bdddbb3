import type { TSchema } from 'typebox';
import { errors } from '../compile/validators';
import {
  AttributeCondition, PropertyCondition, ConsentCondition, EventCondition, LastEventCondition, LoyaltyCondition, MAX_DEPTH, OrderCondition, RandomBucketCondition,
  ScoreCondition, SegmentCondition, StageCondition, TagCondition, TopicCondition, type Comparison, type ComparisonOperator, type ConditionLeaf, type Criteria,
} from './language';
import { comparedValue, type ValueKind } from './value-kinds';
import { isRecord } from './json';

export interface CriteriaIssue {
  /** Where in the tree: `all[1].any[0].days`. */
  readonly path: string;
  readonly message: string;
}

export type CriteriaValidation = { ok: true; criteria: Criteria } | { ok: false; issues: CriteriaIssue[] };

/**
 * What a condition is about, which decides the conditions it may use: a `segment` has no event
 * in hand; a `contact` condition (journey branches, waits, entry filter, exit criteria) may
 * also test the entry event's properties; an `event` filter tests only the event's properties.
 */
export type ConditionScope = 'segment' | 'contact' | 'event';

const SCOPE_TYPES: Record<ConditionScope, (type: ConditionLeaf['type']) => string | undefined> = {
  segment: (type) => (type === 'property' ? 'segments have no event in hand: filter events with an "event" condition\'s "where"' : undefined),
  contact: () => undefined,
  event: (type) => (type === 'property' ? undefined : `only properties can be tested here (an event filter reads the event, an action's rule its settings); test "${type}" in a branch or the entry filter`),
};

const CONDITION_SCHEMAS: Record<ConditionLeaf['type'], TSchema> = {
  property: PropertyCondition,
  attribute: AttributeCondition,
  tag: TagCondition,
  event: EventCondition,
  event_last: LastEventCondition,
  order: OrderCondition,
  score: ScoreCondition,
  lifecycle_stage: StageCondition,
  journey_stage: StageCondition,
  loyalty: LoyaltyCondition,
  consent: ConsentCondition,
  topic: TopicCondition,
  segment: SegmentCondition,
  random_bucket: RandomBucketCondition,
};

/** The operators that apply to each kind of value. */
export const ALLOWED_OPERATORS: Record<ValueKind, readonly ComparisonOperator[]> = {
  text: ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', 'exists', 'not_exists'],
  number: ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'exists', 'not_exists'],
  boolean: ['equals', 'not_equals', 'exists', 'not_exists'],
  date: ['before', 'after', 'within_last_days', 'more_than_days_ago', 'within_next_days', 'exists', 'not_exists'],
  any: [
    'equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'between', 'contains', 'not_contains', 'starts_with', 'in', 'not_in',
    'exists', 'not_exists', 'before', 'after', 'within_last_days', 'more_than_days_ago', 'within_next_days',
  ],
};

/** The argument each operator needs. */
const ARGUMENT: Record<ComparisonOperator, keyof Comparison | 'from/to' | undefined> = {
  equals: 'value', not_equals: 'value', gt: 'value', gte: 'value', lt: 'value', lte: 'value', between: 'from/to',
  contains: 'value', not_contains: 'value', starts_with: 'value', in: 'values', not_in: 'values', exists: undefined, not_exists: undefined,
  before: 'date', after: 'date', within_last_days: 'days', more_than_days_ago: 'days', within_next_days: 'days',
};

const isLeafType = (type: unknown): type is ConditionLeaf['type'] => typeof type === 'string' && Object.hasOwn(CONDITION_SCHEMAS, type);
const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Checks a criteria tree and says exactly where it is wrong: the structure (one of `all`,
 * `any`, `not` or a condition `type` per node, at most MAX_DEPTH deep), each condition's shape,
 * and whether the operator suits the field (`days` for "within the last N days" on a date...).
 */
export function validateCriteria(value: unknown, scope: ConditionScope = 'segment'): CriteriaValidation {
  const issues: CriteriaIssue[] = [];
  visit(value, '', 0, issues, scope);
  // The walk above checked every node against its schema, so the tree has the Criteria shape.
  return issues.length === 0 ? { ok: true, criteria: value as Criteria } : { ok: false, issues };
}

function visit(node: unknown, path: string, depth: number, issues: CriteriaIssue[], scope: ConditionScope): void {
  const where = path || '(root)';
  if (!isRecord(node)) return void issues.push({ path: where, message: 'must be an object: a condition, or { all | any | not }' });
  if (depth > MAX_DEPTH) return void issues.push({ path: where, message: `criteria nest at most ${MAX_DEPTH} levels deep` });
  const groups = (['all', 'any', 'not'] as const).filter((key) => key in node);
  if (groups.length + ('type' in node ? 1 : 0) !== 1) {
    return void issues.push({ path: where, message: 'each node is exactly one of: a condition (with "type"), { "all": [...] }, { "any": [...] }, { "not": {...} }' });
  }
  if (Object.keys(node).length > 1 && groups.length === 1) return void issues.push({ path: where, message: `"${groups[0]}" cannot be combined with other keys` });
  const [group] = groups;
  if (group === 'not') return visit(node.not, join(path, 'not'), depth + 1, issues, scope);
  if (group === 'all' || group === 'any') {
    const children = node[group];
    if (!Array.isArray(children) || children.length === 0) return void issues.push({ path: join(path, group), message: 'must be a non-empty list' });
    if (children.length > 50) return void issues.push({ path: join(path, group), message: 'at most 50 entries' });
    children.forEach((child, index) => visit(child, join(join(path, group), index), depth + 1, issues, scope));
    return;
  }
  visitCondition(node, path, issues, scope);
}

function visitCondition(node: Record<string, unknown>, path: string, issues: CriteriaIssue[], scope: ConditionScope): void {
  const type = node.type;
  if (!isLeafType(type)) {
    return void issues.push({ path: join(path, 'type'), message: `unknown condition type ${JSON.stringify(type)}; expected one of ${Object.keys(CONDITION_SCHEMAS).join(', ')}` });
  }
  const outOfScope = SCOPE_TYPES[scope](type);
  if (outOfScope) return void issues.push({ path: join(path, 'type'), message: outOfScope });
  const schema = CONDITION_SCHEMAS[type];
  const [first] = errors(schema, node);
  if (first) return void issues.push({ path: join(path, first.instancePath.split('/').filter(Boolean).join('.')) || path, message: first.message });
  const condition = node as ConditionLeaf;
  if (condition.type === 'random_bucket' && condition.from > condition.to) issues.push({ path: join(path, 'from'), message: '"from" must not be above "to"' });
  if ((condition.type === 'event_last' && condition.operator !== 'never') && condition.days === undefined) issues.push({ path: join(path, 'days'), message: `"${condition.operator}" needs "days"` });
  if (condition.type === 'event') condition.where?.forEach((filter, index) => checkComparison(filter, 'any', join(join(path, 'where'), index), issues));
  const compared = comparedValue(condition);
  if (compared) checkComparison(compared.comparison, compared.kind, path, issues);
}

function checkComparison(comparison: Comparison, kind: ValueKind, path: string, issues: CriteriaIssue[]): void {
  const { operator } = comparison;
  if (!ALLOWED_OPERATORS[kind].includes(operator)) {
    return void issues.push({ path: join(path, 'operator'), message: `"${operator}" does not apply to a ${kind} value; use one of ${ALLOWED_OPERATORS[kind].join(', ')}` });
  }
  const argument = ARGUMENT[operator];
  if (argument === 'from/to') {
    if (comparison.from === undefined || comparison.to === undefined) return void issues.push({ path, message: '"between" needs "from" and "to"' });
    if (comparison.from > comparison.to) issues.push({ path: join(path, 'from'), message: '"from" must not be above "to"' });
    return;
  }
  if (argument && comparison[argument] === undefined) return void issues.push({ path: join(path, argument), message: `"${operator}" needs "${argument}"` });
  if ((operator === 'gt' || operator === 'gte' || operator === 'lt' || operator === 'lte') && typeof comparison.value !== 'number') {
    issues.push({ path: join(path, 'value'), message: `"${operator}" compares numbers` });
  }
  if ((operator === 'contains' || operator === 'not_contains' || operator === 'starts_with') && typeof comparison.value !== 'string') {
    issues.push({ path: join(path, 'value'), message: `"${operator}" needs a text value` });
  }
}
