import { stronglyConnectedComponents } from '../graph/strongly-connected';
import type { ActionCatalog } from '../catalog';
import type { DraftNode, JourneyDraft } from '../schema';
import type { IssueList } from './issues';
import { NEXT, outputsOf } from './outputs';

/** Resolved wiring: node id → output → target id (null where the path ends). */
export type Wiring = Map<string, Map<string, string | null>>;

/** Checks node ids, the trigger and every edge; returns the wiring when all is sound. */
export function resolveGraph(draft: JourneyDraft, issues: IssueList, catalog?: ActionCatalog): { trigger: DraftNode; wiring: Wiring } | undefined {
  const before = issues.items.length;
  const byId = new Map<string, DraftNode>();
  for (const node of draft.nodes) {
    if (byId.has(node.id)) issues.add({ code: 'duplicate_node_id', message: `Two nodes share the id "${node.id}".`, nodeId: node.id });
    byId.set(node.id, node);
  }
  const triggers = draft.nodes.filter((node) => node.kind === 'trigger');
  if (triggers.length === 0) issues.add({ code: 'missing_trigger', message: 'The journey needs a trigger: what starts it for a contact?' });
  for (const extra of triggers.slice(1)) {
    issues.add({ code: 'multiple_triggers', message: 'A journey has exactly one trigger; remove this one or make it a separate journey.', nodeId: extra.id });
  }

  const wiring: Wiring = new Map(draft.nodes.map((node) => [node.id, new Map(outputsOf(node, catalog).map((output) => [output, null]))]));
  const edgeIds = new Set<string>();
  for (const edge of draft.edges) {
    if (edgeIds.has(edge.id)) issues.add({ code: 'duplicate_edge_id', message: `Two connections share the id "${edge.id}".`, edgeId: edge.id });
    edgeIds.add(edge.id);
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      const missing = source ? edge.target : edge.source;
      issues.add({ code: 'dangling_edge', message: `A connection points at node "${missing}", which does not exist.`, edgeId: edge.id, nodeId: source?.id });
      continue;
    }
    if (target.kind === 'trigger') {
      issues.add({ code: 'edge_into_trigger', message: 'Nothing can lead back into the trigger.', edgeId: edge.id, nodeId: target.id });
      continue;
    }
    const outputs = wiring.get(source.id);
    // An edge without a handle leaves from `next` where the node has one (actions may add optional outcomes).
    const output = edge.sourceHandle ?? (outputs?.has(NEXT) ? NEXT : undefined);
    if (!outputs || output === undefined || !outputs.has(output)) {
      const offered = [...(outputs?.keys() ?? [])];
      issues.add({
        code: 'unknown_output',
        message: offered.length === 0 ? 'This node ends the journey and cannot be connected onwards.' : `Connect from one of this node's outputs: ${offered.join(', ')}.`,
        edgeId: edge.id,
        nodeId: source.id,
      });
      continue;
    }
    if (outputs.get(output) !== null) {
      issues.add({ code: 'duplicate_edge', message: `Output "${output}" is connected twice; each output leads to one next step.`, edgeId: edge.id, nodeId: source.id });
      continue;
    }
    outputs.set(output, target.id);
  }
  if (issues.items.length === before) checkCyclesHaveWaits(draft, wiring, issues);
  const trigger = triggers[0];
  return issues.items.length === before && trigger ? { trigger, wiring } : undefined;
}

/** A loop without a wait would spin through actions as fast as the worker can run them. */
function checkCyclesHaveWaits(draft: JourneyDraft, wiring: Wiring, issues: IssueList): void {
  const kindOf = new Map(draft.nodes.map((node) => [node.id, node.kind]));
  const successors = (id: string): string[] => [...(wiring.get(id)?.values() ?? [])].filter((target): target is string => target !== null);
  const { members, cyclic } = stronglyConnectedComponents(draft.nodes.map((node) => node.id), successors);
  members.forEach((component, index) => {
    if (!cyclic[index] || component.some((id) => kindOf.get(id) === 'wait')) return;
    const first = draft.nodes.find((node) => component.includes(node.id));
    issues.add({
      code: 'cycle_without_wait',
      message: `These steps loop without a wait: ${[...component].reverse().join(' → ')}. Add a wait inside the loop.`,
      nodeId: first?.id,
    });
  });
}
