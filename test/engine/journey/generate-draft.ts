import { outputsOf } from '../../../engine/journey/compile';
import type { Condition, DraftEdge, DraftNode, JourneyDraft } from '../../../engine/journey/schema';

/**
 * A valid journey of `size` nodes, shaped by `choices` (any integers; the same choices give
 * the same journey). Each new node hangs from an open output of an earlier one, so the graph
 * is a tree from the trigger: every node reachable, no loops. Property tests feed it from
 * fast-check; the compile + lint benchmark from a fixed seed.
 */
export function generateDraft(choices: readonly number[], size: number): JourneyDraft {
  let cursor = 0;
  const pick = (modulo: number): number => Math.abs(choices[cursor++ % Math.max(choices.length, 1)] ?? 0) % modulo;
  const nodes: DraftNode[] = [{ id: 'n0', kind: 'trigger', position: { x: 0, y: 0 }, config: { type: 'event', event: 'Order Completed' } }];
  const edges: DraftEdge[] = [];
  const open: { source: string; handle: string }[] = [{ source: 'n0', handle: 'next' }];
  for (let index = 1; index < size && open.length > 0; index += 1) {
    const [slot] = open.splice(pick(open.length), 1);
    if (!slot) break;
    // Keep the tree growing: only end a path when other paths remain open.
    const node = makeNode(`n${index}`, open.length === 0 ? pick(NON_TERMINAL_KINDS) : pick(ALL_KINDS), pick, index);
    nodes.push(node);
    edges.push({ id: `e${index}`, source: slot.source, target: node.id, sourceHandle: slot.handle });
    for (const handle of outputsOf(node)) open.push({ source: node.id, handle });
  }
  return { schemaVersion: 2, name: `Generated journey of ${nodes.length} nodes`, settings: { reentry: { mode: 'never' }, exitCriteria: [] }, nodes, edges };
}

const NON_TERMINAL_KINDS = 9;
const ALL_KINDS = 10;

function makeNode(id: string, kind: number, pick: (modulo: number) => number, index: number): DraftNode {
  const position = { x: (index % 10) * 220, y: Math.floor(index / 10) * 140 };
  const condition: Condition = { type: 'score', field: 'clv.predicted', operator: 'gt', value: pick(1_000) };
  switch (kind) {
    case 0:
      return { id, kind: 'wait', position, config: { type: 'delay', duration: { amount: 1 + pick(30), unit: 'days' } } };
    case 1:
      return { id, kind: 'wait', position, config: { type: 'event', event: `event_${pick(5)}`, timeout: { amount: 1 + pick(14), unit: 'days' } } };
    case 2:
      return { id, kind: 'wait', position, config: { type: 'condition', condition, timeout: { amount: 1 + pick(48), unit: 'hours' } } };
    case 3:
      return { id, kind: 'wait', position, config: { type: 'time_window', days: ['mon', 'wed', 'fri'], from: '09:00', to: '17:00', fallbackTimezone: 'Europe/London' } };
    case 4:
      return { id, kind: 'branch', position, config: { type: 'condition', branches: [{ id: `${id}-high`, label: 'High', condition }] } };
    case 5:
      return { id, kind: 'branch', position, config: { type: 'random', paths: [{ id: `${id}-a`, label: 'A', percent: 30 }, { id: `${id}-b`, label: 'B', percent: 70 }] } };
    case 6:
      return { id, kind: 'branch', position, config: { type: 'ab_test', variants: [{ id: `${id}-x`, label: 'X', percent: 45 }, { id: `${id}-y`, label: 'Y', percent: 45 }], holdoutPercent: 10 } };
    case 7:
      return { id, kind: 'action', position, config: { actionId: 'email', actionVersion: 1, input: { templateId: `template-${pick(20)}` } } };
    case 8:
      return { id, kind: 'action', position, config: { actionId: 'sms', actionVersion: 1, input: { body: 'Hello {{ contact.firstName }}' } } };
    default:
      return { id, kind: 'exit', position, config: {} };
  }
}
