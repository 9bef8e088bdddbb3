import { Prisma } from '../../prisma/generated/client';
import type { Audience } from '../../activities/enrollment/types';
import { dateDueContacts } from './date-due';

/**
 * The contact ids of an audience, as a subquery of `contact_id` and `entry_key` (null: the
 * run's own key; a date trigger keys each contact by its due day): the members of
 * a segment (the membership table, kept current by the CRM), every contact of the workspace
 * that may be contacted, or the contacts whose date attribute falls due. Pages and the total
 * are both read from it, so the count at the start and the pages agree.
 */
export function audienceContacts(workspaceId: string, journeyId: string, audience: Audience): Prisma.Sql {
  switch (audience.kind) {
    case 'segment':
      return Prisma.sql`SELECT contact_id, NULL::text AS entry_key FROM segment_membership WHERE segment_id = ${audience.segmentId}::uuid AND workspace_id = ${workspaceId}::uuid`;
    case 'workspace':
      return Prisma.sql`SELECT id AS contact_id, NULL::text AS entry_key FROM contact WHERE workspace_id = ${workspaceId}::uuid AND NOT do_not_contact`;
    case 'date_due':
      return dateDueContacts(workspaceId, journeyId, audience);
  }
}
