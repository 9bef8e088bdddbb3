import type { OutboxEntry } from '../../../engine/crm/changes/outbox-feed';
import { readChange, type DispatchChange } from '../../../engine/dispatcher/changes';
import type { LiveJourney } from '../../../engine/dispatcher/trigger-index';
import type { JourneyPlan, TriggerConfig } from '../../../engine/journey/schema';

export const CONTACT = '0b8f6a4e-3c1d-4e5f-9a7b-1c2d3e4f5a6b';
export const WORKSPACE = '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** A plan that is only its trigger: all matching reads. */
export function planWith(trigger: TriggerConfig, extra: Partial<JourneyPlan> = {}): JourneyPlan {
  return {
    schemaVersion: 2,
    name: 'Test',
    entryNodeId: 'start',
    settings: { reentry: { mode: 'always' }, exitCriteria: [] },
    nodes: { start: { id: 'start', kind: 'trigger', config: trigger, next: { next: null } } },
    ...extra,
  };
}

/** A live journey whose id is its name, so assertions read as names. */
export function live(name: string, trigger: TriggerConfig): LiveJourney {
  return { journeyId: name, journeyVersionId: `${name}-v1`, version: 1, plan: planWith(trigger), trigger };
}

let nextId = 1n;
export function outboxEntry(topic: string, payload: Record<string, unknown>): OutboxEntry {
  nextId += 1n;
  return { id: nextId, workspaceId: WORKSPACE, topic, payload: { contactId: CONTACT, ...payload }, createdAt: new Date('2026-12-01T10:00:00.000Z') };
}

/** An outbox entry read as the dispatcher reads it; fails the test if the payload is refused. */
export function change(topic: string, payload: Record<string, unknown>): DispatchChange {
  const read = readChange(outboxEntry(topic, payload));
  if (read.kind !== 'change') throw new Error(`not a dispatch change: ${JSON.stringify(read)}`);
  return read.change;
}
