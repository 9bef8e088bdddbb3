import type { Comparison } from '../conditions/language';
import { complement, numbers, point, strings, type FieldSet, type Interval } from './value-sets';

// One comparison as the set of values that satisfy it, mirroring the condition language
// exactly: compare() in engine/crm/segments/compile.ts, which decides a contact's branch, and
// compareJson in engine/journey/conditions/evaluate.ts, held to it. A comparison this file
// cannot mirror exactly gets no set, and the branch checks then say nothing.
//
// A set reads one form of the value, so that every comparison in it is exact:
// - a number set, the value as a number (a number, or text that reads as one); a value with no
//   number form (other text, a list, a boolean) behaves as no value at all: it satisfies every
//   `not_*` comparison and no other, which is what the set's `missing` flag records;
// - a text set, the value's text (`equals 'gold'` and `in` are case-sensitive text equality;
//   a list's or a boolean's text is text like any other), `missing` for no value.
// Sets of the two forms never meet: the checks give up on a field compared both ways.

/**
 * The forms of a value a comparison can read, as compile.ts's operands have them: a JSON
 * value (custom attributes, event properties) has both; a profile column or a score, one.
 * Comparing a form the value lacks is always "no", a mistake left to the validator.
 */
export type Operand = 'json' | 'text' | 'number';

/** How a number argument becomes a number in the set: scaled to the field's units (cents). */
export type Scale = (value: number) => number;

const unscaled: Scale = (value) => value;

export function comparisonSet(operand: Operand, comparison: Comparison, scale: Scale = unscaled): FieldSet | undefined {
  const { operator, value } = comparison;
  const readsNumbers = operand !== 'text';
  const readsText = operand !== 'number';
  switch (operator) {
    case 'equals':
    case 'not_equals': {
      const set =
        typeof value === 'number' && readsNumbers && Number.isFinite(value) ? numbers([point(scale(value))]) : typeof value === 'string' && readsText ? strings(true, [value]) : undefined;
      return set && (operator === 'equals' ? set : complement(set));
    }
    case 'in':
    case 'not_in': {
      const values = comparison.values ?? [];
      if (values.length === 0) return undefined;
      // All numbers compare as numbers when the value has a number form; any other list as text.
      const asNumbers = values.flatMap((entry) => (typeof entry === 'number' && Number.isFinite(entry) ? [scale(entry)] : []));
      const set =
        asNumbers.length === values.length && readsNumbers ? numbers(asNumbers.map(point)) : readsText && (operand === 'text' || asNumbers.length !== values.length) ? strings(true, values.map(String)) : undefined;
      return set && (operator === 'in' ? set : complement(set));
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typeof value === 'number' && Number.isFinite(value) && readsNumbers ? numbers([range(operator, scale(value))]) : undefined;
    case 'between': {
      const { from, to } = comparison;
      if (from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to) || !readsNumbers) return undefined;
      return numbers([{ lo: scale(from), hi: scale(to), loOpen: false, hiOpen: false }]);
    }
    default:
      // contains, starts_with (case-insensitive text), exists (any form), dates: not modelled.
      return undefined;
  }
}

function range(operator: 'gt' | 'gte' | 'lt' | 'lte', value: number): Interval {
  switch (operator) {
    case 'gt':
      return { lo: value, hi: Infinity, loOpen: true, hiOpen: true };
    case 'gte':
      return { lo: value, hi: Infinity, loOpen: false, hiOpen: true };
    case 'lt':
      return { lo: -Infinity, hi: value, loOpen: true, hiOpen: true };
    case 'lte':
      return { lo: -Infinity, hi: value, loOpen: true, hiOpen: false };
  }
}
