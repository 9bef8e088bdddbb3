import type { Edge, Node } from '@xyflow/react';
import type { DraftEdge, DraftNode, JourneyDraft } from '../../../../../engine/journey/schema';
import type { XY } from './store';

/** A canvas node: its `data` is the draft node itself (saveable config only, never callbacks). */
export type JourneyFlowNode = Node<{ node: DraftNode }, DraftNode['kind']>;
export type JourneyFlowEdge = Edge;

const NEXT = 'next';

/** Draft → canvas. Positions mid-drag override the saved ones; selection is view state. */
export function toFlowNodes(
  draft: JourneyDraft,
  dragging: Readonly<Record<string, XY>> = {},
  selected: readonly string[] = [],
  measured: Readonly<Record<string, { width: number; height: number }>> = {},
): JourneyFlowNode[] {
  const chosen = new Set(selected);
  return draft.nodes.map((node) => ({
    ...(measured[node.id] && { measured: measured[node.id] }),
    id: node.id,
    type: node.kind,
    position: dragging[node.id] ?? node.position,
    data: { node },
    selected: chosen.has(node.id),
    deletable: node.kind !== 'trigger',
  }));
}

export function toFlowEdges(draft: JourneyDraft): JourneyFlowEdge[] {
  return draft.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? NEXT, type: 'journey' }));
}

/** Canvas → draft: the inverse of the two above (`next` handles are left implicit, as in files). */
export function fromFlow(draft: JourneyDraft, nodes: readonly JourneyFlowNode[], edges: readonly JourneyFlowEdge[]): JourneyDraft {
  return {
    ...draft,
    nodes: nodes.map((flowNode) => ({ ...flowNode.data.node, position: { x: flowNode.position.x, y: flowNode.position.y } })),
    edges: edges.map((edge): DraftEdge => ({ id: edge.id, source: edge.source, target: edge.target, ...(edge.sourceHandle && edge.sourceHandle !== NEXT && { sourceHandle: edge.sourceHandle }) })),
  };
}
