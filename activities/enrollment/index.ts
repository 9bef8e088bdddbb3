import { Context } from '@temporalio/activity';
import { enrollPage } from '../../engine/enrollment/enroll-page';
import { finishBulkEnrollment, prepareBulkEnrollment } from '../../engine/enrollment/runs';
import type { ActivityDeps } from '../deps';
import type { EnrollPageInput, FinishBulkInput, PrepareBulkInput } from './types';

/** Well inside the workflow's heartbeat timeout. */
const HEARTBEAT_MS = 3_000;

/** The bulk enrollment workflow's activities: thin wrappers over engine/enrollment. */
export function createEnrollmentActivities(deps: ActivityDeps) {
  const { prisma } = deps.db;
  return {
    prepareBulkEnrollment: (input: PrepareBulkInput) => prepareBulkEnrollment(prisma, input),
    enrollPage: (input: EnrollPageInput) => whileHeartbeating(() => enrollPage(prisma, deps.enroller, input)),
    finishBulkEnrollment: (input: FinishBulkInput) => finishBulkEnrollment(prisma, input),
  };
}

/**
 * Heartbeats on a timer while the page runs: a page waiting on a busy database is alive and
 * must not be retried, while a page lost with its worker is retried within the heartbeat
 * timeout rather than the start-to-close timeout.
 */
async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export type EnrollmentActivities = ReturnType<typeof createEnrollmentActivities>;
export type * from './types';
