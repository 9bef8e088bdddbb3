import type { JourneyPlan } from '../schema';
import { entangled, regionOf, type Region } from './condition-regions';
import { bothOf, eitherOf, isEmptyRegion, isWithin, type FieldRegion } from './field-regions';
import type { LintFinding } from './findings';

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
      const never = region && isNever(region);
      if (!region || never === undefined) return;
      if (never) {
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

/** Whether some field allows nothing; undefined when a field's emptiness cannot be decided. */
function isNever(region: Region): boolean | undefined {
  let unknown = false;
  for (const field of region.values()) {
    const empty = isEmptyRegion(field);
    if (empty === true) return true;
    if (empty === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** outer ⊇ inner, as products: every field outer constrains, inner constrains at least as much. */
function contains(outer: Region, inner: Region): boolean {
  return [...outer].every(([field, set]) => {
    const own = inner.get(field);
    return own !== undefined && isWithin(own, set) === true;
  });
}

/** The single-field case: earlier branches on that field alone together cover this one. */
function coveredTogether(earlier: readonly Region[], region: Region): boolean {
  const [field, ...more] = [...region.keys()];
  const own = field === undefined ? undefined : region.get(field);
  if (field === undefined || own === undefined || more.length > 0) return false;
  const sameField = earlier.flatMap((other) => {
    const set = other.size === 1 ? other.get(field) : undefined;
    return set ? [set] : [];
  });
  if (sameField.length < 2) return false;
  let union: FieldRegion | undefined = sameField[0];
  for (const set of sameField.slice(1)) union = union && eitherOf(union, set);
  return union !== undefined && isWithin(own, union) === true;
}

/**
 * Some contact satisfies both: judged only for conditions on a common field ("VIP" and
 * "spent over 500" overlapping is by design), and only when a value of each field in the
 * overlap is certainly one a contact can hold alongside the others (see `independent`).
 */
function overlaps(a: Region, b: Region): boolean {
  if (![...a.keys()].some((field) => b.has(field))) return false;
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  if (entangled([...a.keys()], [...b.keys()]) || !independent(fields)) return false;
  for (const [field, set] of a) {
    const other = b.get(field);
    if (!other) continue;
    const both = bothOf(set, other);
    if (!both || isEmptyRegion(both) !== false) return false;
  }
  return true;
}

/**
 * Whether any mix of values of these fields is some contact's. Not for topics (whether a
 * contact receives one depends on its consent, and on the topic existing) nor segments
 * (membership follows the segment's own criteria), nor two scores of one model (one row:
 * both have a value, or neither).
 */
function independent(fields: readonly string[]): boolean {
  if (fields.some((field) => field.startsWith('topic:') || field.startsWith('segment:'))) return false;
  const models = fields.flatMap((field) => (field.startsWith('score:') ? [field.slice('score:'.length).split('.')[0]] : []));
  return new Set(models).size === models.length;
}
