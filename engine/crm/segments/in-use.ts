import type { SqlClient } from '../sql';
import { journeysReferencing } from '../../journeys/live-references';
import { dependency } from './dependencies';

export interface SegmentReferences {
  /** Journeys whose published version names the segment (trigger, segment.add/remove, …). */
  readonly journeys: string[];
  /** Segments whose criteria test membership of this one. */
  readonly segments: string[];
}

/**
 * Who still relies on a segment: journeys that may still use it (engine/journeys/live-references.ts:
 * a live published version carrying it as a `segmentId` anywhere), and segments whose criteria test
 * membership of it.
 */
export async function segmentReferences(client: SqlClient, workspaceId: string, segmentId: string): Promise<SegmentReferences> {
  const journeys = await journeysReferencing(client, workspaceId, 'segmentId', segmentId);
  // A segment condition is stored as the dependency key `segment:<id>` (dependencies.ts).
  const segments = await client.$queryRaw<{ name: string }[]>`
    SELECT name FROM segment
    WHERE workspace_id = ${workspaceId}::uuid AND id <> ${segmentId}::uuid AND depends_on @> ARRAY[${dependency.segment(segmentId)}::text]
    ORDER BY name`;
  return { journeys, segments: segments.map((row) => row.name) };
}
