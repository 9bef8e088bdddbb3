export interface Components {
  /** Component index of each node. */
  of: Map<string, number>;
  /**
   * Members of each component, in the order Tarjan's algorithm pops them; components come in
   * reverse topological order (sinks first), which lets a longest-path pass run in one sweep.
   */
  members: string[][];
  /** Whether a component holds a loop: more than one node, or a node that leads to itself. */
  cyclic: boolean[];
}

/**
 * Tarjan's strongly connected components, iterative so a 5,000-node chain cannot overflow
 * the call stack. Every loop of a graph lives inside one component. The compiler uses it to
 * reject loops without a wait; the linter to count messages along loops.
 */
export function stronglyConnectedComponents(nodes: readonly string[], successorsOf: (id: string) => readonly string[]): Components {
  const memo = new Map<string, readonly string[]>();
  const successors = (id: string): readonly string[] => {
    let targets = memo.get(id);
    if (!targets) {
      targets = successorsOf(id);
      memo.set(id, targets);
    }
    return targets;
  };
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: Components = { of: new Map(), members: [], cyclic: [] };
  let counter = 0;
  const enter = (id: string): void => {
    index.set(id, counter);
    lowLink.set(id, counter++);
    stack.push(id);
    onStack.add(id);
  };

  for (const root of nodes) {
    if (index.has(root)) continue;
    enter(root);
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const targets = successors(frame.id);
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (target === undefined) continue;
        if (!index.has(target)) {
          enter(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id) ?? 0, lowLink.get(frame.id) ?? 0));
      if (lowLink.get(frame.id) !== index.get(frame.id)) continue;
      const members: string[] = [];
      for (;;) {
        const member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        members.push(member);
        result.of.set(member, result.members.length);
        if (member === frame.id) break;
      }
      result.cyclic.push(members.length > 1 || successors(frame.id).includes(frame.id));
      result.members.push(members);
    }
  }
  return result;
}
