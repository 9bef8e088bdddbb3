import type { ActionCatalog, ActionCatalogEntry } from '../../../engine/journey/catalog';
import type { JourneyDraft } from '../../../engine/journey/schema';

/** A catalog entry for tests: an action that accepts any object and reports `sent`, unless told otherwise. */
export const catalogEntry = (id: string, rest: Partial<ActionCatalogEntry> = {}): ActionCatalogEntry => ({
  id,
  version: 1,
  label: id,
  description: `Test ${id}`,
  category: 'messaging',
  icon: 'zap',
  input: { type: 'object' },
  outputs: ['sent'],
  credentials: [],
  templateFields: [],
  rules: [],
  ...rest,
});

const action = (id: string, required: string): ActionCatalogEntry => catalogEntry(id, { input: { type: 'object', required: [required], properties: { [required]: { type: 'string' } } } });

/** A stand-in for the action registry's catalog: email (needs `templateId`) and SMS (needs `body`), version 1. */
export const testCatalog: ActionCatalog = [action('email', 'templateId'), action('sms', 'body')];

const at = (x: number, y: number) => ({ x, y });

/** Order placed → wait 2 days → branch on lifetime value → email / SMS → wait for a review up to 7 days → exit. */
export function orderFollowUp(): JourneyDraft {
  return {
    schemaVersion: 2,
    name: 'Order follow-up',
    settings: { reentry: { mode: 'after_cooldown', cooldown: { amount: 30, unit: 'days' } }, exitCriteria: [] },
    nodes: [
      { id: 'placed', kind: 'trigger', position: at(0, 0), config: { type: 'event', event: 'Order Completed' } },
      { id: 'wait-2d', kind: 'wait', label: 'Wait 2 days', position: at(0, 140), config: { type: 'delay', duration: { amount: 48, unit: 'hours' } } },
      {
        id: 'by-value',
        kind: 'branch',
        position: at(0, 280),
        config: {
          type: 'condition',
          branches: [{ id: 'high', label: 'CLV over 500', condition: { type: 'score', field: 'clv.predicted', operator: 'gt', value: 500 } }],
        },
      },
      { id: 'email', kind: 'action', position: at(-150, 420), config: { actionId: 'email', actionVersion: 1, input: { templateId: 'thanks' } } },
      { id: 'sms', kind: 'action', position: at(150, 420), config: { actionId: 'sms', actionVersion: 1, input: { body: 'Thanks!' } } },
      {
        id: 'review',
        kind: 'wait',
        position: at(0, 560),
        config: { type: 'event', event: 'review_submitted', timeout: { amount: 7, unit: 'days' } },
      },
      { id: 'done', kind: 'exit', position: at(0, 700), config: { reason: 'finished' } },
    ],
    edges: [
      { id: 'a', source: 'placed', target: 'wait-2d' },
      { id: 'b', source: 'wait-2d', target: 'by-value' },
      { id: 'c', source: 'by-value', target: 'email', sourceHandle: 'high' },
      { id: 'd', source: 'by-value', target: 'sms', sourceHandle: 'else' },
      { id: 'e', source: 'email', target: 'review' },
      { id: 'f', source: 'sms', target: 'review' },
      { id: 'g', source: 'review', target: 'done', sourceHandle: 'received' },
      { id: 'h', source: 'review', target: 'done', sourceHandle: 'timeout' },
    ],
  };
}

/** manual trigger → wait a week (a timer) → email → exit: a run that stays in the journey for the test. */
export function weekThenEmail(name = 'Slow welcome'): JourneyDraft {
  const row = (index: number) => ({ x: 0, y: index * 120 });
  return {
    schemaVersion: 2,
    name,
    settings: { reentry: { mode: 'always' }, exitCriteria: [] },
    nodes: [
      { id: 'start', kind: 'trigger', position: row(0), config: { type: 'manual' } },
      { id: 'pause', kind: 'wait', position: row(1), config: { type: 'delay', duration: { amount: 1, unit: 'weeks' } } },
      { id: 'hello', kind: 'action', position: row(2), config: { actionId: 'email', actionVersion: 1, input: { templateId: 'hello' } } },
      { id: 'done', kind: 'exit', position: row(3), config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'pause' },
      { id: 'e2', source: 'pause', target: 'hello' },
      { id: 'e3', source: 'hello', target: 'done' },
    ],
  };
}
