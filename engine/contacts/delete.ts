import type { Prisma, PrismaClient } from '../../prisma/generated/client';
import { appendToOutbox } from '../crm/changes/outbox';
import type { CrmChange } from '../crm/changes/topics';
import { lockContacts } from './locks';

/**
 * Announces that a contact about to disappear leaves every segment it is in: a journey
 * triggered by segment exit must see it, and the cascade that removes the rows says nothing.
 */
export async function announceSegmentExits(tx: Prisma.TransactionClient, workspaceId: string, contactId: string, source: string): Promise<number> {
  const memberships = await tx.segmentMembership.findMany({ where: { workspaceId, contactId }, orderBy: { segmentId: 'asc' }, select: { segmentId: true } });
  const exits = memberships.map((membership): CrmChange => ({ topic: 'segment.exited', contactId, segmentId: membership.segmentId, source }));
  await appendToOutbox(tx, workspaceId, exits);
  return exits.length;
}

/**
 * Deletes a contact and, by cascade, everything that hangs off it, with a `segment.exited`
 * entry for each membership it had, in one transaction. False for a contact the workspace
 * does not have. (GDPR erasure, which also cancels running journeys, is a separate service.)
 */
export async function deleteContact(prisma: Pick<PrismaClient, '$transaction'>, workspaceId: string, contactId: string): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      const [locked] = await lockContacts(tx, workspaceId, [contactId]);
      if (!locked) return false;
      await announceSegmentExits(tx, workspaceId, contactId, 'contact_deleted');
      await tx.contact.delete({ where: { id: contactId } });
      return true;
    },
    { timeout: 60_000 },
  );
}
