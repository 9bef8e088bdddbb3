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

export interface Components {
  /** Component index of each node. */
  of: Map<string, number>;
  /** Members of each component, in reverse topological order (sinks first), as Tarjan emits them. */
  members: string[][];
  /** Whether a component contains a cycle (more than one node, or a node looping to itself). */
  cyclic: boolean[];
}

/** Strongly connected components of the nodes given (iterative Tarjan, safe on deep graphs). */
export function components(plan: JourneyPlan, nodes: readonly string[]): Components {
  const inScope = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: Components = { of: new Map(), members: [], cyclic: [] };
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const targets = successors(plan, frame.node).filter((target) => inScope.has(target));
      if (frame.next < targets.length) {
        const target = targets[frame.next++] ?? '';
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const members: string[] = [];
      for (;;) {
        const member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        members.push(member);
        result.of.set(member, result.members.length);
        if (member === frame.node) break;
      }
      const selfLoop = members.length === 1 && successors(plan, frame.node).includes(frame.node);
      result.cyclic.push(members.length > 1 || selfLoop);
      result.members.push(members);
    }
  }
  return result;
}
