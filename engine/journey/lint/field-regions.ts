import { andTags, notTags, orTags, satisfiable, type TagFormula } from './tag-formulas';
import { complement, intersect, isEmpty, isSubset, numbers, strings, union, wholeNumbers, type FieldSet, type Interval } from './value-sets';

// What one condition allows of one field (a profile column, a score, an event property, the
// tag list, a consent state...), and the set operations the branch checks need on it. Every
// operation is exact, or answers undefined, and then the checks say nothing.

/**
 * The values a field can really hold. Sets are kept inside it, so that a value a set holds
 * (the witness of an overlap) is one a contact or an event can have: a stage is one of the
 * nine stages, a bucket a whole number 0..99, and "not champion" means the other eight.
 */
export type Domain =
  /** Numbers (in the field's units), and, when `missing`, no value. */
  | { readonly type: 'numbers'; readonly whole: boolean; readonly within?: Interval; readonly missing: boolean }
  /** Texts, one of `among` when the column is an enum; and, when `missing`, no value. */
  | { readonly type: 'texts'; readonly among?: readonly string[]; readonly missing: boolean }
  /** A JSON value: any number or text form, or none. */
  | { readonly type: 'json' };

export type FieldRegion = { readonly kind: 'values'; readonly values: FieldSet; readonly domain: Domain } | { readonly kind: 'tags'; readonly formula: TagFormula };

const EVERY_NUMBER: Interval = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };

/** The part of a set the field can hold; undefined when the set reads a form the field lacks. */
export function restrict(set: FieldSet, domain: Domain): FieldSet | undefined {
  if (domain.type === 'json') return set;
  if (domain.type === 'numbers') {
    if (set.type !== 'number') return undefined;
    const inside = intersect(set, numbers([domain.within ?? EVERY_NUMBER], domain.missing));
    return inside && (domain.whole ? wholeNumbers(inside) : inside);
  }
  if (set.type !== 'string') return undefined;
  return intersect(set, domain.among ? strings(true, domain.among, domain.missing) : strings(false, [], domain.missing));
}

export function valuesRegion(values: FieldSet, domain: Domain): FieldRegion | undefined {
  const inside = restrict(values, domain);
  return inside && { kind: 'values', values: inside, domain };
}

/** Both hold (the field's part of an `all`). */
export function bothOf(a: FieldRegion, b: FieldRegion): FieldRegion | undefined {
  if (a.kind === 'tags' && b.kind === 'tags') return { kind: 'tags', formula: andTags(a.formula, b.formula) };
  if (a.kind !== 'values' || b.kind !== 'values') return undefined;
  const values = intersect(a.values, b.values);
  return values && { kind: 'values', values, domain: a.domain };
}

/** Either holds (an `any` of conditions on this field alone). */
export function eitherOf(a: FieldRegion, b: FieldRegion): FieldRegion | undefined {
  if (a.kind === 'tags' && b.kind === 'tags') return { kind: 'tags', formula: orTags(a.formula, b.formula) };
  if (a.kind !== 'values' || b.kind !== 'values') return undefined;
  const values = union(a.values, b.values);
  return values && valuesRegion(values, a.domain);
}

/** The region's complement within what the field can hold (a `not`: NOT COALESCE(…, false) in SQL). */
export function negated(region: FieldRegion): FieldRegion | undefined {
  if (region.kind === 'tags') return { kind: 'tags', formula: notTags(region.formula) };
  return valuesRegion(complement(region.values), region.domain);
}

/** Whether nothing the field can hold satisfies it; undefined when that cannot be decided. */
export function isEmptyRegion(region: FieldRegion): boolean | undefined {
  if (region.kind === 'values') return isEmpty(region.values);
  const possible = satisfiable(region.formula);
  return possible === undefined ? undefined : !possible;
}

/** inner ⊆ outer; undefined when that cannot be decided. */
export function isWithin(inner: FieldRegion, outer: FieldRegion): boolean | undefined {
  if (inner.kind === 'values' && outer.kind === 'values') return isSubset(inner.values, outer.values);
  if (inner.kind !== 'tags' || outer.kind !== 'tags') return undefined;
  const outside = satisfiable(andTags(inner.formula, notTags(outer.formula)));
  return outside === undefined ? undefined : !outside;
}
