import type { JourneySettings } from '../../../engine/journey/schema';

type NodeSpec = { id: string; kind: 'trigger' | 'wait' | 'branch' | 'action' | 'exit'; config: Record<string, unknown> };
type EdgeSpec = [source: string, target: string, sourceHandle?: string];

/** A draft from nodes and `[source, target, handle]` edges (the compiler checks it). */
export function draft(nodes: NodeSpec[], edges: EdgeSpec[], settings: Partial<JourneySettings> = {}): unknown {
  return {
    schemaVersion: 2,
    name: 'Test journey',
    settings: { reentry: { mode: 'always' }, exitCriteria: [], ...settings },
    nodes: nodes.map((node, index) => ({ ...node, position: { x: 0, y: index * 120 } })),
    edges: edges.map(([source, target, sourceHandle], index) => ({ id: `e${index + 1}`, source, target, ...(sourceHandle && { sourceHandle }) })),
  };
}

export const trigger = (event = 'Order Completed'): NodeSpec => ({ id: 'start', kind: 'trigger', config: { type: 'event', event } });
export const exit = (id = 'end'): NodeSpec => ({ id, kind: 'exit', config: {} });
export const email = (id: string, extra: Record<string, unknown> = {}): NodeSpec => ({ id, kind: 'action', config: { actionId: 'email', actionVersion: 1, input: { templateId: id, ...extra } } });
export const sms = (id: string): NodeSpec => ({ id, kind: 'action', config: { actionId: 'sms', actionVersion: 1, input: { body: id } } });
export const wait = (id: string, config: Record<string, unknown>): NodeSpec => ({ id, kind: 'wait', config });
export const days = (amount: number) => ({ amount, unit: 'days' });
