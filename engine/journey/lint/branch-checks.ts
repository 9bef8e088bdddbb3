import type { JourneyPlan } from '../schema';
import { entangled, regionOf, type FieldRegion, type Region } from './condition-regions';
import type { LintFinding } from './findings';
import { intersect, isEmpty, isSubset, union, type FieldSet } from './value-sets';

/**
 * Ordered condition branches (first match wins): a branch that can never hold, a branch
 * every contact of which an earlier branch already takes, and branches that overlap (the
 * overlap silently goes to the earlier one). Only conditions the analysis fully understands
 * are judged, so every finding is certain.
 */
export function checkBranches(plan: JourneyPlan, nodeIds: readonly string[]): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const nodeId of nodeIds) {
    const node = plan.nodes[nodeId];
    if (node?.kind !== 'branch' || node.config.type !== 'condition') continue;
    const judged: { label: string; region: Region }[] = [];
    node.config.branches.forEach((branch, index) => {
      const field = `config.branches.${index}.condition`;
      const region = regionOf(branch.condition);
      if (!region) return;
      if (isNever(region)) {
        findings.push({ code: 'never_true_condition', severity: 'warning', nodeId, field, message: `Branch "${branch.label}" can never be true: its rules contradict each other, so no contact will take it.` });
        return;
      }
      // Earlier branches the analysis cannot read are left out: they could only take more contacts.
      const earlier = judged.slice();
      judged.push({ label: branch.label, region });
      if (earlier.some((other) => contains(other.region, region)) || coveredTogether(earlier.map((other) => other.region), region)) {
        findings.push({ code: 'shadowed_branch', severity: 'warning', nodeId, field, message: `Branch "${branch.label}" is never taken: every contact it matches is already taken by an earlier branch (the first matching branch wins).` });
        return;
      }
      const overlapping = earlier.find((other) => overlaps(other.region, region));
      if (overlapping) {
        findings.push({
          code: 'overlapping_branches',
          severity: 'warning',
          nodeId,
          field,
          message: `Branches "${overlapping.label}" and "${branch.label}" overlap: contacts matching both take "${overlapping.label}", which comes first.`,
        });
      }
    });
  }
  return findings;
}

function isNever(region: Region): boolean {
  return [...region.values()].some(fieldNever);
}

/** No scalar, no "no value", and no list satisfies the field's rules. */
function fieldNever(field: FieldRegion): boolean {
  if (!isEmpty(field.values)) return false;
  const lists = field.lists;
  if (!lists) return true;
  return lists.kind === 'none' || lists.kind === 'some' || (lists.kind === 'other' && !lists.mayMatch);
}

/** outer ⊇ inner, as products: every field outer constrains, inner constrains at least as much. */
function contains(outer: Region, inner: Region): boolean {
  return [...outer].every(([field, set]) => {
    const own = inner.get(field);
    return own !== undefined && isSubset(own.values, set.values) === true && listsWithin(own, set);
  });
}

/** Every list `inner` accepts, `outer` accepts (given their element sets are nested). */
function listsWithin(inner: FieldRegion, outer: FieldRegion): boolean {
  if (!inner.lists || inner.lists.kind === 'none') return true;
  return (inner.lists.kind === 'some' || inner.lists.kind === 'every') && inner.lists.kind === outer.lists?.kind;
}

/**
 * The single-field case: earlier branches on that field alone together cover this one. A
 * list is covered when its matching element is in some earlier "some element" branch.
 */
function coveredTogether(earlier: readonly Region[], region: Region): boolean {
  const [field, ...more] = [...region.keys()];
  const own = field === undefined ? undefined : region.get(field);
  if (field === undefined || own === undefined || more.length > 0) return false;
  const sameField = earlier.flatMap((other) => {
    const set = other.size === 1 ? other.get(field) : undefined;
    return set ? [set] : [];
  });
  if (sameField.length < 2) return false;
  const values = unionOf(sameField.map((set) => set.values));
  if (!values || isSubset(own.values, values) !== true) return false;
  if (!own.lists || own.lists.kind === 'none') return true;
  if (own.lists.kind === 'other') return false;
  const elements = unionOf(sameField.filter((set) => set.lists?.kind === 'some').map((set) => set.values));
  return elements !== undefined && isSubset(own.values, elements) === true;
}

function unionOf(sets: readonly FieldSet[]): FieldSet | undefined {
  const [first, ...rest] = sets;
  let combined = first;
  for (const set of rest) combined = combined && union(combined, set);
  return combined;
}

/**
 * Some value satisfies both (a scalar is enough of a witness). Judged only for conditions on
 * a common field: "VIP" and "spent over 500" overlapping is by design.
 */
function overlaps(a: Region, b: Region): boolean {
  if (![...a.keys()].some((field) => b.has(field))) return false;
  if (entangled([...a.keys()], [...b.keys()])) return false;
  for (const [field, set] of a) {
    const other = b.get(field);
    if (!other) continue;
    const both = intersect(set.values, other.values);
    if (!both || isEmpty(both)) return false;
  }
  return true;
}
