import type { Contact, PrismaClient } from '../../prisma/generated/client';
import { appendToOutbox } from '../crm/changes/outbox';
import { loadCrmContext } from '../crm/context';
import { dependency } from '../crm/segments/dependencies';
import { columnsOf } from './apply-patch';
import { announceSegmentExits } from './delete';
import { ContactInvalidError, ContactNotFoundError } from './errors';
import { fieldChanges } from './field-changes';
import { lockContacts } from './locks';
import { mergeLoyalty } from './merge-loyalty';
import { mergedProfile } from './merge-profile';
import { moveRecords, type MovedRecords } from './merge-records';
import { MERGE_SOURCE, moveStaticMemberships } from './merge-segments';
import { recordContactChange } from './record-change';
import { everySegmentDependency } from './segment-dependencies';
import { stateOf } from './view';

export interface MergeReport {
  readonly contact: Contact;
  readonly moved: MovedRecords & { loyaltyAccounts: number; loyaltyAccountsCombined: number; staticSegments: number };
  /** The profile fields of the survivor that changed, as segments name them. */
  readonly changed: string[];
}

type Db = Pick<PrismaClient, '$transaction' | '$queryRaw'>;

/**
 * Merges a duplicate (`fromId`) into the contact that survives (`intoId`), in one transaction:
 * the duplicate's segment exits are announced, its facts move (merge-records, merge-loyalty,
 * merge-segments), it is deleted, the survivor's profile absorbs what it lacked, and the
 * survivor is rescored and re-checked against every dynamic segment.
 */
export async function mergeContacts(prisma: Db, workspaceId: string, intoId: string, fromId: string, now: Date): Promise<MergeReport> {
  if (intoId === fromId) throw new ContactInvalidError('from', 'must be another contact than the one merged into');
  const context = await loadCrmContext(prisma, workspaceId, now);
  return prisma.$transaction(
    async (tx) => {
      const locked = await lockContacts(tx, workspaceId, [intoId, fromId]);
      for (const id of [intoId, fromId]) if (!locked.includes(id)) throw new ContactNotFoundError(id);
      const survivor = await tx.contact.findUniqueOrThrow({ where: { id: intoId } });
      const absorbed = await tx.contact.findUniqueOrThrow({ where: { id: fromId } });

      await announceSegmentExits(tx, workspaceId, fromId, MERGE_SOURCE);
      const staticSegments = await moveStaticMemberships(tx, workspaceId, fromId, intoId, now);
      const records = await moveRecords(tx, workspaceId, fromId, intoId);
      const loyalty = await mergeLoyalty(tx, workspaceId, fromId, intoId, now);
      await appendToOutbox(tx, workspaceId, loyalty.tierChanges);
      // Deleted before the survivor takes its email or external id: both are unique per workspace.
      await tx.contact.delete({ where: { id: fromId } });

      const merged = mergedProfile(survivor, absorbed);
      await tx.contact.update({ where: { id: intoId }, data: { ...columnsOf(merged.state), doNotContact: merged.doNotContact, lastSeenAt: merged.lastSeenAt } });
      const changes = [...fieldChanges(stateOf(survivor), merged.state), ...merged.extraChanges];
      const everything = await everySegmentDependency(tx, workspaceId);
      await recordContactChange(tx, context, intoId, changes, [dependency.order, dependency.loyalty, ...everything]);
      return {
        contact: await tx.contact.findUniqueOrThrow({ where: { id: intoId } }),
        moved: { ...records, loyaltyAccounts: loyalty.moved, loyaltyAccountsCombined: loyalty.combined, staticSegments: staticSegments.length },
        changed: changes.map((change) => change.field),
      };
    },
    { timeout: 120_000 },
  );
}
