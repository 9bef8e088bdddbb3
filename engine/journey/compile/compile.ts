import type { DraftNode, JourneyDraft, JourneyPlan, PlanNode, PlanWait } from '../schema';
import { PLAN_SCHEMA_VERSION } from '../schema';
import type { ActionCatalog } from '../catalog';
import { toMilliseconds } from './durations';
import { resolveGraph, type Wiring } from './graph';
import { IssueList, type CompileIssue } from './issues';
import { upgradeJourney } from '../conditions/upgrade-journey';
import { checkConditions } from './conditions';
import { checkNodes } from './semantic-checks';
import { validateDraftShape } from './validate-shape';

export type CompileResult = { ok: true; plan: JourneyPlan } | { ok: false; issues: CompileIssue[] };

/**
 * Draft (what the canvas saves) → plan (what the interpreter runs). Never throws on bad
 * input: every problem comes back as an issue naming the node and field at fault.
 */
export function compileJourney(input: unknown, catalog: ActionCatalog): CompileResult {
  const issues = new IssueList();
  const upgraded = upgradeJourney(input);
  for (const problem of upgraded.problems) issues.add({ code: 'invalid_condition', ...problem });
  const shaped = validateDraftShape(upgraded.document, issues);
  if (!shaped) return { ok: false, issues: issues.items };
  const { draft } = shaped;
  const graph = resolveGraph(draft, issues, catalog);
  checkNodes(draft, catalog, issues);
  checkConditions(draft, issues);
  if (!graph || !issues.empty) return { ok: false, issues: issues.items };
  return { ok: true, plan: buildPlan(draft, graph.trigger.id, graph.wiring) };
}

function buildPlan(draft: JourneyDraft, entryNodeId: string, wiring: Wiring): JourneyPlan {
  const nodes: Record<string, PlanNode> = {};
  for (const node of draft.nodes) nodes[node.id] = toPlanNode(node, Object.fromEntries(wiring.get(node.id) ?? []));
  const { reentry, entryFilter, entryLimit, exitCriteria } = draft.settings;
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    name: draft.name,
    ...(draft.description !== undefined && { description: draft.description }),
    entryNodeId,
    settings: {
      reentry: reentry.mode === 'after_cooldown' ? { mode: 'after_cooldown', cooldownMs: toMilliseconds(reentry.cooldown) } : reentry,
      ...(entryFilter && { entryFilter }),
      ...(entryLimit !== undefined && { entryLimit }),
      exitCriteria,
    },
    nodes,
  };
}

function toPlanNode(node: DraftNode, next: Record<string, string | null>): PlanNode {
  const label = node.label !== undefined ? { label: node.label } : {};
  switch (node.kind) {
    case 'wait':
      return { id: node.id, kind: 'wait', ...label, config: toPlanWait(node.config), next };
    case 'trigger':
      return { id: node.id, kind: 'trigger', ...label, config: node.config, next };
    case 'branch':
      return { id: node.id, kind: 'branch', ...label, config: node.config, next };
    case 'action':
      return { id: node.id, kind: 'action', ...label, config: node.config, next };
    case 'exit':
      return { id: node.id, kind: 'exit', ...label, config: node.config, next };
  }
}

function toPlanWait(config: Extract<DraftNode, { kind: 'wait' }>['config']): PlanWait {
  switch (config.type) {
    case 'delay':
      return { type: 'delay', ms: toMilliseconds(config.duration) };
    case 'until_date':
      return {
        type: 'until_date',
        ...(config.at !== undefined && { at: config.at }),
        ...(config.attribute !== undefined && { attribute: config.attribute }),
        offsetMs: (config.offsetMinutes ?? 0) * 60_000,
      };
    case 'time_window':
      return config;
    case 'event': {
      const { timeout, ...rest } = config;
      return { ...rest, timeoutMs: toMilliseconds(timeout) };
    }
    case 'condition':
      return { type: 'condition', condition: config.condition, timeoutMs: toMilliseconds(config.timeout) };
  }
}
