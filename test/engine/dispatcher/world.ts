import { randomUUID } from 'node:crypto';
import type { ActionRegistry } from '../../../activities/actions';
import { appendToOutbox } from '../../../engine/crm/changes/outbox';
import type { CrmChange } from '../../../engine/crm/changes/topics';
import type { Database } from '../../../engine/db';
import type { Condition, JourneyDraft, TriggerConfig } from '../../../engine/journey/schema';
import { publishJourney, saveJourneyDraft } from '../../../engine/journeys';

type NodeSpec = JourneyDraft['nodes'][number];
type Edge = [source: string, target: string, sourceHandle?: string];

const at = (index: number) => ({ x: 0, y: index * 120 });

/** The steps after the trigger of the test journeys. */
export const steps = {
  /** trigger → email → exit */
  emailThenExit: (): { nodes: NodeSpec[]; edges: Edge[] } => ({
    nodes: [
      { id: 'hello', kind: 'action', position: at(1), config: { actionId: 'email', actionVersion: 1, input: { templateId: 'hello' } } },
      { id: 'done', kind: 'exit', position: at(2), config: {} },
    ],
    edges: [['start', 'hello'], ['hello', 'done']],
  }),
  /** trigger → wait up to a week for `event` → exit (either way) */
  waitForEvent: (event: string): { nodes: NodeSpec[]; edges: Edge[] } => ({
    nodes: [
      { id: 'await', kind: 'wait', position: at(1), config: { type: 'event', event, timeout: { amount: 7, unit: 'days' } } },
      { id: 'done', kind: 'exit', position: at(2), config: {} },
    ],
    edges: [['start', 'await'], ['await', 'done', 'received'], ['await', 'done', 'timeout']],
  }),
  /** trigger → wait up to a week for `condition` → exit (either way) */
  waitForCondition: (condition: Condition): { nodes: NodeSpec[]; edges: Edge[] } => ({
    nodes: [
      { id: 'await', kind: 'wait', position: at(1), config: { type: 'condition', condition, timeout: { amount: 7, unit: 'days' } } },
      { id: 'done', kind: 'exit', position: at(2), config: {} },
    ],
    edges: [['start', 'await'], ['await', 'done', 'met'], ['await', 'done', 'timeout']],
  }),
};

/** Saves and publishes (through the real publish path) a journey starting on `trigger`. */
export async function publishTriggered(db: Database, actions: ActionRegistry, workspaceId: string, name: string, trigger: TriggerConfig, rest: { nodes: NodeSpec[]; edges: Edge[] }): Promise<string> {
  const draft: JourneyDraft = {
    schemaVersion: 2,
    name,
    settings: { reentry: { mode: 'always' }, exitCriteria: [] },
    nodes: [{ id: 'start', kind: 'trigger', position: at(0), config: trigger }, ...rest.nodes],
    edges: rest.edges.map(([source, target, sourceHandle], index) => ({ id: `e${index}`, source, target, ...(sourceHandle && { sourceHandle }) })),
  };
  const saved = await saveJourneyDraft(db.prisma, workspaceId, draft);
  const published = await publishJourney(db.prisma, actions.catalog(), workspaceId, saved.journeyId);
  if (!published.ok) throw new Error(`the test journey ${name} does not publish: ${JSON.stringify(published)}`);
  return saved.journeyId;
}

let counter = 0;
export async function workspaceWith(db: Database, contacts: readonly string[]): Promise<{ workspaceId: string; contactIds: Record<string, string> }> {
  counter += 1;
  const workspace = await db.prisma.workspace.create({ data: { name: `Dispatch ${counter}`, slug: `dispatch-${counter}`, timezone: 'Europe/London' } });
  const contactIds: Record<string, string> = {};
  for (const name of contacts) {
    contactIds[name] = (await db.prisma.contact.create({ data: { workspaceId: workspace.id, email: `${name}-${counter}@example.com`, firstName: name } })).id;
  }
  return { workspaceId: workspace.id, contactIds };
}

/** An ingested event as ingestion announces it (the outbox entry, NOTIFY at commit). */
export function trackedEvent(contactId: string, name: string, messageId: string = randomUUID(), properties: Record<string, unknown> = {}): CrmChange {
  return { topic: 'event.tracked', contactId, eventId: randomUUID(), name, messageId, occurredAt: new Date().toISOString(), properties };
}

export async function announce(db: Database, workspaceId: string, ...changes: CrmChange[]): Promise<void> {
  await db.prisma.$transaction((tx) => appendToOutbox(tx, workspaceId, changes));
}

/** Polls until `read` returns something `done` accepts (the dispatcher and runs are asynchronous). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
