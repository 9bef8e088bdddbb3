import type { ActionCatalog, ActionCatalogEntry } from '../../../../engine/journey/catalog';
import { compileJourney } from '../../../../engine/journey/compile';
import { catalogEntry } from '../fixtures';
import type { ComparisonOperator, ScoreField } from '../../../../engine/journey/conditions';
import type { Condition, JourneyPlan } from '../../../../engine/journey/schema';

const entry = (id: string, rest: Partial<ActionCatalogEntry>): ActionCatalogEntry => catalogEntry(id, { outputs: ['sent', 'failed'], ...rest });

/** Message traits come from the input: `messageType`, `ignoreQuietHours`, `ignoreFrequencyCap`. */
const channelAction = (channel: string, templateFields: string[]): ActionCatalogEntry =>
  entry(channel, {
    templateFields,
    message: { channel, purpose: 'marketing', purposeField: 'messageType', quietHoursOptOutField: 'ignoreQuietHours', frequencyCapOptOutField: 'ignoreFrequencyCap' },
  });

/** Email and SMS as the linter sees them: message traits from the input, Liquid fields. */
export const lintCatalog: ActionCatalog = [channelAction('email', ['subject', 'body']), channelAction('sms', ['body']), entry('tag', { category: 'crm', outputs: ['done'] })];

type NodeSpec = { id: string; kind: string; config: Record<string, unknown> };
type EdgeSpec = [source: string, target: string, sourceHandle?: string];

/** Compiled from a draft (today's schema unless told: version 1 files have their conditions upgraded). */
export function plan(nodes: NodeSpec[], edges: EdgeSpec[], settings: Record<string, unknown> = {}, schemaVersion = 2): JourneyPlan {
  const result = compileJourney(
    {
      schemaVersion,
      name: 'Lint fixture',
      settings: { reentry: { mode: 'never' }, exitCriteria: [], ...settings },
      nodes: nodes.map((node, index) => ({ ...node, position: { x: 0, y: index * 100 } })),
      edges: edges.map(([source, target, sourceHandle], index) => ({ id: `e${index}`, source, target, ...(sourceHandle && { sourceHandle }) })),
    },
    lintCatalog,
  );
  if (!result.ok) throw new Error(`fixture does not compile: ${JSON.stringify(result.issues)}`);
  return result.plan;
}

export const trigger = (event = 'Order Completed'): NodeSpec => ({ id: 'start', kind: 'trigger', config: { type: 'event', event } });
export const manualTrigger = (): NodeSpec => ({ id: 'start', kind: 'trigger', config: { type: 'manual' } });
export const email = (id: string, input: Record<string, unknown> = {}): NodeSpec => ({ id, kind: 'action', config: { actionId: 'email', actionVersion: 1, input: { subject: 'Hi', body: 'Hello', ...input } } });
export const sms = (id: string, input: Record<string, unknown> = {}): NodeSpec => ({ id, kind: 'action', config: { actionId: 'sms', actionVersion: 1, input: { body: 'Hello', ...input } } });
export const delay = (id: string, days = 1): NodeSpec => ({ id, kind: 'wait', config: { type: 'delay', duration: { amount: days, unit: 'days' } } });
export const branch = (id: string, branches: { id: string; condition: Condition }[]): NodeSpec => ({
  id,
  kind: 'branch',
  config: { type: 'condition', branches: branches.map((b) => ({ id: b.id, label: b.id, condition: b.condition })) },
});

// Conditions, short to write: `score('clv.predicted', 'gt', { value: 100 })`.
type Argument = { value?: string | number | boolean; values?: (string | number)[]; from?: number; to?: number };
export const attribute = (field: string, operator: ComparisonOperator, argument: Argument = {}): Condition => ({ type: 'attribute', field, operator, ...argument });
export const score = (field: ScoreField, operator: ComparisonOperator, argument: Argument = {}): Condition => ({ type: 'score', field, operator, ...argument });
export const property = (path: string, operator: ComparisonOperator, argument: Argument = {}): Condition => ({ type: 'property', property: path, operator, ...argument });
export const tag = (name: string, has = true): Condition => ({ type: 'tag', operator: has ? 'has' : 'has_not', tag: name });
export const timeWindow = (id: string): NodeSpec => ({ id, kind: 'wait', config: { type: 'time_window', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', fallbackTimezone: 'UTC' } });
export const eventWait = (id: string, event: string): NodeSpec => ({ id, kind: 'wait', config: { type: 'event', event, timeout: { amount: 3, unit: 'days' } } });
export const hours = (id: string, amount: number): NodeSpec => ({ id, kind: 'wait', config: { type: 'delay', duration: { amount, unit: 'hours' } } });

/** A condition branch node with one email per branch and one for `else`, for the branch checks. */
export function branchJourney(branches: Parameters<typeof branch>[1]): JourneyPlan {
  return plan(
    [trigger(), branch('split', branches), ...branches.map((b) => email(`to-${b.id}`)), email('to-else')],
    [['start', 'split'], ...branches.map((b): EdgeSpec => ['split', `to-${b.id}`, b.id]), ['split', 'to-else', 'else']],
  );
}
