import type { Condition, Rule } from '../schema';
import { complement, intersect, numbers, point, strings, union, type FieldSet } from './value-sets';

/**
 * What a condition allows, field by field: a contact matches when every constrained field's
 * value is in its set (a product of sets). Undefined when the condition uses something this
 * analysis cannot represent (so the linter says nothing rather than something wrong).
 */
export type Region = ReadonlyMap<string, FieldSet>;

/** Fields that may hold lists, for which "equals a and equals b" can both hold. */
const LIST_FIELDS = /(^|\.)tags$/;

export function regionOf(condition: Condition): Region | undefined {
  const sets: [string, FieldSet][] = [];
  for (const rule of condition.rules) {
    const set = ruleSet(rule);
    if (!set) return undefined;
    sets.push([rule.field, set]);
  }
  if (condition.match === 'all') {
    const region = new Map<string, FieldSet>();
    for (const [field, set] of sets) {
      const current = region.get(field);
      const combined = current ? intersect(current, set) : set;
      if (!combined) return undefined;
      region.set(field, combined);
    }
    return region;
  }
  // "any" is a product only when every rule is on the same field.
  const fields = new Set(sets.map(([field]) => field));
  const [field] = fields;
  if (fields.size !== 1 || field === undefined) return undefined;
  let combined: FieldSet | undefined;
  for (const [, set] of sets) {
    combined = combined ? union(combined, set) : set;
    if (!combined) return undefined;
  }
  return combined ? new Map([[field, combined]]) : undefined;
}

function ruleSet(rule: Rule): FieldSet | undefined {
  if (LIST_FIELDS.test(rule.field)) return undefined;
  const value = rule.value;
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (values.length > 0 && values.every((item) => typeof item === 'number')) return numericRule(rule.operator, values.filter((item): item is number => typeof item === 'number'));
  // Numeric-looking strings compare as numbers at run time; leave them alone.
  if (values.length > 0 && values.every((item) => typeof item === 'string' && !/^\s*[-+]?\d/.test(item))) {
    return stringRule(rule.operator, values.filter((item): item is string => typeof item === 'string'));
  }
  if (rule.operator === 'in' && Array.isArray(value) && value.length === 0) return strings(true, []);
  return undefined;
}

function numericRule(operator: Rule['operator'], values: number[]): FieldSet | undefined {
  const [first] = values;
  if (first === undefined) return undefined;
  switch (operator) {
    case 'equals':
      return values.length === 1 ? numbers([point(first)]) : undefined;
    case 'not_equals':
      return values.length === 1 ? complement(numbers([point(first)])) : undefined;
    case 'gt':
      return numbers([{ lo: first, hi: Infinity, loOpen: true, hiOpen: true }]);
    case 'gte':
      return numbers([{ lo: first, hi: Infinity, loOpen: false, hiOpen: true }]);
    case 'lt':
      return numbers([{ lo: -Infinity, hi: first, loOpen: true, hiOpen: true }]);
    case 'lte':
      return numbers([{ lo: -Infinity, hi: first, loOpen: true, hiOpen: false }]);
    case 'in':
      return numbers(values.map(point));
    case 'not_in':
      return complement(numbers(values.map(point)));
    default:
      return undefined;
  }
}

function stringRule(operator: Rule['operator'], values: string[]): FieldSet | undefined {
  switch (operator) {
    case 'equals':
      return values.length === 1 ? strings(true, values) : undefined;
    case 'not_equals':
      return values.length === 1 ? strings(false, values, true) : undefined;
    case 'in':
      return strings(true, values);
    case 'not_in':
      return strings(false, values, true);
    default:
      return undefined;
  }
}
