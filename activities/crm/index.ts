import { finishRecompute, failRecompute, prepareRecompute, recomputeChunk, sweepTimeBasedSegments } from '../../engine/crm/recompute/run';
import { pruneDispatchedOutbox } from '../../engine/crm/changes/outbox-retention';
import { loadCrmContext } from '../../engine/crm/context';
import { chunksAtOnceOn } from '../../engine/crm/recompute/chunk-plan';

export type { ChunkRange } from '../../engine/crm/recompute/chunk-plan';
import type { ActivityDeps } from '../deps';

// The batch recompute's activities. Dates cross the workflow boundary as ISO strings: the
// workflow fixes one `now` for the whole run, so every chunk scores against the same day.

export interface PrepareRecomputeInput {
  workspaceId: string;
  runId?: string;
  trigger: string;
  now: string;
  /** With it, the run's chunks are planned (and scored side by side, `chunksAtOnce` of them). */
  chunkSize?: number;
}

export interface RecomputeChunkInput {
  workspaceId: string;
  runId: string;
  after: string | null;
  /** A planned chunk's end (null: to the last contact); without it, the next `limit` contacts after `after`. */
  through?: string | null;
  limit: number;
  now: string;
}

export function createCrmActivities(deps: ActivityDeps) {
  const { prisma } = deps.db;
  return {
    prepareRecompute: async (input: PrepareRecomputeInput) => ({
      ...(await prepareRecompute(prisma, { ...input, now: new Date(input.now) })),
      chunksAtOnce: chunksAtOnceOn(deps.db.kind),
    }),
    recomputeChunk: (input: RecomputeChunkInput) => recomputeChunk(prisma, { ...input, now: new Date(input.now) }),
    finishRecompute: (input: { workspaceId: string; runId: string; now: string }) => finishRecompute(prisma, { ...input, now: new Date(input.now) }),
    failRecompute: (input: { runId: string; error: string; now: string }) => failRecompute(prisma, { ...input, now: new Date(input.now) }),
    // The hourly sweep also drops the workspace's long-dispatched outbox entries.
    sweepSegments: async (input: { workspaceId: string; now: string }) => {
      const now = new Date(input.now);
      const swept = await sweepTimeBasedSegments(prisma, await loadCrmContext(prisma, input.workspaceId, now));
      await pruneDispatchedOutbox(prisma, input.workspaceId, now);
      return swept;
    },
  };
}

export type CrmActivities = ReturnType<typeof createCrmActivities>;
