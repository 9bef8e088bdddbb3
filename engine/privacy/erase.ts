import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { scrubAuditOfContact } from '../audit/scrub';
import { announceSegmentExits } from '../contacts/delete';
import { ContactNotFoundError } from '../contacts/errors';
import { lockContacts } from '../contacts/locks';
import { contactAddresses, type ContactAddress } from './addresses';
import { cancelRunningJourneys } from './cancel-journeys';
import { countContactRows } from './count-rows';
import { suppressErasedAddresses } from './suppress';
import { removeTraces, type RemovedTraces } from './traces';

export const ERASURE_SOURCE = 'contact_erased';

export interface ErasureReport {
  /** Identifies this erasure in the logs (the audit log records it as `contact.erased`). */
  readonly erasureId: string;
  readonly contactId: string;
  readonly erasedAt: string;
  readonly journeysCancelled: number;
  /** Channels whose address is now suppressed by hash. */
  readonly suppressedChannels: ContactAddress['channel'][];
  readonly segmentExitsAnnounced: number;
  /** Rows removed per table that references the contact (the contact row itself under `contact`). */
  readonly deleted: Record<string, number>;
  readonly traces: RemovedTraces;
}

type Db = Pick<PrismaClient, '$transaction' | 'contact' | 'journeyEnrollment'>;

/**
 * GDPR erasure of one contact. First the contact's running journeys are cancelled (Temporal),
 * then in one transaction: its addresses are suppressed by hash, the traces no foreign key
 * reaches are removed, its segment exits are announced, and the contact is deleted, which
 * cascades to every row referencing it (the communication log included: keeping "a message
 * was sent" would need a contact-less row, and nothing in the engine reads one).
 */
export async function eraseContact(
  prisma: Db,
  client: Pick<Client, 'workflow'>,
  workspaceId: string,
  contactId: string,
  now: Date,
  options: { cancelTimeoutMs?: number } = {},
): Promise<ErasureReport> {
  const exists = await prisma.contact.findFirst({ where: { id: contactId, workspaceId }, select: { id: true } });
  if (!exists) throw new ContactNotFoundError(contactId);
  const journeysCancelled = await cancelRunningJourneys(prisma, client, workspaceId, contactId, now, options.cancelTimeoutMs);
  return prisma.$transaction(
    async (tx) => {
      const [locked] = await lockContacts(tx, workspaceId, [contactId]);
      if (!locked) throw new ContactNotFoundError(contactId);
      const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: { email: true, phone: true } });
      const addresses = contactAddresses(contact);
      const suppressedChannels = await suppressErasedAddresses(tx, workspaceId, addresses);
      const traces = await removeTraces(tx, workspaceId, contactId, addresses);
      const segmentExitsAnnounced = await announceSegmentExits(tx, workspaceId, contactId, ERASURE_SOURCE);
      const deleted = await countContactRows(tx, contactId);
      await tx.contact.delete({ where: { id: contactId } });
      await scrubAuditOfContact(tx, workspaceId, contactId);
      return { erasureId: randomUUID(), contactId, erasedAt: now.toISOString(), journeysCancelled, suppressedChannels, segmentExitsAnnounced, deleted: { contact: 1, ...deleted }, traces };
    },
    { timeout: 120_000 },
  );
}
