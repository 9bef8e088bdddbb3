import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Type } from 'typebox';
import { createActivities } from '../../../activities';
import { ActionRegistry, defineAction, PermanentActionError } from '../../../activities/actions';
import type { JourneyEvent } from '../../../activities/journey/types';
import { toJsonColumn, type Database } from '../../../engine/db';
import { compileJourney } from '../../../engine/journey/compile';
import { startJourneyRun } from '../../../engine/journeys/start-run';
import type { JourneyPlan } from '../../../engine/journey/schema';
import { JOURNEY_SEARCH_ATTRIBUTES, journeyRun, journeyStatusQuery, journeyWorkflowId, type JourneyRunInput, type JourneyRunResult } from '../../../workflows/journey';
import type { ActivityDeps } from '../../../activities/deps';
import { ENTRY_WITH_FIRST_ACTION } from '../../../workflows/journey/interpreter';
import { testActivityDeps } from '../../support/messaging';

/** Every call the test actions received, in order. */
export interface SentMessage {
  actionId: string;
  contactId: string;
  nodeId: string;
  idempotencyKey: string;
  input: Record<string, unknown>;
}

/**
 * Test actions that stand where email and SMS will (the actions issue builds the real ones):
 * they record each call, and fail permanently when the input asks them to.
 */
export function recordingActions(sent: SentMessage[]): ActionRegistry {
  const message = (id: string, field: string) =>
    defineAction({
      id,
      version: 1,
      label: `Test ${id}`,
      description: 'Records the call',
      category: 'messaging',
      input: Type.Object({ [field]: Type.String(), failPermanently: Type.Optional(Type.Boolean()) }),
      outputs: ['sent', 'failed'],
      run: async (context, input) => {
        if (input.failPermanently === true) throw new PermanentActionError('the address bounced');
        sent.push({ actionId: id, contactId: context.contactId, nodeId: context.nodeId, idempotencyKey: context.idempotencyKey, input });
        return { outcome: 'sent' };
      },
    });
  return new ActionRegistry([message('email', 'templateId'), message('sms', 'body')]);
}

export interface JourneyFixture {
  workspaceId: string;
  journeyId: string;
  contactIds: Record<string, string>;
}

/** A workspace, contacts with the given predicted CLV, and an (unpublished) journey. */
let workspaceCounter = 0;
export async function createWorkspace(db: Database, contacts: Record<string, number | null>, slug = `roastery-${(workspaceCounter += 1)}`): Promise<JourneyFixture> {
  const { prisma } = db;
  const workspace = await prisma.workspace.create({ data: { name: slug, slug, timezone: 'Europe/London' } });
  const contactIds: Record<string, string> = {};
  for (const [name, clv] of Object.entries(contacts)) {
    const contact = await prisma.contact.create({ data: { workspaceId: workspace.id, email: `${name}@example.com`, firstName: name } });
    contactIds[name] = contact.id;
    if (clv !== null) {
      await prisma.clvScore.create({
        data: { contactId: contact.id, workspaceId: workspace.id, historicalValue: clv / 2, predictedValue: clv, averageOrderValue: 30, currency: 'GBP', computedAt: new Date() },
      });
    }
  }
  const journey = await prisma.journey.create({ data: { workspaceId: workspace.id, name: 'Order follow-up', status: 'active' } });
  return { workspaceId: workspace.id, journeyId: journey.id, contactIds };
}

export interface PublishedVersion {
  journeyVersionId: string;
  version: number;
  plan: JourneyPlan;
}

/** Compiles the draft and stores it as the journey's next published version. */
export async function publish(db: Database, fixture: JourneyFixture, draft: unknown, catalog: ActionRegistry): Promise<PublishedVersion> {
  const compiled = compileJourney(draft, catalog.catalog());
  if (!compiled.ok) throw new Error(`fixture does not compile: ${JSON.stringify(compiled.issues)}`);
  const version = (await db.prisma.journeyVersion.count({ where: { journeyId: fixture.journeyId } })) + 1;
  const row = await db.prisma.journeyVersion.create({
    data: { workspaceId: fixture.workspaceId, journeyId: fixture.journeyId, version, graph: toJsonColumn(draft), plan: toJsonColumn(compiled.plan), publishedAt: new Date() },
  });
  return { journeyVersionId: row.id, version, plan: compiled.plan };
}

