import type { Prisma } from '../../prisma/generated/client';
import { quotedIdentifier, tablesWithContactId } from './contact-tables';

/**
 * How many rows of each table with a `contact_id` belong to the contact: what the deletion
 * of the contact is about to cascade away (tables without any are left out). A table added
 * later is counted without a change here.
 */
export async function countContactRows(tx: Prisma.TransactionClient, contactId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesWithContactId(tx)) {
    const [row] = await tx.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${quotedIdentifier(table)} WHERE contact_id = $1::uuid`, contactId);
    if (row && row.count > 0) counts[table] = row.count;
  }
  return counts;
}
