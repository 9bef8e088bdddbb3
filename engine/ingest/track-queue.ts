import { GroupCommit } from '../db/group-commit';
import { loadCrmContext, type CrmContext } from '../crm/context';
import type { TrackInput } from './schemas';
import type { Tracked } from './track';
import { trackMany } from './track-many';
import type { IngestDb } from './transaction';

/**
 * Group commit for single-event calls (`POST /v1/track`): the calls of a workspace arriving
 * while its events are being written are written together by `trackMany` (each answered as if
 * alone), so under load a request costs a share of a transaction instead of a whole one (the
 * CRM's reaction above all: rescoring and segment checks cost about the same for many contacts
 * as for one). The workspace's CRM context is read before the group is taken, so calls whose
 * key checks queued behind the last transaction (PGlite has one connection) still join it.
 */
export class TrackQueue {
  private readonly groups: GroupCommit<TrackInput, Tracked, CrmContext>;

  constructor(db: IngestDb) {
    this.groups = new GroupCommit({
      prepare: (workspaceId) => loadCrmContext(db, workspaceId, new Date()),
      write: (context, inputs) => trackMany(db, context, inputs),
    });
  }

  track(workspaceId: string, input: TrackInput): Promise<Tracked> {
    return this.groups.submit(workspaceId, input);
  }
}
