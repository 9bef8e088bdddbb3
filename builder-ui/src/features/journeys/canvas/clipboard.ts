import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { DraftEdge, DraftNode } from '../../../../../engine/journey/schema';

// Copied steps live in localStorage, so they paste into another journey (or tab) too; what is
// read back is checked like any other input before it reaches the draft.
const KEY = 'journey-engine.clipboard';
const Clip = Type.Object({ nodes: Type.Array(DraftNode), edges: Type.Array(DraftEdge) });

export function copySteps(nodes: readonly DraftNode[], edges: readonly DraftEdge[]): void {
  const ids = new Set(nodes.map((node) => node.id));
  const inside = edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  window.localStorage.setItem(KEY, JSON.stringify({ nodes, edges: inside }));
}

export function readCopiedSteps(): { nodes: DraftNode[]; edges: DraftEdge[] } | undefined {
  const text = window.localStorage.getItem(KEY);
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Value.Check(Clip, value) ? { nodes: value.nodes.filter((node) => node.kind !== 'trigger'), edges: value.edges } : undefined;
  } catch {
    return undefined;
  }
}
