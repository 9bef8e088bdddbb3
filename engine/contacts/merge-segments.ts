import type { Prisma } from '../../prisma/generated/client';
import { appendToOutbox } from '../crm/changes/outbox';
import type { CrmChange } from '../crm/changes/topics';

export const MERGE_SOURCE = 'contact_merged';

/**
 * Puts the survivor in every static segment the absorbed contact was in (someone put that
 * person there by hand or by import), with history and a `segment.entered` entry where it is
 * new to the survivor. Dynamic segments follow from the survivor's re-evaluation instead.
 * Returns the segments the survivor entered.
 */
export async function moveStaticMemberships(tx: Prisma.TransactionClient, workspaceId: string, fromId: string, toId: string, now: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ segment_id: string }[]>`
    WITH entered AS (
      INSERT INTO segment_membership (segment_id, contact_id, workspace_id, entered_at, source)
      SELECT m.segment_id, ${toId}::uuid, m.workspace_id, ${now}::timestamptz, ${MERGE_SOURCE}::text
      FROM segment_membership m JOIN segment s ON s.id = m.segment_id AND s.kind = 'static'
      WHERE m.contact_id = ${fromId}::uuid AND m.workspace_id = ${workspaceId}::uuid
      ON CONFLICT (segment_id, contact_id) DO NOTHING
      RETURNING segment_id),
    history AS (
      INSERT INTO segment_membership_change (id, workspace_id, segment_id, contact_id, change, source, occurred_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, segment_id, ${toId}::uuid, 'entered'::membership_change_kind, ${MERGE_SOURCE}::text, ${now}::timestamptz FROM entered)
    SELECT segment_id::text AS segment_id FROM entered ORDER BY segment_id`;
  const segmentIds = rows.map((row) => row.segment_id);
  await appendToOutbox(tx, workspaceId, segmentIds.map((segmentId): CrmChange => ({ topic: 'segment.entered', contactId: toId, segmentId, source: MERGE_SOURCE })));
  return segmentIds;
}
