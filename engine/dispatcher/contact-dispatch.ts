import type { Client } from '@temporalio/client';
import type { JourneyEvent } from '../../activities/journey/types';
import { signalContactChanged, signalJourneyEvent, startJourneyRun } from '../journeys/start-run';
import type { DispatchChange } from './changes';
import { entryEventOf } from './entry-event';
import { listensToEvent, type ListensCache } from './listens';
import { matchingJourneys } from './match';
import { refusedForGood } from './refused';
import type { RunningRun } from './running-runs';
import type { LiveJourney, TriggerIndex } from './trigger-index';

export interface ContactDispatchDeps {
  readonly client: Client;
  readonly taskQueue: string;
  readonly listens: ListensCache;
  /** Problems that skip one start or signal without failing the batch. */
  readonly report: (problem: string) => void;
}

export interface ContactBatch {
  readonly workspaceId: string;
  readonly contactId: string;
  /** The contact's changes in this batch, in outbox order. */
  readonly changes: readonly DispatchChange[];
  /** The contact's running enrollments when the batch began. */
  readonly runs: readonly RunningRun[];
}

/**
 * Acts on one contact's changes, in order: enters the journeys each change starts
 * (signal-with-start; the run applies the entry rules), sends each tracked event to the
 * contact's other runs that wait for it, and finally tells runs with waiting conditions that
 * the contact's data changed, once for the whole batch.
 */
export async function dispatchContact(deps: ContactDispatchDeps, index: TriggerIndex, batch: ContactBatch): Promise<void> {
  const { contactId } = batch;
  // Runs by workflow id: the enrollment table's, plus those this batch starts (not in it yet),
  // so a later event of the same batch reaches a run an earlier one started.
  const runs = new Map(batch.runs.map((run) => [run.workflowId, run]));
  let dataChanged = false;
  for (const change of batch.changes) {
    const event = entryEventOf(change);
    const entered = new Set<string>();
    for (const journey of matchingJourneys(index, change)) {
      const workflowId = await enter(deps, batch, journey, event);
      if (workflowId === undefined) continue;
      entered.add(workflowId);
      if (!runs.has(workflowId)) runs.set(workflowId, { journeyId: journey.journeyId, workflowId, entryKey: undefined, listens: deps.listens.remember(journey.journeyVersionId, journey.plan) });
    }
    if (change.topic !== 'event.tracked') {
      dataChanged = true;
      continue;
    }
    for (const run of runs.values()) {
      // Signal-with-start already delivered the event to the run it entered (or found).
      if (entered.has(run.workflowId) || !listensToEvent(run.listens, event.name)) continue;
      await deliver(deps, `event ${event.messageId} to ${run.workflowId}`, () => signalJourneyEvent(deps.client, run.journeyId, contactId, event, run.entryKey));
    }
  }
  if (!dataChanged) return;
  // Only runs that were going before the batch: the ones it started read fresh data anyway.
  for (const run of batch.runs) {
    if (!run.listens.conditions) continue;
    await deliver(deps, `contact change to ${run.workflowId}`, () => signalContactChanged(deps.client, run.journeyId, contactId, run.entryKey));
  }
}

/** Enters the contact into the journey's live version; the workflow id, or undefined if refused. */
async function enter(deps: ContactDispatchDeps, batch: ContactBatch, journey: LiveJourney, entryEvent: JourneyEvent): Promise<string | undefined> {
  try {
    const started = await startJourneyRun(deps.client, deps.taskQueue, {
      workspaceId: batch.workspaceId,
      journeyId: journey.journeyId,
      journeyVersionId: journey.journeyVersionId,
      version: journey.version,
      plan: journey.plan,
      contactId: batch.contactId,
      entryEvent,
    });
    return started.workflowId;
  } catch (error) {
    if (!refusedForGood(error)) throw error;
    deps.report(`journey ${journey.journeyId}: Temporal refused to enter contact ${batch.contactId} (${errorMessage(error)})`);
    return undefined;
  }
}

async function deliver(deps: ContactDispatchDeps, what: string, send: () => Promise<boolean>): Promise<void> {
  try {
    await send();
  } catch (error) {
    if (!refusedForGood(error)) throw error;
    deps.report(`Temporal refused the signal (${what}): ${errorMessage(error)}`);
  }
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
