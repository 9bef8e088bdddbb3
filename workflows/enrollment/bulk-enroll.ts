import { ApplicationFailure, continueAsNew, defineQuery, isCancellation, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Audience, BulkTotals, EnrollmentActivities } from '../../activities/enrollment';
import { DEFAULT_RATE_PER_SECOND } from './defaults';

const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export interface BulkEnrollInput {
  workspaceId: string;
  journeyId: string;
  audience: Audience;
  /** "api" or "schedule": what asked for the run, kept on its progress row. */
  trigger: string;
  /** Given to every run started. */
  entryKey?: string;
  /** A schedule's firing: every run gets the key `schedule:<scheduled time>`, so each firing re-enrolls. */
  keyPerFiring?: boolean;
  /** Contacts entered per second at most (default 100). */
  ratePerSecond?: number;
  /** Contacts per page activity (default: one second's worth, at most 500). */
  pageSize?: number;
  /** Pages per workflow run before continue-as-new, bounding the history (default 200). */
  pagesPerRun?: number;
  /** The progress row the API created before starting the workflow. */
  runId?: string;
  /** Carried across continue-as-new: where the run got to. */
  carried?: BulkCarried;
}

interface BulkCarried {
  runId: string;
  startedAt: string;
  totalContacts: number;
  cursor: string | null;
  totals: BulkTotals;
}

export type BulkEnrollStatus = 'preparing' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface BulkEnrollProgress extends BulkTotals {
  runId: string | null;
  status: BulkEnrollStatus;
  totalContacts: number;
  cursor: string | null;
}

export const bulkEnrollProgressQuery = defineQuery<BulkEnrollProgress>('bulkEnrollProgress');

const MAX_PAGE = 500;
const DEFAULT_PAGES_PER_RUN = 200;

// Pages are idempotent (engine/enrollment/enroll-page.ts), so retrying one is always safe; the
// heartbeat lets a page lost with its worker be retried in seconds.
const enrollment = proxyActivities<EnrollmentActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 50 },
});

/** The firing's key and clock, fixed at its start (workflow time: replay-safe) and carried from then on. */
function fixedForThisFiring(input: BulkEnrollInput): BulkEnrollInput {
  const firedAt = scheduledAt().toISOString();
  const audience = input.audience.kind === 'date_due' && input.audience.now === undefined ? { ...input.audience, now: firedAt } : input.audience;
  const entryKey = input.keyPerFiring && input.entryKey === undefined ? `schedule:${firedAt}` : input.entryKey;
  return { ...input, audience, ...(entryKey !== undefined && { entryKey }) };
}

/** When a schedule meant this firing to happen (the server sets it); else when the workflow started. */
function scheduledAt(): Date {
  return workflowInfo().typedSearchAttributes.get(SCHEDULED_START_TIME) ?? workflowInfo().startTime;
}

/** Marks the run failed (activities out of retries, a damaged plan) and says so; a cancellation passes through. */
async function failed(input: BulkEnrollInput, runId: string | undefined, error: unknown): Promise<unknown> {
  if (isCancellation(error)) return error;
  if (runId) await enrollment.finishBulkEnrollment({ runId, status: 'failed', error: error instanceof Error ? error.message : String(error), now: new Date().toISOString() });
  return ApplicationFailure.nonRetryable(`bulk enrollment ${runId ?? ''} into journey ${input.journeyId} failed`, 'BulkEnrollmentFailed');
}

async function prepare(input: BulkEnrollInput, rate: number): Promise<BulkCarried> {
  const run = await enrollment.prepareBulkEnrollment({
    workspaceId: input.workspaceId,
    journeyId: input.journeyId,
    audience: input.audience,
    trigger: input.trigger,
    ratePerSecond: rate,
    workflowId: workflowInfo().workflowId,
    ...(input.entryKey !== undefined && { entryKey: input.entryKey }),
    ...(input.runId !== undefined && { runId: input.runId }),
  });
  return { ...run, cursor: null, totals: { enrolled: 0, skipped: 0, failed: 0 } };
}

/**
 * Enters every contact of an audience into a journey: pages in contact id order, each page one
 * activity, paced by durable timers to at most `ratePerSecond`. Resumable: the cursor lives in
 * the workflow (and the progress row), a crashed worker's page is redone without counting or
 * enrolling twice, and the run continues-as-new every `pagesPerRun` pages.
 */
export async function bulkEnroll(request: BulkEnrollInput): Promise<BulkEnrollProgress> {
  const input = request.carried ? request : fixedForThisFiring(request);
  const rate = Math.max(1, input.ratePerSecond ?? DEFAULT_RATE_PER_SECOND);
  const pageSize = Math.max(1, Math.min(input.pageSize ?? rate, MAX_PAGE));
  const pagesPerRun = Math.max(1, input.pagesPerRun ?? DEFAULT_PAGES_PER_RUN);
  const progress: BulkEnrollProgress = {
    runId: input.carried?.runId ?? input.runId ?? null,
    status: input.carried ? 'running' : 'preparing',
    totalContacts: input.carried?.totalContacts ?? 0,
    cursor: input.carried?.cursor ?? null,
    ...(input.carried?.totals ?? { enrolled: 0, skipped: 0, failed: 0 }),
  };
  setHandler(bulkEnrollProgressQuery, () => progress);

  let prepared: BulkCarried;
  try {
    prepared = input.carried ?? (await prepare(input, rate));
  } catch (error) {
    // The API's row would otherwise say "running" for ever.
    throw await failed(input, input.runId, error);
  }
  const { runId, startedAt } = prepared;
  Object.assign(progress, { runId, status: 'running', totalContacts: prepared.totalContacts });

  let pages = 0;
  let stopped: string | undefined;
  let done = false;
  try {
    while (!done && pages < pagesPerRun && !workflowInfo().continueAsNewSuggested) {
      const began = Date.now();
      const page = await enrollment.enrollPage({
        workspaceId: input.workspaceId,
        journeyId: input.journeyId,
        runId,
        audience: input.audience,
        startedAt,
        after: progress.cursor,
        limit: pageSize,
        ...(input.entryKey !== undefined && { entryKey: input.entryKey }),
      });
      pages += 1;
      Object.assign(progress, { cursor: page.cursor, enrolled: page.enrolled, skipped: page.skipped, failed: page.failed });
      stopped = page.stopped;
      done = stopped !== undefined || page.count < pageSize;
      // The pace: a page of n contacts takes at least n / rate seconds (a durable timer).
      const due = (page.count * 1_000) / rate - (Date.now() - began);
      if (!done && due > 0) await sleep(due);
    }
    if (done) {
      progress.status = stopped ? 'cancelled' : 'completed';
      await enrollment.finishBulkEnrollment({ runId, status: progress.status, ...(stopped && { error: stopped }), now: new Date().toISOString() });
    }
  } catch (error) {
    if (!isCancellation(error)) progress.status = 'failed';
    throw await failed(input, runId, error);
  }
  if (!done) {
    const carried: BulkCarried = { runId, startedAt, totalContacts: progress.totalContacts, cursor: progress.cursor, totals: { enrolled: progress.enrolled, skipped: progress.skipped, failed: progress.failed } };
    return continueAsNew<typeof bulkEnroll>({ ...input, carried });
  }
  return progress;
}
