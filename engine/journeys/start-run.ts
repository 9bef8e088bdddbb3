import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { JourneyEntry, JourneyEvent } from '../../activities/journey/types';
import { journeyWorkflowId } from '../../workflows/journey/ids';
import { JOURNEY_SEARCH_ATTRIBUTES } from '../../workflows/journey/search-attributes';
import type { journeyRun, JourneyRunInput } from '../../workflows/journey';
import { contactChangedSignal, journeyEventSignal } from '../../workflows/journey/signals';

export interface StartedRun {
  workflowId: string;
  handle: WorkflowHandle<typeof journeyRun>;
}

/**
 * Enters a contact into a journey. With an entry event this is signal-with-start: if the
 * contact already has a run of this journey, the event goes to that run instead of starting
 * a second one, so concurrent duplicates of the same event cannot enroll twice.
 */
export async function startJourneyRun(client: Client, taskQueue: string, entry: JourneyEntry): Promise<StartedRun> {
  const workflowId = journeyWorkflowId(entry.journeyId, entry.contactId, entry.entryKey);
  const { entryEvent, ...rest } = entry;
  const args: [JourneyRunInput] = [{ ...rest, ...(entryEvent && { entryEvent }) }];
  const options = {
    workflowId,
    taskQueue,
    args,
    typedSearchAttributes: [
      { key: JOURNEY_SEARCH_ATTRIBUTES.workspaceId, value: entry.workspaceId },
      { key: JOURNEY_SEARCH_ATTRIBUTES.journeyId, value: entry.journeyId },
      { key: JOURNEY_SEARCH_ATTRIBUTES.version, value: entry.version },
      { key: JOURNEY_SEARCH_ATTRIBUTES.contactId, value: entry.contactId },
      { key: JOURNEY_SEARCH_ATTRIBUTES.nodeId, value: entry.plan.entryNodeId },
    ],
  };
  if (entryEvent) {
    const handle = await client.workflow.signalWithStart<typeof journeyRun, [JourneyEvent]>('journeyRun', {
      ...options,
      signal: journeyEventSignal,
      signalArgs: [entryEvent],
    });
    return { workflowId, handle: client.workflow.getHandle<typeof journeyRun>(workflowId, handle.signaledRunId) };
  }
  // No event to deliver: an existing run of this contact is simply kept.
  const handle = await client.workflow.start<typeof journeyRun>('journeyRun', { ...options, workflowIdConflictPolicy: 'USE_EXISTING' });
  return { workflowId, handle };
}

/**
 * Delivers an event to the contact's run of a journey, if there is one. In-journey events
 * never start runs: a contact who is not in the journey is not enrolled by its later events.
 */
export async function signalJourneyEvent(client: Client, journeyId: string, contactId: string, event: JourneyEvent, entryKey?: string): Promise<boolean> {
  return deliver(() => client.workflow.getHandle(journeyWorkflowId(journeyId, contactId, entryKey)).signal(journeyEventSignal, event));
}

/** Tells the contact's run that their data changed, so waiting conditions are re-checked. */
export async function signalContactChanged(client: Client, journeyId: string, contactId: string, entryKey?: string): Promise<boolean> {
  return deliver(() => client.workflow.getHandle(journeyWorkflowId(journeyId, contactId, entryKey)).signal(contactChangedSignal));
}

async function deliver(send: () => Promise<void>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    // A run that has finished is "not found" to signals: nothing to deliver to.
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
