import type { ActionCatalog } from './action-catalog';
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

/**
 * A loop without a wait would spin through actions as fast as the worker can run them.
 * Tarjan's strongly connected components: every loop lives inside one.
 */
function checkCyclesHaveWaits(draft: JourneyDraft, wiring: Wiring, issues: IssueList): void {
  const kindOf = new Map(draft.nodes.map((node) => [node.id, node.kind]));
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;

  const successors = (id: string): string[] => [...(wiring.get(id)?.values() ?? [])].filter((target): target is string => target !== null);

  const visit = (start: string): void => {
    // Iterative, so a 5,000-node chain cannot overflow the call stack.
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
    index.set(start, counter);
    lowLink.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const targets = successors(frame.id);
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (target === undefined) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id) ?? 0, lowLink.get(frame.id) ?? 0));
      if (lowLink.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        const isLoop = component.length > 1 || successors(frame.id).includes(frame.id);
        if (isLoop && !component.some((id) => kindOf.get(id) === 'wait')) {
          const first = draft.nodes.find((node) => component.includes(node.id));
          issues.add({
            code: 'cycle_without_wait',
            message: `These steps loop without a wait: ${component.reverse().join(' → ')}. Add a wait inside the loop.`,
            nodeId: first?.id,
          });
        }
      }
    }
  };
  for (const node of draft.nodes) if (!index.has(node.id)) visit(node.id);
}
