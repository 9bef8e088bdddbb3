import type { Condition } from '../schema';
import { ruleSet, type RuleSet } from './rule-sets';
import { intersect, isEmpty, union, type FieldSet } from './value-sets';

/**
 * How list values (compared element by element) satisfy one field's rules:
 * `none` — no list does (a comparison is required); `some` — a list does when one of its
 * elements is in `values`; `every` — when all of its elements are (the empty list too);
 * `other` — a mix the checks do not reason about, where `mayMatch` says whether any list can.
 */
export type ListShape = { kind: 'none' | 'some' | 'every' } | { kind: 'other'; mayMatch: boolean };

export interface FieldRegion {
  /** Scalar values, and "no value", that satisfy the condition's rules on this field. */
  values: FieldSet;
  /** Present when the field may hold a list. */
  lists?: ListShape;
}

/**
 * What a condition allows, field by field: a contact matches when every constrained field's
 * value is in its region (a product). Undefined when the condition uses something this
 * analysis cannot represent exactly, so the linter says nothing rather than something wrong.
 */
export type Region = ReadonlyMap<string, FieldRegion>;

// Fields that always hold one value (the Contact model's columns, scores, consent states,
// topic subscriptions). Anything else (tags, custom attributes, event properties) may hold a list.
const SCALAR_CONTACT_FIELDS = new Set([
  'id', 'externalId', 'email', 'phone', 'firstName', 'lastName', 'company', 'type', 'source', 'status',
  'lifecycleStage', 'journeyStage', 'timezone', 'locale', 'preferredChannel', 'doNotContact', 'createdAt', 'lastSeenAt',
]);

export function mayHoldList(field: string): boolean {
  const [root, name, ...rest] = field.split('.');
  if (name === undefined) return true;
  if (root === 'contact' && rest.length === 0) return !SCALAR_CONTACT_FIELDS.has(name);
  // score.<model>.<field> and consent.<channel>.<purpose> hold a number or a string; topics.<key> a boolean.
  if ((root === 'score' || root === 'consent') && rest.length === 1) return false;
  return !(root === 'topics' && rest.length === 0);
}

export function regionOf(condition: Condition): Region | undefined {
  const byField = new Map<string, RuleSet[]>();
  for (const rule of condition.rules) {
    const set = ruleSet(rule);
    if (!set) return undefined;
    byField.set(rule.field, [...(byField.get(rule.field) ?? []), set]);
  }
  // "any" across fields is not a product; "all" over `a` and `a.b` is not independent.
  if (condition.match === 'any' && byField.size !== 1) return undefined;
  if (entangled([...byField.keys()], [...byField.keys()])) return undefined;
  const region = new Map<string, FieldRegion>();
  for (const [field, sets] of byField) {
    const combined = condition.match === 'all' ? allOf(sets) : anyOf(sets);
    if (!combined) return undefined;
    region.set(field, mayHoldList(field) ? combined : { values: combined.values });
  }
  return region;
}

/** Whether one field path is a proper prefix of another (`contact.attributes`, `contact.attributes.plan`). */
export function entangled(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => x !== y && (y.startsWith(`${x}.`) || x.startsWith(`${y}.`))));
}

function allOf(sets: readonly RuleSet[]): Required<FieldRegion> | undefined {
  const values = combine(sets, intersect);
  if (!values) return undefined;
  if (sets.some((set) => set.kind === 'comparison')) return { values, lists: { kind: 'none' } };
  const positives = sets.filter((set) => set.kind === 'positive');
  if (positives.length === 0) return { values, lists: { kind: 'every' } };
  if (positives.length === sets.length && positives.length === 1) return { values, lists: { kind: 'some' } };
  // A list can hold one element per positive rule, each allowed by all the negative ones.
  const allowed = combine(sets.filter((set) => set.kind === 'negative'), intersect);
  const mayMatch = positives.every((positive) => {
    const both = allowed ? intersect(positive.values, allowed) : positive.values;
    return both === undefined || !isEmpty(both);
  });
  return { values, lists: { kind: 'other', mayMatch } };
}

function anyOf(sets: readonly RuleSet[]): Required<FieldRegion> | undefined {
  const values = combine(sets, union);
  if (!values) return undefined;
  if (sets.every((set) => set.kind === 'comparison')) return { values, lists: { kind: 'none' } };
  if (sets.every((set) => set.kind === 'positive')) return { values, lists: { kind: 'some' } };
  if (sets.length === 1) return { values, lists: { kind: 'every' } };
  return { values, lists: { kind: 'other', mayMatch: true } };
}

function combine(sets: readonly RuleSet[], join: (a: FieldSet, b: FieldSet) => FieldSet | undefined): FieldSet | undefined {
  let combined: FieldSet | undefined;
  for (const set of sets) {
    combined = combined ? join(combined, set.values) : set.values;
    if (!combined) return undefined;
  }
  return combined;
}
