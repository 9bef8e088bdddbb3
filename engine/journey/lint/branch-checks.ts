import type { JourneyPlan } from '../schema';
import { regionOf, type Region } from './condition-regions';
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
    const branches = node.config.branches.map((branch, index) => ({ ...branch, index, region: regionOf(branch.condition) }));
    for (const branch of branches) {
      const field = `config.branches.${branch.index}.condition`;
      const region = branch.region;
      if (!region) continue;
      if (isNever(region)) {
        findings.push({ code: 'never_true_condition', severity: 'warning', nodeId, field, message: `Branch "${branch.label}" can never be true: its rules contradict each other, so no contact will take it.` });
        continue;
      }
      const earlier = branches.slice(0, branch.index).filter((other) => other.region && !isNever(other.region));
      if (earlier.some((other) => other.region && contains(other.region, region)) || coveredByUnion(earlier.map((other) => other.region), region)) {
        findings.push({ code: 'shadowed_branch', severity: 'warning', nodeId, field, message: `Branch "${branch.label}" is never taken: every contact it matches is already taken by an earlier branch (the first matching branch wins).` });
        continue;
      }
      const overlapping = earlier.find((other) => other.region && overlaps(other.region, region));
      if (overlapping) {
        findings.push({
          code: 'overlapping_branches',
          severity: 'warning',
          nodeId,
          field,
          message: `Branches "${overlapping.label}" and "${branch.label}" overlap: contacts matching both take "${overlapping.label}", which comes first.`,
        });
      }
    }
  }
  return findings;
}

function isNever(region: Region): boolean {
  return [...region.values()].some(isEmpty);
}

/** outer ⊇ inner, as products: every field outer constrains, inner constrains at least as much. */
function contains(outer: Region, inner: Region): boolean {
  return [...outer].every(([field, set]) => {
    const own = inner.get(field);
    return own !== undefined && isSubset(own, set) === true;
  });
}

/** Judged only for conditions on a common field: "VIP" and "spent over 500" overlapping is by design. */
function overlaps(a: Region, b: Region): boolean {
  if (![...a.keys()].some((field) => b.has(field))) return false;
  for (const [field, set] of a) {
    const other = b.get(field);
    if (!other) continue;
    const both = intersect(set, other);
    if (!both || isEmpty(both)) return false;
  }
  return true;
}

/** The single-field case: earlier branches on one field together cover this one. */
function coveredByUnion(earlier: (Region | undefined)[], region: Region): boolean {
  const [field, ...more] = [...region.keys()];
  if (field === undefined || more.length > 0 || earlier.length < 2) return false;
  let covered: FieldSet | undefined;
  for (const other of earlier) {
    if (!other || other.size !== 1 || !other.has(field)) return false;
    const set = other.get(field);
    if (!set) return false;
    covered = covered ? union(covered, set) : set;
    if (!covered) return false;
  }
  const own = region.get(field);
  return own !== undefined && covered !== undefined && isSubset(own, covered) === true;
}
