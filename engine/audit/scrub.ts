import type { PrismaClient } from '../../prisma/generated/client';

/**
 * GDPR erasure keeps the audit trail (who changed what, when) but nothing personal about the
 * erased contact: the summaries of rows targeting it are emptied (a consent change's
 * before/after is a fact about that person). Summaries never hold addresses or names to
 * begin with (entry.ts drops such keys); this covers what they do hold.
 *
 * The target id stays: a random uuid that, once the contact row is gone, points at nothing in
 * this system, and the row that proves the erasure (`contact.erased`) must say what it erased.
 *
 * Runs inside the erasure's transaction, so the contact cannot be gone while its rows still
 * describe it.
 */
export async function scrubAuditOfContact(tx: Pick<PrismaClient, 'auditEntry'>, workspaceId: string, contactId: string): Promise<number> {
  const { count } = await tx.auditEntry.updateMany({
    where: { workspaceId, targetType: 'contact', targetId: contactId },
    data: { summary: { scrubbed: 'contact_erased' } },
  });
  return count;
}
