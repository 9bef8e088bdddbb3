import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import type { TriggerConfig } from '../journey/schema';
import type { BulkEnrollInput } from '../../workflows/enrollment/bulk-enroll';

export type ScheduledTrigger = Extract<TriggerConfig, { type: 'schedule' | 'date_attribute' }>;

export const isScheduledTrigger = (trigger: TriggerConfig): trigger is ScheduledTrigger => trigger.type === 'schedule' || trigger.type === 'date_attribute';

export const TRIGGER_SCHEDULE_PREFIX = 'journey-trigger:';
/** One schedule per journey (a journey has one trigger); the workspace in the id lets a reconcile list its own. */
export const triggerScheduleId = (workspaceId: string, journeyId: string): string => `${TRIGGER_SCHEDULE_PREFIX}${workspaceId}:${journeyId}`;

/** Date triggers fan out hourly: every zone's local `at` is reached within the hour. */
export const DATE_TRIGGER_INTERVAL = '1 hour';

export interface TriggerScheduleSpec {
  options: ScheduleOptions;
  /** What the schedule was made from, kept as its note: a different one means the trigger changed. */
  note: string;
}

/**
 * The schedule of a journey's `schedule` or `date_attribute` trigger. Each firing starts the
 * bulk enrollment workflow: a `schedule` trigger enters every contact of the workspace that is
 * not do-not-contact (a trigger has no audience of its own; an entry filter narrows it) under
 * a key of the firing; a date trigger enters the contacts whose date is due, keyed by the day.
 * A firing still running when the next is due is skipped rather than doubled.
 */
export function triggerSchedule(workspaceId: string, journeyId: string, trigger: ScheduledTrigger, taskQueue: string): TriggerScheduleSpec {
  const scheduleId = triggerScheduleId(workspaceId, journeyId);
  const input: BulkEnrollInput =
    trigger.type === 'schedule'
      ? { workspaceId, journeyId, audience: { kind: 'workspace' }, trigger: 'schedule', keyPerFiring: true }
      : { workspaceId, journeyId, audience: { kind: 'date_due', attribute: trigger.attribute, offsetDays: trigger.offsetDays, recurrence: trigger.recurrence, at: trigger.at }, trigger: 'date_attribute' };
  const spec = trigger.type === 'schedule' ? { cronExpressions: [trigger.cron], timezone: trigger.timezone } : { intervals: [{ every: DATE_TRIGGER_INTERVAL }] };
  const note = `journey ${journeyId} trigger ${JSON.stringify(trigger)} queue ${taskQueue}`;
  return {
    note,
    options: {
      scheduleId,
      spec,
      action: { type: 'startWorkflow', workflowType: 'bulkEnroll', workflowId: scheduleId, taskQueue, args: [input] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      state: { note },
    },
  };
}
