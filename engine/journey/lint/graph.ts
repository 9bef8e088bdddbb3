import { stronglyConnectedComponents, type Components } from '../graph/strongly-connected';
import type { JourneyPlan } from '../schema';

/** Successor ids of a node (connected outputs only), in output order. */
export function successors(plan: JourneyPlan, nodeId: string): string[] {
  const node = plan.nodes[nodeId];
  if (!node) return [];
  return Object.values(node.next).filter((target): target is string => typeof target === 'string' && target in plan.nodes);
}

/** Nodes a path from the entry reaches, in breadth-first order. */
export function reachableFrom(plan: JourneyPlan, start: string): string[] {
  const seen = new Set([start]);
  const order = [start];
  for (let index = 0; index < order.length; index += 1) {
    for (const next of successors(plan, order[index] ?? '')) {
      if (!seen.has(next)) {
        seen.add(next);
        order.push(next);
      }
    }
  }
  return order;
}

/** Strongly connected components of the nodes given, over connected outputs only. */
export function components(plan: JourneyPlan, nodes: readonly string[]): Components {
  const inScope = new Set(nodes);
  return stronglyConnectedComponents(nodes, (id) => successors(plan, id).filter((target) => inScope.has(target)));
}
