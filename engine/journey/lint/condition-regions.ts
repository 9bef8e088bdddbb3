import type { Condition } from '../schema';
import { bothOf, eitherOf, negated, type FieldRegion } from './field-regions';
import { leafRegion } from './leaf-regions';

/**
 * What a condition allows, field by field: a contact matches when every constrained field's
 * value is in its region (a product; fields not named are free). Undefined when the condition
 * uses something this analysis cannot represent exactly, so the linter says nothing rather
 * than something wrong.
 */
export type Region = ReadonlyMap<string, FieldRegion>;

/**
 * `all` intersects field by field; `any` and `not` only when everything under them reads one
 * field (a union or complement of products over several fields is not a product).
 */
export function regionOf(condition: Condition): Region | undefined {
  if ('all' in condition) return allOf(condition.all);
  if ('any' in condition) return anyOf(condition.any);
  if ('not' in condition) {
    const only = single(regionOf(condition.not));
    const complement = only && negated(only.region);
    return complement && new Map([[only.field, complement]]);
  }
  const leaf = leafRegion(condition);
  return leaf && new Map([[leaf.field, leaf.region]]);
}

function allOf(children: readonly Condition[]): Region | undefined {
  const region = new Map<string, FieldRegion>();
  for (const child of children) {
    const own = regionOf(child);
    if (!own) return undefined;
    for (const [field, set] of own) {
      const before = region.get(field);
      const combined = before ? bothOf(before, set) : set;
      if (!combined) return undefined;
      region.set(field, combined);
    }
  }
  // A property and a property inside it (`cart`, `cart.id`) are not independent.
  return entangled([...region.keys()], [...region.keys()]) ? undefined : region;
}

function anyOf(children: readonly Condition[]): Region | undefined {
  let combined: { field: string; region: FieldRegion } | undefined;
  for (const child of children) {
    const own = single(regionOf(child));
    if (!own || (combined && combined.field !== own.field)) return undefined;
    const region = combined ? eitherOf(combined.region, own.region) : own.region;
    if (!region) return undefined;
    combined = { field: own.field, region };
  }
  return combined && new Map([[combined.field, combined.region]]);
}

function single(region: Region | undefined): { field: string; region: FieldRegion } | undefined {
  const [first, ...rest] = region ?? [];
  return first && rest.length === 0 ? { field: first[0], region: first[1] } : undefined;
}

/** Whether one field is inside another (`property:cart`, `property:cart.id`). */
export function entangled(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => x !== y && (y.startsWith(`${x}.`) || x.startsWith(`${y}.`))));
}
