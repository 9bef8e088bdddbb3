import type { JourneyPlan } from '../schema';
import type { LintFinding } from './findings';

/**
 * Waits, triggers and exit criteria on events the workspace has never received: almost
 * always a typo ("Order Complete" for "Order Completed") that would leave contacts waiting
 * until the timeout.
 */
export function checkEventNames(plan: JourneyPlan, nodeIds: readonly string[], known: ReadonlySet<string> | undefined): LintFinding[] {
  if (!known) return [];
  const findings: LintFinding[] = [];
  const report = (name: string, where: string, nodeId: string | undefined, field: string): void => {
    if (known.has(name)) return;
    const suggestion = closest(name, known);
    findings.push({
      code: 'unknown_event',
      severity: 'warning',
      field,
      ...(nodeId !== undefined && { nodeId }),
      message: `${where} "${name}", an event this workspace has never received.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    });
  };
  for (const nodeId of nodeIds) {
    const node = plan.nodes[nodeId];
    if (node?.kind === 'trigger' && node.config.type === 'event') report(node.config.event, 'The journey starts on', nodeId, 'config.event');
    if (node?.kind === 'wait' && node.config.type === 'event') report(node.config.event, 'This step waits for', nodeId, 'config.event');
  }
  plan.settings.exitCriteria.forEach((criterion, index) => {
    if (criterion.type === 'event') report(criterion.event, 'An exit criterion listens for', undefined, `settings.exitCriteria.${index}.event`);
  });
  return findings;
}

/** The known name within a third of the name's length in edits, case-insensitively. */
function closest(name: string, known: ReadonlySet<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.max(1, Math.floor(name.length / 3)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
