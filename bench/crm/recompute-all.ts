import { chunksAtOnceOn } from '../../engine/crm/recompute/chunk-plan';
import { finishRecompute, prepareRecompute, recomputeChunk } from '../../engine/crm/recompute/run';
import type { Database } from '../../engine/db';
import { log, timed } from './timing';

export interface RecomputeTiming {
  readonly ms: number;
  readonly prepareMs: number;
  readonly chunksMs: number;
  readonly finishMs: number;
  readonly chunks: number;
  /** Change events the chunks announced. */
  readonly changes: number;
}

/**
 * One recompute run as the workflow drives it: prepare (planning chunks of `chunk` contacts),
 * the planned chunks side by side (as many at once as the workflow runs on this database),
 * finish.
 */
export async function recomputeAll(db: Database, workspaceId: string, now: Date, chunk: number): Promise<RecomputeTiming> {
  const prepared = await timed('prepare (fit CLV models, RFM boundaries, expire points, plan chunks)', () => prepareRecompute(db.prisma, { workspaceId, trigger: 'manual', now, chunkSize: chunk }));
  const pending = [...(prepared.value.chunks ?? [])];
  const chunksAtOnce = chunksAtOnceOn(db.kind);
  let chunks = 0;
  let changes = 0;
  const lane = async (): Promise<void> => {
    for (let range = pending.shift(); range !== undefined; range = pending.shift()) {
      const result = await recomputeChunk(db.prisma, { workspaceId, runId: prepared.value.runId, after: range.after, through: range.through, limit: chunk, now });
      chunks += 1;
      changes += result.changes;
      if (result.count > 0) log(`    chunk ${chunks}: ${result.count.toLocaleString('en')} contacts, ${result.changes.toLocaleString('en')} changes`);
    }
  };
  const scored = await timed(`score chunks of ${chunk.toLocaleString('en')} contacts, ${chunksAtOnce} at once`, () => Promise.all(Array.from({ length: chunksAtOnce }, lane)));
  const finished = await timed('finish (evaluate and sweep segments)', () => finishRecompute(db.prisma, { workspaceId, runId: prepared.value.runId, now }));
  return { ms: prepared.ms + scored.ms + finished.ms, prepareMs: prepared.ms, chunksMs: scored.ms, finishMs: finished.ms, chunks, changes };
}
