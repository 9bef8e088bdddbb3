import { ApplicationFailure, continueAsNew, isCancellation, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CrmActivities } from '../../activities/crm';

export interface RecomputeScoresInput {
  workspaceId: string;
  /** "schedule" (the nightly schedule) or "manual" (the API, which created the run row). */
  trigger: string;
  runId?: string;
  /** Carried across continue-as-new: the run's clock, and where it got to. */
  now?: string;
  cursor?: string | null;
  processed?: number;
  chunkSize?: number;
}

export interface RecomputeScoresResult {
  runId: string;
  processed: number;
}

// A chunk is one transaction over a range of contacts: big enough that each statement works on
// many contacts at once, small enough that a chunk commits in seconds to a minute.
const DEFAULT_CHUNK = 50_000;

/** Scoring a chunk is database work that can be retried safely (each chunk is idempotent). */
const crm = proxyActivities<CrmActivities>({
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20 },
});

/**
 * Recomputes every score of a workspace: fit the workspace-wide models, score contacts in
 * chunks in id order, then sweep time-based segments. Resumable: the cursor lives in the
 * workflow (and in the run row), a crash resumes after the last committed chunk, and long
 * runs continue-as-new before their history grows large.
 */
export async function recomputeScores(input: RecomputeScoresInput): Promise<RecomputeScoresResult> {
  const now = input.now ?? new Date().toISOString();
  const chunkSize = input.chunkSize ?? DEFAULT_CHUNK;
  const runId = input.runId && input.now ? input.runId : (await crm.prepareRecompute({ workspaceId: input.workspaceId, trigger: input.trigger, now, ...(input.runId ? { runId: input.runId } : {}) })).runId;
  let cursor = input.cursor ?? null;
  let processed = input.processed ?? 0;
  let done = false;
  try {
    while (!done && !workflowInfo().continueAsNewSuggested) {
      const chunk = await crm.recomputeChunk({ workspaceId: input.workspaceId, runId, after: cursor, limit: chunkSize, now });
      processed += chunk.count;
      cursor = chunk.cursor;
      done = chunk.count < chunkSize;
    }
    if (done) await crm.finishRecompute({ workspaceId: input.workspaceId, runId, now });
  } catch (error) {
    if (isCancellation(error)) throw error;
    await crm.failRecompute({ runId, error: error instanceof Error ? error.message : String(error), now });
    throw ApplicationFailure.nonRetryable(`recompute of workspace ${input.workspaceId} failed`, 'RecomputeFailed');
  }
  if (!done) return continueAsNew<typeof recomputeScores>({ ...input, runId, now, cursor, processed, chunkSize });
  return { runId, processed };
}

/** Re-evaluates the workspace's time-based segments (scheduled between nightly recomputes). */
export async function sweepSegments(input: { workspaceId: string }): Promise<number> {
  return crm.sweepSegments({ workspaceId: input.workspaceId, now: new Date().toISOString() });
}
