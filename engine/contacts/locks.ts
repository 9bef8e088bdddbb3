import type { Prisma } from '../../prisma/generated/client';
import { lockContactsForChange } from '../crm/changes/contact-changed';

/**
 * Serialises upserts of the same identity (an external id or an email of a workspace), so two
 * concurrent first sightings of one person create one contact, not a unique-key failure.
 * Locks are taken in a fixed order, so two upserts naming the same pair cannot deadlock.
 */
export async function lockIdentities(tx: Prisma.TransactionClient, workspaceId: string, identities: { externalId?: string | null; email?: string | null }): Promise<void> {
  const keys = [identities.externalId ? `external_id:${identities.externalId}` : undefined, identities.email ? `email:${identities.email}` : undefined]
    .filter((key) => key !== undefined)
    .map((key) => `contact-identity:${workspaceId}:${key}`)
    .sort();
  for (const key of keys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}::text, 0))`;
}

/**
 * Locks the contacts' rows (in id order, like every other multi-contact writer) so the values a
 * change reads are the ones it replaces; returns the ids that exist in the workspace. The CRM
 * locks come first, as for every writer (see lockContactsForChange), so this cannot deadlock
 * with a change that rescores the same contact.
 */
export async function lockContacts(tx: Prisma.TransactionClient, workspaceId: string, contactIds: readonly string[]): Promise<string[]> {
  await lockContactsForChange(tx, contactIds);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM contact
    WHERE workspace_id = ${workspaceId}::uuid AND id = ANY(${[...contactIds]}::uuid[])
    ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
}
