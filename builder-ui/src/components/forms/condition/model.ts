import { attributeKind, CONDITION_FIELDS, type ValueKind } from '../../../../../engine/journey/conditions';
import type { Comparison, ConditionLeaf, ScoreField } from '../../../../../engine/journey/conditions/language';
import { asOperator } from './words';

// The condition as the builder edits it: "all" or "any" of a list of items at the top, each
// either a rule the rows can edit or anything else (a nested group, an order or loyalty
// condition...), which is shown in words and written back exactly as it was.

type Of<T extends ConditionLeaf['type']> = Extract<ConditionLeaf, { type: T }>;
/** A comparison of a contact field, a score or a property of the event in hand. */
export type Compared = Of<'attribute' | 'score' | 'property'>;
export type StageRule = Extract<ConditionLeaf, { values: string[]; operator: 'in' | 'not_in' }>;
/** The conditions a row edits. */
export type Rule = Compared | Of<'tag' | 'consent' | 'topic' | 'segment' | 'event'> | StageRule;

export type Join = 'all' | 'any';
export interface Top {
  readonly join: Join;
  readonly items: readonly unknown[];
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): value is string | number | boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
export const list = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value.map((item: unknown) => item) : undefined);

/** The top of a condition: `{ all }` or `{ any }`; a lone condition or `{ not }` is the one item of an "all". */
export function topOf(value: unknown): Top {
  if (!isRecord(value)) return { join: 'all', items: [] };
  const keys = Object.keys(value);
  const all = list(value.all);
  const any = list(value.any);
  if (all && keys.length === 1) return { join: 'all', items: all };
  if (any && keys.length === 1) return { join: 'any', items: any };
  return { join: 'all', items: [value] };
}

export const writeTop = ({ join, items }: Top): { all: readonly unknown[] } | { any: readonly unknown[] } => (join === 'all' ? { all: items } : { any: items });

export const CHANNELS = ['email', 'sms', 'push', 'whatsapp'] as const;
export const CONSENT_STATUSES = ['granted', 'withdrawn', 'pending', 'none'] as const;
const pick = <T extends string>(options: readonly T[], value: unknown): T | undefined => options.find((option) => option === value);

export function scoreField(field: unknown): ScoreField | undefined {
  for (const known of CONDITION_FIELDS) if (known.type === 'score' && known.field === field) return known.field;
  return undefined;
}

/** The operator and its arguments, as written; undefined without a known operator. */
export function comparisonOf(node: Record<string, unknown>): Comparison | undefined {
  const operator = asOperator(node.operator);
  if (!operator) return undefined;
  const values = list(node.values)?.filter((item): item is string | number => typeof item === 'string' || typeof item === 'number');
  return {
    operator,
    ...(isScalar(node.value) && { value: node.value }),
    ...(values && values.length > 0 && { values }),
    ...(typeof node.from === 'number' && { from: node.from }),
    ...(typeof node.to === 'number' && { to: node.to }),
    ...(typeof node.date === 'string' && { date: node.date }),
    ...(typeof node.days === 'number' && { days: node.days }),
  };
}

/** The rule a row can edit, or undefined for what the rows cannot say (shown read-only). */
export function readRule(node: unknown): Rule | undefined {
  if (!isRecord(node)) return undefined;
  const comparison = comparisonOf(node);
  const { operator } = node;
  switch (node.type) {
    case 'attribute':
      return typeof node.field === 'string' && comparison ? { type: 'attribute', field: node.field, ...comparison } : undefined;
    case 'score': {
      const field = scoreField(node.field);
      return field && comparison ? { type: 'score', field, ...comparison } : undefined;
    }
    case 'property':
      return typeof node.property === 'string' && comparison ? { type: 'property', property: node.property, ...comparison } : undefined;
    case 'tag':
      return (operator === 'has' || operator === 'has_not') && typeof node.tag === 'string' ? { type: 'tag', operator, tag: node.tag } : undefined;
    case 'lifecycle_stage': {
      const values = list(node.values)?.filter((value): value is string => typeof value === 'string') ?? [];
      return operator === 'in' || operator === 'not_in' ? { type: 'lifecycle_stage', operator, values } : undefined;
    }
    case 'consent': {
      const channel = pick(CHANNELS, node.channel);
      const status = pick(CONSENT_STATUSES, node.status);
      const messageType = pick(['marketing', 'transactional'], node.messageType);
      return channel && status ? { type: 'consent', channel, status, ...(messageType && { messageType }) } : undefined;
    }
    case 'topic':
      return typeof node.topic === 'string' && typeof node.subscribed === 'boolean' ? { type: 'topic', topic: node.topic, subscribed: node.subscribed } : undefined;
    case 'segment':
      return typeof node.segmentId === 'string' && (operator === 'member' || operator === 'not_member') ? { type: 'segment', segmentId: node.segmentId, operator } : undefined;
    case 'event': {
      // "At least once", optionally in a window; counts and property filters are read-only.
      const once = node.count === undefined || (isRecord(node.count) && node.count.operator === 'gte' && node.count.value === 1);
      if (typeof node.name !== 'string' || !once || node.where !== undefined) return undefined;
      return { type: 'event', name: node.name, ...(typeof node.withinDays === 'number' && { withinDays: node.withinDays }) };
    }
    default:
      return undefined;
  }
}

export const isCompared = (rule: Rule): rule is Compared => rule.type === 'attribute' || rule.type === 'score' || rule.type === 'property';

/** The kind of value a comparison rule compares, which decides its operators. */
export function kindOf(rule: Compared): ValueKind {
  if (rule.type === 'property') return 'any';
  if (rule.type === 'attribute') return attributeKind(rule.field);
  return CONDITION_FIELDS.find((field) => field.field === rule.field)?.kind ?? 'number';
}

/** The same rule comparing with `comparison` (its previous arguments gone). */
export function withComparison(rule: Compared, comparison: Comparison): Compared {
  switch (rule.type) {
    case 'attribute': return { type: 'attribute', field: rule.field, ...comparison };
    case 'score': return { type: 'score', field: rule.field, ...comparison };
    case 'property': return { type: 'property', property: rule.property, ...comparison };
  }
}

export function comparisonPart(rule: Compared): Comparison {
  return comparisonOf({ ...rule }) ?? { operator: rule.operator };
}