export function runInput(fixture: JourneyFixture, published: PublishedVersion, contact: string, extra: Partial<JourneyRunInput> = {}): JourneyRunInput {
  const contactId = fixture.contactIds[contact];
  if (!contactId) throw new Error(`no contact ${contact}`);
  return { workspaceId: fixture.workspaceId, journeyId: fixture.journeyId, journeyVersionId: published.journeyVersionId, version: published.version, contactId, plan: published.plan, ...extra };
}

let eventCounter = 0;
export function event(name: string, properties: Record<string, unknown> = {}, messageId = `msg-${(eventCounter += 1)}`): JourneyEvent {
  return { name, messageId, occurredAt: '2026-11-22T10:00:00.000Z', properties };
}

/**
 * Starts a run the way the dispatcher does (signal-with-start, deterministic id, plan as
 * input, search attributes); with test knobs such as `continueAsNewAtHistoryLength`, directly.
 */
export async function startRun(env: TestWorkflowEnvironment, taskQueue: string, input: JourneyRunInput): Promise<WorkflowHandle<typeof journeyRun>> {
  if (input.continueAsNewAtHistoryLength === undefined && input.carried === undefined) {
    return (await startJourneyRun(env.client, taskQueue, input)).handle;
  }
  return env.client.workflow.start(journeyRun, {
    taskQueue,
    workflowId: journeyWorkflowId(input.journeyId, input.contactId, input.entryKey),
    args: [input],
    typedSearchAttributes: [
      { key: JOURNEY_SEARCH_ATTRIBUTES.workspaceId, value: input.workspaceId },
      { key: JOURNEY_SEARCH_ATTRIBUTES.journeyId, value: input.journeyId },
      { key: JOURNEY_SEARCH_ATTRIBUTES.version, value: input.version },
      { key: JOURNEY_SEARCH_ATTRIBUTES.contactId, value: input.contactId },
    ],
  });
}

/** Polls the run's status query until it is waiting at `nodeId` (no time passes meanwhile). */
export async function untilWaitingAt(handle: { query: (q: typeof journeyStatusQuery) => Promise<{ nodeId: string | null; waiting: boolean }> }, nodeId: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const status = await handle.query(journeyStatusQuery);
    if (status.nodeId === nodeId && status.waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the run never waited at ${nodeId}`);
}

export async function nodePath(db: Database, enrollmentId: string): Promise<string[]> {
  const rows = await db.prisma.nodeExecution.findMany({ where: { enrollmentId }, orderBy: { step: 'asc' } });
  return rows.map((row) => `${row.nodeId}:${row.outcome ?? row.status}`);
}

export function journeyWorker(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  db: Database,
  actions: ActionRegistry,
  taskQueue: string,
  overrides: Partial<Omit<ActivityDeps, 'db' | 'actions'>> = {},
): Promise<Worker> {
  const deps = testActivityDeps(db, actions, overrides);
  return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createActivities(deps) });
}

/**
 * The run's result without `result()`: awaiting a result lets the time-skipping server jump
 * its clock (to the ten-year execution timeout once nothing else is pending), which tests
 * that compare times across runs cannot have. The status query works on closed runs.
 */
export async function settled(handle: WorkflowHandle<typeof journeyRun>): Promise<JourneyRunResult> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const status = await handle.query(journeyStatusQuery);
    if (status.result) return status.result;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the run did not finish');
}

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

/**
 * The latest patch of the interpreter: histories recorded today carry it in their file name,
 * so recording again after the next patch adds files instead of replacing the ones that stand
 * for runs still in flight from before it.
 */
const RECORDED_ON = ENTRY_WITH_FIRST_ACTION;

/**
 * With RECORD_HISTORIES=1, saves the run's history under test/workflows/histories, where
 * replay.test.ts replays every file against the current interpreter. Record after an
 * intended change in behaviour (behind `patched()`, with `RECORDED_ON` moved to its id), and
 * commit the new files next to the old.
 */
export async function keepHistory(handle: WorkflowHandle<typeof journeyRun>, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  await writeFile(join(HISTORIES_DIR, `${name}.${RECORDED_ON}.json`), `${historyToJSON(history)}\n`);
}
