import type { Connection, Edge } from '@xyflow/react';
import type { JourneyDraft } from '../../../../../engine/journey/schema';

/**
 * Whether a connection may be drawn, checked while dragging: nothing enters the trigger, a
 * node does not connect to itself, and a loop must pass through a wait (else it would spin).
 * An output that already has an edge may be dragged again: the new edge replaces the old.
 */
export function connectionProblem(draft: JourneyDraft, connection: Connection | Edge): string | undefined {
  const { source, target } = connection;
  if (source === target) return 'A step cannot lead to itself.';
  const byId = new Map(draft.nodes.map((node) => [node.id, node]));
  const targetNode = byId.get(target);
  if (!targetNode || !byId.has(source)) return 'Both ends must be steps of this journey.';
  if (targetNode.kind === 'trigger') return 'Nothing leads into the trigger: it is where the journey starts.';
  // Nodes on a loop the new edge would close: reachable from the target and reaching the source.
  const forward = reach(draft, target, 'forward');
  if (!forward.has(source)) return undefined;
  const backward = reach(draft, source, 'backward');
  const loop = [...forward].filter((id) => backward.has(id));
  return loop.some((id) => byId.get(id)?.kind === 'wait') ? undefined : 'A loop needs a wait step, or contacts would go round it at once.';
}

function reach(draft: JourneyDraft, start: string, direction: 'forward' | 'backward'): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.pop();
    for (const edge of draft.edges) {
      const [from, to] = direction === 'forward' ? [edge.source, edge.target] : [edge.target, edge.source];
      if (from === current && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}
