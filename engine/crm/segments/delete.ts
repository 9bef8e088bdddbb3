import type { PrismaClient } from '../../../prisma/generated/client';
import { announceOutbox } from '../changes/outbox';
import { segmentReferences, type SegmentReferences } from './in-use';
import { SegmentNotFoundError } from './static-members';

/** Journeys or other segments still rely on the segment. */
export class SegmentInUseError extends Error {
  override readonly name = 'SegmentInUseError';
  constructor(readonly references: SegmentReferences) {
    const named = (kind: string, names: string[]) => (names.length === 0 ? [] : [`${kind}${names.length === 1 ? '' : 's'} ${names.map((name) => `"${name}"`).join(', ')}`]);
    super(`the segment is used by ${[...named('journey', references.journeys), ...named('segment', references.segments)].join(' and ')}`);
  }
}

/**
 * Deletes a segment nothing relies on. Like deleting a contact, each membership ends with a
 * `segment.exited` outbox entry (source `segment_deleted`, in the bulk lane: a segment can hold
 * millions), so consumers tracking membership see every member leave; the cascade that removes
 * the rows (membership and its history) says nothing by itself. Locking the segment row first
 * makes the check and the delete one step
 * against concurrent saves and member changes (they write rows referencing it).
 */
export async function deleteSegment(prisma: Pick<PrismaClient, '$transaction'>, workspaceId: string, segmentId: string): Promise<{ exited: number }> {
  return prisma.$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text AS id FROM segment WHERE id = ${segmentId}::uuid AND workspace_id = ${workspaceId}::uuid FOR UPDATE`;
      if (!locked) throw new SegmentNotFoundError(`segment ${segmentId} does not exist in this workspace`);
      const references = await segmentReferences(tx, workspaceId, segmentId);
      if (references.journeys.length > 0 || references.segments.length > 0) throw new SegmentInUseError(references);
      const exited = await tx.$executeRaw`
        INSERT INTO outbox_entry (workspace_id, topic, payload, lane)
        SELECT ${workspaceId}::uuid, 'segment.exited', jsonb_build_object('contactId', contact_id, 'segmentId', ${segmentId}::text, 'source', 'segment_deleted'), 'bulk'::outbox_lane
        FROM segment_membership WHERE segment_id = ${segmentId}::uuid ORDER BY contact_id`;
      if (exited > 0) await announceOutbox(tx, workspaceId, 'bulk');
      await tx.segment.delete({ where: { id: segmentId } });
      return { exited };
    },
    { timeout: 120_000 },
  );
}
