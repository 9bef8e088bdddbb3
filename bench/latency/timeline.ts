import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Where one run's time went on the Temporal side, from its history (server timestamps, epoch ms). */
export interface RunTimeline {
  /** The server accepted the (signal-with-)start. */
  readonly started: number;
  /** The worker picked up the run's first workflow task. */
  readonly firstTaskStarted: number;
  /** The worker started the activity the sample waits for. */
  readonly activityStarted: number;
  /** Activities started before it, in order (local activities as `local`, from their markers). */
  readonly activitiesBefore: readonly string[];
  /** Workflow tasks started before it (each a worker ↔ server round trip). */
  readonly workflowTasksBefore: number;
  /** Time spent inside those activities (started → completed, summed): the engine's own work, mostly its database. */
  readonly activityWorkBefore: number;
}

function epochMs(event: HistoryEvent): number {
  const time = event.eventTime;
  if (!time) throw new Error(`history event ${String(event.eventId)} has no time`);
  const seconds = typeof time.seconds === 'number' ? time.seconds : (time.seconds?.toNumber() ?? 0);
  return seconds * 1_000 + (time.nanos ?? 0) / 1e6;
}

const idOf = (value: unknown): string => String(value);

/** Reads the run's history and finds the first start of an activity named one of `activities`. */
export async function runTimeline(client: Client, workflowId: string, activities: readonly string[]): Promise<RunTimeline> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const scheduled = new Map<string, string>();
  let started: number | undefined;
  let firstTaskStarted: number | undefined;
  let workflowTasksBefore = 0;
  const activitiesBefore: string[] = [];
  const activityStarts = new Map<string, number>();
  let activityWorkBefore = 0;
  for (const event of events) {
    if (event.workflowExecutionStartedEventAttributes) started = epochMs(event);
    if (event.workflowTaskStartedEventAttributes) {
      firstTaskStarted ??= epochMs(event);
      workflowTasksBefore += 1;
    }
    const scheduledActivity = event.activityTaskScheduledEventAttributes;
    if (scheduledActivity) scheduled.set(idOf(event.eventId), scheduledActivity.activityType?.name ?? '?');
    if (event.markerRecordedEventAttributes) activitiesBefore.push('local');
    const startedActivity = event.activityTaskStartedEventAttributes;
    if (startedActivity) {
      const name = scheduled.get(idOf(startedActivity.scheduledEventId)) ?? '?';
      if (activities.includes(name)) {
        if (started === undefined || firstTaskStarted === undefined) break;
        return { started, firstTaskStarted, activityStarted: epochMs(event), activitiesBefore, workflowTasksBefore, activityWorkBefore };
      }
      activitiesBefore.push(name);
      activityStarts.set(idOf(startedActivity.scheduledEventId), epochMs(event));
    }
    const completed = event.activityTaskCompletedEventAttributes;
    const startedAt = completed ? activityStarts.get(idOf(completed.scheduledEventId)) : undefined;
    if (startedAt !== undefined) activityWorkBefore += epochMs(event) - startedAt;
  }
  throw new Error(`the history of ${workflowId} has no started ${activities.join(' or ')} activity`);
}
