import type { Condition, Rule, Scalar } from '../schema';

// Pure and deterministic: the interpreter workflow evaluates event filters with it in the
// sandbox, and activities evaluate branch and wait conditions with it over loaded facts.

/** What a condition is evaluated against: `{ contact: {...}, score: {...}, event: {...} }`. */
export type Facts = Readonly<Record<string, unknown>>;

export function evaluateCondition(condition: Condition, facts: Facts): boolean {
  const results = condition.rules.map((rule) => evaluateRule(rule, facts));
  return condition.match === 'all' ? results.every(Boolean) : results.some(Boolean);
}

/**
 * A missing value (absent or null) satisfies only the negative operators: "plan is not gold"
 * holds for a contact with no plan, as marketers expect, and "plan is gold" does not.
 */
export function evaluateRule(rule: Rule, facts: Facts): boolean {
  const actual = lookup(facts, rule.field);
  const expected = rule.value;
  switch (rule.operator) {
    case 'exists':
      return actual !== undefined;
    case 'not_exists':
      return actual === undefined;
    case 'equals':
      return actual !== undefined && matchesAny(actual, expected, same);
    case 'not_equals':
      return actual === undefined || !matchesAny(actual, expected, same);
    case 'in':
      return actual !== undefined && Array.isArray(expected) && expected.some((value) => matchesAny(actual, value, same));
    case 'not_in':
      return actual === undefined || !Array.isArray(expected) || !expected.some((value) => matchesAny(actual, value, same));
    case 'contains':
      return actual !== undefined && contains(actual, expected);
    case 'not_contains':
      return actual === undefined || !contains(actual, expected);
    case 'gt':
      return compareTo(actual, expected, (order) => order > 0);
    case 'gte':
      return compareTo(actual, expected, (order) => order >= 0);
    case 'lt':
      return compareTo(actual, expected, (order) => order < 0);
    case 'lte':
      return compareTo(actual, expected, (order) => order <= 0);
  }
}

/** Dotted path lookup; null counts as missing. Arrays are indexable by position. */
export function lookup(facts: Facts, path: string): unknown {
  let current: unknown = facts;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, segment);
  }
  return current === null ? undefined : current;
}

type Expected = Rule['value'];

/** A list-valued fact (tags) matches when any element matches. */
function matchesAny(actual: unknown, expected: Expected, test: (a: unknown, b: Scalar) => boolean): boolean {
  if (expected === undefined || Array.isArray(expected)) return false;
  return Array.isArray(actual) ? actual.some((item) => test(item, expected)) : test(actual, expected);
}

function same(actual: unknown, expected: Scalar): boolean {
  if (actual === expected) return true;
  const a = asNumber(actual);
  const b = asNumber(expected);
  return a !== undefined && b !== undefined && a === b;
}

function contains(actual: unknown, expected: Expected): boolean {
  if (expected === undefined || Array.isArray(expected)) return false;
  if (typeof actual === 'string') return actual.includes(String(expected));
  return Array.isArray(actual) && actual.some((item) => same(item, expected));
}

/** Numbers (and numeric strings) compare numerically, ISO dates by instant, other strings by code point. */
function compareTo(actual: unknown, expected: Expected, accept: (order: number) => boolean): boolean {
  if (actual === undefined || expected === undefined || Array.isArray(expected)) return false;
  const a = asNumber(actual);
  const b = asNumber(expected);
  if (a !== undefined && b !== undefined) return accept(Math.sign(a - b));
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  const instantA = asInstant(actual);
  const instantB = asInstant(expected);
  if (instantA !== undefined && instantB !== undefined) return accept(Math.sign(instantA - instantB));
  return accept(actual < expected ? -1 : actual > expected ? 1 : 0);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '' || !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(value.trim())) return undefined;
  return Number(value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function asInstant(value: string): number | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}
