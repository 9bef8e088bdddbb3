import type { MessageTraits } from '../catalog';
import type { JourneyPlan } from '../schema';
import type { LintFinding } from './findings';
import { components, successors } from './graph';

/**
 * The most messages one contact can receive along any path, per channel: a longest-path
 * count over the graph's components (linear in its size). A loop that sends makes the
 * count unbounded, which gets a warning on a sending node in the loop.
 */
export function countMessages(plan: JourneyPlan, reachable: readonly string[], traits: ReadonlyMap<string, MessageTraits>): { max: Record<string, number | 'unbounded'>; findings: LintFinding[] } {
  const channels = [...new Set([...traits.values()].map((trait) => trait.channel))].sort();
  const graph = components(plan, reachable);
  const max: Record<string, number | 'unbounded'> = {};
  const findings: LintFinding[] = [];
  for (const channel of channels) {
    // Tarjan emits sinks first, so every successor component is done before its predecessors.
    const best: number[] = [];
    graph.members.forEach((members, component) => {
      const own = members.filter((member) => traits.get(member)?.channel === channel).length;
      let after = 0;
      for (const member of members) {
        for (const next of successors(plan, member)) {
          const target = graph.of.get(next);
          if (target !== undefined && target !== component) after = Math.max(after, best[target] ?? 0);
        }
      }
      best[component] = graph.cyclic[component] && own > 0 ? Infinity : own + after;
      if (graph.cyclic[component] && own > 0) {
        const sender = members.filter((member) => traits.get(member)?.channel === channel).sort()[0];
        findings.push({
          code: 'unbounded_messages',
          severity: 'warning',
          ...(sender !== undefined && { nodeId: sender }),
          message: `This ${channel} message is inside a loop: a contact can receive it again and again. Add an exit to the loop or move the message out of it.`,
        });
      }
    });
    const entry = graph.of.get(plan.entryNodeId);
    const total = entry === undefined ? 0 : (best[entry] ?? 0);
    max[channel] = total === Infinity ? 'unbounded' : total;
  }
  if (channels.length > 0) {
    const summary = channels.map((channel) => `${channel}: ${max[channel] === 'unbounded' ? 'unbounded' : String(max[channel])}`).join(', ');
    findings.push({ code: 'message_count', severity: 'info', message: `At most, one contact receives ${summary} from this journey.` });
  }
  return { max, findings };
}
