import { loadCrmContext } from '../crm/context';
import type { TrackInput } from './schemas';
import type { Tracked } from './track';
import { trackMany } from './track-many';
import type { IngestDb } from './transaction';

/** The most events one group commits; more wait for the next. */
const MAX_GROUP = 500;

interface Waiting {
  readonly input: TrackInput;
  readonly resolve: (tracked: Tracked) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for single-event calls (`POST /v1/track`): while a workspace's events are being
 * written, the calls arriving meanwhile wait, and are then written together by `trackMany`
 * (each answered as if alone). An idle workspace's event is written at once; under load each
 * transaction carries the calls that arrived during the one before, so a request costs a share
 * of a transaction instead of a whole one (the CRM's reaction above all: rescoring and segment
 * checks cost about the same for many contacts as for one).
 */
export class TrackQueue {
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(private readonly db: IngestDb) {}

  track(workspaceId: string, input: TrackInput): Promise<Tracked> {
    return new Promise<Tracked>((resolve, reject) => {
      const queue = this.waiting.get(workspaceId);
      if (queue) {
        queue.push({ input, resolve, reject });
        return;
      }
      this.waiting.set(workspaceId, [{ input, resolve, reject }]);
      void this.drain(workspaceId);
    });
  }

  /** Writes the workspace's waiting events group by group until none is left. */
  private async drain(workspaceId: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(workspaceId) ?? [];
      let group: Waiting[] = [];
      try {
        const context = await loadCrmContext(this.db, workspaceId, new Date());
        // Taken only now, not at the first arrival: the calls whose key checks were queued
        // behind the last transaction (PGlite has one connection) join while the context is read.
        group = queue.splice(0, MAX_GROUP);
        if (group.length === 0) break;
        const outcomes = await trackMany(this.db, context, group.map((waiting) => waiting.input));
        for (const [index, waiting] of group.entries()) {
          const outcome = outcomes[index];
          if (outcome?.ok) waiting.resolve(outcome.tracked);
          else waiting.reject(outcome ? outcome.error : new Error('the event was not answered'));
        }
      } catch (error) {
        // The workspace is gone, or the database is: everyone waiting is told.
        for (const waiting of [...group, ...queue.splice(0)]) waiting.reject(error);
      }
    }
    this.waiting.delete(workspaceId);
  }
}
