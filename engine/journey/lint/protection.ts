import type { MessageTraits } from '../compile';
import type { JourneyPlan } from '../schema';
import type { LintContext, LintFinding } from './findings';
import { successors } from './graph';

/**
 * Marketing messages that opt out of the workspace's required protections. Quiet hours count
 * as kept when every path to the message passes a time-window wait (the journey itself
 * holds the message until an allowed hour).
 */
export function checkProtection(plan: JourneyPlan, reachable: readonly string[], traits: ReadonlyMap<string, MessageTraits>, policy: LintContext['policy']): LintFinding[] {
  if (!policy) return [];
  const guarded = policy.requireQuietHours ? nodesBehindTimeWindows(plan, reachable) : new Set<string>();
  const findings: LintFinding[] = [];
  for (const nodeId of reachable) {
    const trait = traits.get(nodeId);
    if (!trait || trait.purpose !== 'marketing') continue;
    if (policy.requireQuietHours && !trait.quietHours && !guarded.has(nodeId)) {
      findings.push({
        code: 'unprotected_marketing_message',
        severity: 'warning',
        nodeId,
        message: `This marketing ${trait.channel} ignores quiet hours, which the workspace requires, and not every path to it passes a time-window wait: it can reach contacts at night.`,
      });
    }
    if (policy.requireFrequencyCap && !trait.frequencyCap) {
      findings.push({
        code: 'unprotected_marketing_message',
        severity: 'warning',
        nodeId,
        message: `This marketing ${trait.channel} bypasses the frequency caps the workspace requires.`,
      });
    }
  }
  return findings;
}

/** Nodes every path from the entry to which passes a time-window wait (a dominance check). */
function nodesBehindTimeWindows(plan: JourneyPlan, reachable: readonly string[]): Set<string> {
  // Walk only through nodes that are not time windows: whatever that walk reaches has a path
  // with no window on it. Everything else reachable is guarded.
  const unguarded = new Set<string>([plan.entryNodeId]);
  const queue = [plan.entryNodeId];
  while (queue.length > 0) {
    const current = queue.shift() ?? '';
    const node = plan.nodes[current];
    if (node?.kind === 'wait' && node.config.type === 'time_window') continue;
    for (const next of successors(plan, current)) {
      if (unguarded.has(next)) continue;
      unguarded.add(next);
      queue.push(next);
    }
  }
  return new Set(reachable.filter((nodeId) => !unguarded.has(nodeId)));
}
