import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { loadLiveJourneys } from '../dispatcher/live-journeys';
import { isScheduledTrigger, TRIGGER_SCHEDULE_PREFIX, triggerSchedule, type TriggerScheduleSpec } from './trigger-schedules';

export interface ReconcileReport {
  created: string[];
  updated: string[];
  deleted: string[];
}

/**
 * Makes Temporal's trigger schedules match the live journeys: one for each active journey whose
 * latest published version starts on a `schedule` or `date_attribute` trigger, created when
 * missing, updated when its trigger changed (the note records what it was made from), deleted
 * when the journey was paused, archived or republished with another trigger. For one
 * workspace, or (at boot) all. Safe to repeat: schedule listing lags, so a create that finds
 * the schedule already there updates it, and a delete of one already gone is fine.
 */
export async function reconcileTriggerSchedules(client: Client, prisma: PrismaClient, taskQueue: string, workspaceId: string | undefined, report: (problem: string) => void): Promise<ReconcileReport> {
  const workspaces = workspaceId ? [workspaceId] : (await prisma.workspace.findMany({ select: { id: true } })).map((workspace) => workspace.id);
  const desired = new Map<string, TriggerScheduleSpec>();
  for (const workspace of workspaces) {
    for (const journey of await loadLiveJourneys(prisma, workspace, report)) {
      if (!isScheduledTrigger(journey.trigger)) continue;
      const schedule = triggerSchedule(workspace, journey.journeyId, journey.trigger, taskQueue);
      desired.set(schedule.options.scheduleId, schedule);
    }
  }
  const prefix = workspaceId ? `${TRIGGER_SCHEDULE_PREFIX}${workspaceId}:` : TRIGGER_SCHEDULE_PREFIX;
  const existing = new Set<string>();
  for await (const summary of client.schedule.list()) if (summary.scheduleId.startsWith(prefix)) existing.add(summary.scheduleId);

  const result: ReconcileReport = { created: [], updated: [], deleted: [] };
  for (const [scheduleId, schedule] of desired) {
    if (!existing.has(scheduleId)) {
      try {
        await client.schedule.create(schedule.options);
        result.created.push(scheduleId);
        continue;
      } catch (error) {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      }
    }
    if (await updateIfChanged(client, schedule)) result.updated.push(scheduleId);
  }
  for (const scheduleId of existing) {
    if (desired.has(scheduleId)) continue;
    try {
      await client.schedule.getHandle(scheduleId).delete();
      result.deleted.push(scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
  return result;
}

async function updateIfChanged(client: Client, schedule: TriggerScheduleSpec): Promise<boolean> {
  const handle = client.schedule.getHandle(schedule.options.scheduleId);
  const description = await handle.describe();
  if (description.state.note === schedule.note) return false;
  const { spec, action, policies } = schedule.options;
  await handle.update((previous) => ({ ...previous, spec, action, ...(policies && { policies }), state: { ...previous.state, note: schedule.note } }));
  return true;
}
