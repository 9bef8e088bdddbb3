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

/** One recompute run as the workflow drives it: prepare, chunks of `chunk` contacts in id order, finish. */
export async function recomputeAll(db: Database, workspaceId: string, now: Date, chunk: number): Promise<RecomputeTiming> {
  const prepared = await timed('prepare (fit CLV models, RFM boundaries, expire points)', () => prepareRecompute(db.prisma, { workspaceId, trigger: 'manual', now }));
  let cursor: string | null = null;
  let chunks = 0;
  let changes = 0;
  const scored = await timed(`score chunks of ${chunk.toLocaleString('en')} contacts`, async () => {
    for (;;) {
      const result = await recomputeChunk(db.prisma, { workspaceId, runId: prepared.value.runId, after: cursor, limit: chunk, now });
      cursor = result.cursor;
      chunks += 1;
      changes += result.changes;
      if (result.count > 0) log(`    chunk ${chunks}: ${result.count.toLocaleString('en')} contacts, ${result.changes.toLocaleString('en')} changes`);
      if (result.count < chunk) break;
    }
  });
  const finished = await timed('finish (evaluate and sweep segments)', () => finishRecompute(db.prisma, { workspaceId, runId: prepared.value.runId, now }));
  return { ms: prepared.ms + scored.ms + finished.ms, prepareMs: prepared.ms, chunksMs: scored.ms, finishMs: finished.ms, chunks, changes };
}
