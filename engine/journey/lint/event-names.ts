import type { JourneyPlan } from '../schema';
import type { LintFinding } from './findings';
import { closest } from './suggest';

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
