import { ApplicationFailure, continueAsNew, isCancellation, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ChunkRange, CrmActivities } from '../../activities/crm';

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
  /** Carried across continue-as-new by runs that score planned chunks side by side: the chunks left, and how many at once. */
  pending?: ChunkRange[];
  chunksAtOnce?: number;
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
 * Marks runs that plan their chunks when prepared and score them side by side (as many at once
 * as the database takes, see chunksAtOnceOn); runs started before it, and runs they continued
 * as new (they carry a cursor), go on one chunk after another.
 */
export const PLANNED_CHUNKS_PATCH = 'recompute-planned-chunks';

/**
 * Recomputes every score of a workspace: fit the workspace-wide models and plan the chunks,
 * score the chunks (side by side where the database has the cores), then sweep time-based
 * segments. Resumable: the chunks left live in the workflow, a crash resumes with the chunks
 * not yet committed, and long runs continue-as-new before their history grows large.
 */
export async function recomputeScores(input: RecomputeScoresInput): Promise<RecomputeScoresResult> {
  const now = input.now ?? new Date().toISOString();
  const chunkSize = input.chunkSize ?? DEFAULT_CHUNK;
  if (input.cursor !== undefined || !patched(PLANNED_CHUNKS_PATCH)) return chunkAfterChunk(input, now, chunkSize);
  const run =
    input.runId !== undefined && input.now !== undefined
      ? { runId: input.runId, chunks: input.pending ?? [], chunksAtOnce: input.chunksAtOnce ?? 1 }
      : await crm.prepareRecompute({ workspaceId: input.workspaceId, trigger: input.trigger, now, chunkSize, ...(input.runId ? { runId: input.runId } : {}) });
  const { runId, chunksAtOnce } = run;
  const pending = [...(run.chunks ?? [])];
  let processed = input.processed ?? 0;
  // Each lane takes the next chunk left until none is, or until the history should be cut.
  const lane = async (): Promise<void> => {
    for (let range = pending.shift(); range !== undefined; range = pending.shift()) {
      if (workflowInfo().continueAsNewSuggested) {
        pending.unshift(range);
        return;
      }
      const chunk = await crm.recomputeChunk({ workspaceId: input.workspaceId, runId, after: range.after, through: range.through, limit: chunkSize, now });
      processed += chunk.count;
    }
  };
  try {
    await Promise.all(Array.from({ length: chunksAtOnce }, lane));
    if (pending.length === 0) await crm.finishRecompute({ workspaceId: input.workspaceId, runId, now });
  } catch (error) {
    return failRun(input.workspaceId, runId, now, error);
  }
  if (pending.length > 0) return continueAsNew<typeof recomputeScores>({ ...input, runId, now, pending, processed, chunkSize, chunksAtOnce });
  return { runId, processed };
}

/** Runs started before planned chunks: the next chunk after the cursor, one at a time. */
async function chunkAfterChunk(input: RecomputeScoresInput, now: string, chunkSize: number): Promise<RecomputeScoresResult> {
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
    return failRun(input.workspaceId, runId, now, error);
  }
  if (!done) return continueAsNew<typeof recomputeScores>({ ...input, runId, now, cursor, processed, chunkSize });
  return { runId, processed };
}

/** Records the run as failed and fails the workflow for good (a cancellation stays one). */
async function failRun(workspaceId: string, runId: string, now: string, error: unknown): Promise<never> {
  if (isCancellation(error)) throw error;
  await crm.failRecompute({ runId, error: error instanceof Error ? error.message : String(error), now });
  throw ApplicationFailure.nonRetryable(`recompute of workspace ${workspaceId} failed`, 'RecomputeFailed');
}

/** Re-evaluates the workspace's time-based segments (scheduled between nightly recomputes). */
export async function sweepSegments(input: { workspaceId: string }): Promise<number> {
  return crm.sweepSegments({ workspaceId: input.workspaceId, now: new Date().toISOString() });
}
