import type { MessageTraits } from '../catalog';
import type { JourneyPlan } from '../schema';
import type { LintContext, LintFinding } from './findings';
import { successors } from './graph';

/**
 * Marketing messages that opt out of the workspace's required protections. Quiet hours count
 * as kept when every path to the message passes a time-window wait and no later wait that
 * could release the contact at another hour (the journey itself holds the message until an
 * allowed hour).
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
        message: `This marketing ${trait.channel} ignores quiet hours, which the workspace requires, and not every path to it goes through a time-window wait with no other wait after it: it can reach contacts at night. Keep quiet hours, or add a time-window wait before it.`,
      });
    }
    if (policy.requireFrequencyCap && !trait.frequencyCap) {
      findings.push({
        code: 'unprotected_marketing_message',
        severity: 'warning',
        nodeId,
        message: `This marketing ${trait.channel} bypasses the frequency caps the workspace requires, so it can go to contacts who have already had their share of messages.`,
      });
    }
  }
  return findings;
}

const DAY_MS = 86_400_000;

/**
 * Nodes every path to which passes a time-window wait with no wait after it that could end at
 * another hour (an event, a condition, a date, a delay other than whole days). Found from the
 * other side: walk forward from the entry and from every such wait, never out of a window;
 * whatever the walk reaches can be reached at any hour.
 */
function nodesBehindTimeWindows(plan: JourneyPlan, reachable: readonly string[]): Set<string> {
  const sources = reachable.filter((nodeId) => nodeId === plan.entryNodeId || releasesAtAnyHour(plan, nodeId));
  const unguarded = new Set(sources);
  const queue = [...sources];
  for (let index = 0; index < queue.length; index += 1) {
    const current = queue[index] ?? '';
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

/** A wait that lets contacts go at an hour unrelated to when they arrived in a window. */
function releasesAtAnyHour(plan: JourneyPlan, nodeId: string): boolean {
  const node = plan.nodes[nodeId];
  if (node?.kind !== 'wait') return false;
  // Whole days keep the time of day (within an hour across a daylight-saving change).
  if (node.config.type === 'delay') return node.config.ms % DAY_MS !== 0;
  return node.config.type !== 'time_window';
}
