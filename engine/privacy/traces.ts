import type { Prisma } from '../../prisma/generated/client';
import type { ContactAddress } from './addresses';
import { anonymousIdsOf } from './export';

export interface RemovedTraces {
  /** Events of the same visitor from before they were identified (no contact id, so no cascade). */
  anonymousEvents: number;
  /** Change announcements naming the contact: profile changes carry old and new values, e.g. the email. */
  outboxEntries: number;
  /** The local outbox's copies of messages to the contact's addresses (embedded mode). */
  localOutboxMessages: number;
}

/**
 * Removes what holds the contact's personal data without a foreign key to the contact, so the
 * cascade cannot find it. Must run before the erasure appends its own segment exits, which
 * name the contact id only and have to reach the dispatcher.
 */
export async function removeTraces(tx: Prisma.TransactionClient, workspaceId: string, contactId: string, addresses: readonly ContactAddress[]): Promise<RemovedTraces> {
  const anonymousIds = await anonymousIdsOf(tx, workspaceId, contactId);
  const anonymousEvents = anonymousIds.length === 0 ? 0 : (await tx.event.deleteMany({ where: { workspaceId, contactId: null, anonymousId: { in: anonymousIds } } })).count;
  const outboxEntries = await tx.$executeRaw`DELETE FROM outbox_entry WHERE workspace_id = ${workspaceId}::uuid AND payload ->> 'contactId' = ${contactId}`;
  const localOutboxMessages = (await tx.localOutboxMessage.deleteMany({ where: { workspaceId, toAddress: { in: addresses.map((entry) => entry.address) } } })).count;
  return { anonymousEvents, outboxEntries, localOutboxMessages };
}
