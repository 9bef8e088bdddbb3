import type { Database } from '../../db';
import type { SqlClient } from '../sql';

// A recompute's chunks, planned once when the run is prepared: ranges of contact ids of about
// `chunkSize` contacts each, (after, through], the last one open-ended (contacts created during
// the run with a higher id land there). Planned ranges can be scored side by side: they share
// no contact, and each commits on its own.

export interface ChunkRange {
  /** Exclusive; null from the first contact. */
  readonly after: string | null;
  /** Inclusive; null to the last contact. */
  readonly through: string | null;
}

/** The highest uuid: the end of an open-ended range. */
export const LAST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * How many chunks a run scores at once. A chunk is one transaction on one connection and keeps
 * one database core busy (Postgres runs a data-modifying statement on one core), so two chunks
 * use two cores of the server; more would take connections from the pool ingestion and
 * journeys share. PGlite is one connection in this process: one chunk at a time.
 */
export function chunksAtOnceOn(kind: Database['kind']): number {
  return kind === 'postgres' ? 2 : 1;
}

/** Every `chunkSize`-th contact id of the workspace, in id order, cut into ranges. */
export async function planChunks(client: SqlClient, workspaceId: string, chunkSize: number): Promise<ChunkRange[]> {
  if (!(Number.isInteger(chunkSize) && chunkSize > 0)) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const rows = await client.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM (SELECT id, row_number() OVER (ORDER BY id) AS position FROM contact WHERE workspace_id = ${workspaceId}::uuid) numbered
    WHERE position % ${chunkSize}::int = 0 ORDER BY id`;
  const ends = rows.map((row) => row.id);
  return [...ends, null].map((through, index) => ({ after: index === 0 ? null : (ends[index - 1] ?? null), through }));
}
