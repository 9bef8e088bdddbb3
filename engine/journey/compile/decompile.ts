import type { DraftEdge, DraftNode, JourneyDraft, JourneyPlan, PlanNode, PlanWait } from '../schema';
import { DRAFT_SCHEMA_VERSION } from '../schema';
import { fromMilliseconds } from './durations';

const COLUMN_WIDTH = 260;
const ROW_HEIGHT = 140;

/**
 * Plan → draft, for journeys that exist only as plans (pushed as code, or older versions):
 * the canvas gets a layered layout, since plans carry no positions.
 * compileJourney(decompileJourney(plan)) gives back the same plan.
 */
export function decompileJourney(plan: JourneyPlan): JourneyDraft {
  const positions = layeredLayout(plan);
  const nodes: DraftNode[] = Object.values(plan.nodes).map((node) => toDraftNode(node, positions.get(node.id) ?? { x: 0, y: 0 }));
  const edges: DraftEdge[] = [];
  for (const node of Object.values(plan.nodes)) {
    for (const [output, target] of Object.entries(node.next)) {
      if (target !== null) edges.push({ id: `e${edges.length + 1}`, source: node.id, target, sourceHandle: output });
    }
  }
  const { reentry, entryFilter, entryLimit, exitCriteria } = plan.settings;
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    name: plan.name,
    ...(plan.description !== undefined && { description: plan.description }),
    settings: {
      reentry: reentry.mode === 'after_cooldown' ? { mode: 'after_cooldown', cooldown: fromMilliseconds(reentry.cooldownMs) } : reentry,
      ...(entryFilter && { entryFilter }),
      ...(entryLimit !== undefined && { entryLimit }),
      exitCriteria,
    },
    nodes,
    edges,
  };
}

function toDraftNode(node: PlanNode, position: { x: number; y: number }): DraftNode {
  const common = { id: node.id, ...(node.label !== undefined && { label: node.label }), position };
  switch (node.kind) {
    case 'wait':
      return { ...common, kind: 'wait', config: toDraftWait(node.config) };
    case 'trigger':
      return { ...common, kind: 'trigger', config: node.config };
    case 'branch':
      return { ...common, kind: 'branch', config: node.config };
    case 'action':
      return { ...common, kind: 'action', config: node.config };
    case 'exit':
      return { ...common, kind: 'exit', config: node.config };
  }
}

function toDraftWait(config: PlanWait): Extract<DraftNode, { kind: 'wait' }>['config'] {
  switch (config.type) {
    case 'delay':
      return { type: 'delay', duration: fromMilliseconds(config.ms) };
    case 'until_date':
      return {
        type: 'until_date',
        ...(config.at !== undefined && { at: config.at }),
        ...(config.attribute !== undefined && { attribute: config.attribute }),
        ...(config.offsetMs !== 0 && { offsetMinutes: config.offsetMs / 60_000 }),
      };
    case 'time_window':
      return config;
    case 'event': {
      const { timeoutMs, ...rest } = config;
      return { ...rest, timeout: fromMilliseconds(timeoutMs) };
    }
    case 'condition':
      return { type: 'condition', condition: config.condition, timeout: fromMilliseconds(config.timeoutMs) };
  }
}

/** Rows by breadth-first depth from the entry; unreachable nodes go below everything. */
function layeredLayout(plan: JourneyPlan): Map<string, { x: number; y: number }> {
  const depth = new Map<string, number>([[plan.entryNodeId, 0]]);
  const queue = [plan.entryNodeId];
  for (let head = 0; head < queue.length; head += 1) {
    const id = queue[head];
    if (id === undefined) continue;
    for (const target of Object.values(plan.nodes[id]?.next ?? {})) {
      if (target !== null && !depth.has(target)) {
        depth.set(target, (depth.get(id) ?? 0) + 1);
        queue.push(target);
      }
    }
  }
  const deepest = Math.max(0, ...depth.values());
  const perRow = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const id of Object.keys(plan.nodes)) {
    const row = depth.get(id) ?? deepest + 1;
    const column = perRow.get(row) ?? 0;
    perRow.set(row, column + 1);
    positions.set(id, { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT });
  }
  return positions;
}
