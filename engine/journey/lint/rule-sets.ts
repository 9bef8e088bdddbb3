import type { Rule } from '../schema';
import { complement, numbers, point, strings, type FieldSet } from './value-sets';

// One rule as the set of values that satisfy it, mirroring `evaluateRule` exactly: a rule
// this file cannot mirror exactly gets no set, and the branch checks then say nothing.

/**
 * How a rule treats a list value (tags, a list attribute), which `evaluateRule` compares
 * element by element: `equals`/`in` hold when some element matches, `not_equals`/`not_in`
 * when none does, and comparisons never hold.
 */
export type RuleKind = 'positive' | 'negative' | 'comparison';

export interface RuleSet {
  kind: RuleKind;
  /** The scalar values (and "no value") that satisfy the rule. */
  values: FieldSet;
}

const KINDS: Partial<Record<Rule['operator'], RuleKind>> = {
  equals: 'positive',
  in: 'positive',
  not_equals: 'negative',
  not_in: 'negative',
  gt: 'comparison',
  gte: 'comparison',
  lt: 'comparison',
  lte: 'comparison',
};

export function ruleSet(rule: Rule): RuleSet | undefined {
  const kind = KINDS[rule.operator];
  if (!kind) return undefined;
  const value = rule.value;
  // equals with a list value never holds (and not_equals always does), in with a single
  // value likewise: a mistake the compiler lets through, left alone rather than modelled.
  const listOperator = rule.operator === 'in' || rule.operator === 'not_in';
  if (value === undefined || Array.isArray(value) !== listOperator) return undefined;
  const scalars = Array.isArray(value) ? value : [value];
  if (scalars.length === 0) return rule.operator === 'in' ? { kind, values: strings(true, []) } : undefined;
  const values = kind === 'comparison' ? comparisonSet(rule.operator, scalars[0]) : membershipSet(rule.operator, scalars);
  return values && { kind, values };
}

/** Only numbers are modelled: strings compare as dates or by code point. */
function comparisonSet(operator: Rule['operator'], value: unknown): FieldSet | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  switch (operator) {
    case 'gt':
      return numbers([{ lo: value, hi: Infinity, loOpen: true, hiOpen: true }]);
    case 'gte':
      return numbers([{ lo: value, hi: Infinity, loOpen: false, hiOpen: true }]);
    case 'lt':
      return numbers([{ lo: -Infinity, hi: value, loOpen: true, hiOpen: true }]);
    case 'lte':
      return numbers([{ lo: -Infinity, hi: value, loOpen: true, hiOpen: false }]);
    default:
      return undefined;
  }
}

/**
 * equals/in and their negations. Numeric strings equal the number they spell ("5" = 5 =
 * "5.0"), so they join the numbers; other strings equal only themselves. A list mixing the
 * two, or holding booleans, is not modelled.
 */
function membershipSet(operator: Rule['operator'], scalars: readonly unknown[]): FieldSet | undefined {
  const scalarsAs = scalars.map(classify);
  const positive = operator === 'equals' || operator === 'in';
  const asNumbers = scalarsAs.flatMap((item) => (item.type === 'number' ? [item.value] : []));
  const asStrings = scalarsAs.flatMap((item) => (item.type === 'string' ? [item.value] : []));
  if (asNumbers.length === scalars.length) {
    const set = numbers(asNumbers.map(point));
    return positive ? set : complement(set);
  }
  if (asStrings.length === scalars.length) return positive ? strings(true, asStrings) : strings(false, asStrings, true);
  return undefined;
}

// The evaluator's own test: what it compares as a number, this compares as a number.
const NUMERIC = /^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i;

type Classified = { type: 'number'; value: number } | { type: 'string'; value: string } | { type: 'other' };

function classify(value: unknown): Classified {
  if (typeof value === 'number') return Number.isFinite(value) ? { type: 'number', value } : { type: 'other' };
  if (typeof value !== 'string') return { type: 'other' };
  if (!NUMERIC.test(value.trim())) return { type: 'string', value };
  // "1e999" is Infinity to the evaluator: too odd to be worth modelling.
  const number = Number(value);
  return Number.isFinite(number) ? { type: 'number', value: number } : { type: 'other' };
}
