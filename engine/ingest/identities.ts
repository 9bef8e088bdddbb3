import { randomUUID } from 'node:crypto';
import { IngestError } from './errors';
import { normalisedEmail, type ResolvedContact } from './identity';
import type { ContactIdentity } from './schemas';
import type { IngestTx } from './transaction';
import { Prisma } from '../../prisma/generated/client';
import { reusedPlan } from '../db/reused-plan';

/** The contact of each identity, or why there is none. */
export type ResolvedIdentity = { readonly contact: ResolvedContact } | { readonly error: IngestError };

/**
 * A contact this group needs created could not be: someone else created it (or took its email
 * or external id) after the group looked. The group is then retried one item at a time, where
 * `resolveContact` settles each race on its own.
 */
export class ConcurrentContactCreation extends Error {
  override readonly name = 'ConcurrentContactCreation';
}

interface ContactRow {
  readonly id: string;
  readonly email: string | null;
  readonly externalId: string | null;
}

/**
 * `resolveContact` for many identities at once, with the same rules and in the same order, as
 * if each were resolved after the ones before it (a later identity finds the contact an earlier
 * one created): one read for every contact named, one insert for the new ones. A contact created here is
 * `created` for the identity that created it only: the ones after it find it, as they would
 * have in calls of their own. Throws `ConcurrentContactCreation` when a new
 * contact collides with one created meanwhile.
 */
export async function resolveContacts(tx: IngestTx, workspaceId: string, identities: readonly ContactIdentity[]): Promise<ResolvedIdentity[]> {
  const known = new KnownContacts(await contactsNamed(tx, workspaceId, identities));
  const created: ContactRow[] = [];
  const resolved = identities.map((identity): ResolvedIdentity => {
    try {
      const found = known.find(identity);
      if (found) return { contact: found };
      const email = normalisedEmail(identity.email) ?? null;
      const row = { id: randomUUID(), email, externalId: identity.externalId ?? null };
      created.push(row);
      known.add(row);
      return { contact: { ...row, created: true } };
    } catch (error) {
      if (error instanceof IngestError) return { error };
      throw error;
    }
  });
  if (created.length > 0) await insertContacts(tx, workspaceId, created);
  return resolved;
}

/** Every contact of the workspace any of the identities names, by id, external id or email. */
async function contactsNamed(tx: IngestTx, workspaceId: string, identities: readonly ContactIdentity[]): Promise<ContactRow[]> {
  const ids = identities.flatMap((identity) => (identity.contactId === undefined ? [] : [identity.contactId]));
  const externalIds = identities.flatMap((identity) => (identity.contactId === undefined && identity.externalId !== undefined ? [identity.externalId] : []));
  const emails = identities.flatMap((identity) => {
    const email = identity.contactId === undefined ? normalisedEmail(identity.email) : undefined;
    return email === undefined ? [] : [email];
  });
  return tx.$queryRaw<ContactRow[]>(reusedPlan(Prisma.sql`
    SELECT id::text AS id, email, external_id AS "externalId" FROM contact
    WHERE workspace_id = ${workspaceId}::uuid
      AND (id = ANY(${ids}::uuid[]) OR external_id = ANY(${externalIds}::text[]) OR email = ANY(${emails}::text[]))`));
}

async function insertContacts(tx: IngestTx, workspaceId: string, rows: readonly ContactRow[]): Promise<void> {
  // ON CONFLICT rather than failing: a collision means another call created one of them first.
  const inserted = await tx.$executeRaw(reusedPlan(Prisma.sql`
    INSERT INTO contact (id, workspace_id, email, external_id)
    SELECT r.id, ${workspaceId}::uuid, r.email, r.external_id
    FROM jsonb_to_recordset(${JSON.stringify(rows.map((row) => ({ id: row.id, email: row.email, external_id: row.externalId })))}::jsonb) AS r(id uuid, email text, external_id text)
    ON CONFLICT DO NOTHING`));
  if (inserted !== rows.length) throw new ConcurrentContactCreation(`${rows.length - inserted} of ${rows.length} new contacts were created concurrently`);
}

/** The contacts read, and those this group created, by each key `resolveContact` looks up. */
class KnownContacts {
  private readonly byId = new Map<string, ResolvedContact>();
  private readonly byExternalId = new Map<string, ResolvedContact>();
  private readonly byEmail = new Map<string, ResolvedContact>();

  constructor(rows: readonly ContactRow[]) {
    for (const row of rows) this.add(row);
  }

  add(row: ContactRow): void {
    const contact: ResolvedContact = { ...row, created: false };
    this.byId.set(row.id, contact);
    if (row.externalId !== null) this.byExternalId.set(row.externalId, contact);
    if (row.email !== null) this.byEmail.set(row.email, contact);
  }

  /** As `resolveContact` finds a contact (the same refusals, the same fields named); undefined: create it. */
  find(identity: ContactIdentity): ResolvedContact | undefined {
    if (identity.contactId !== undefined) {
      // Postgres reads a uuid in either case; the map holds its lower-case text.
      const found = this.byId.get(identity.contactId.toLowerCase());
      if (!found) throw new IngestError('not_found', 'contactId', `does not name a contact of this workspace (${identity.contactId})`);
      return found;
    }
    const email = normalisedEmail(identity.email);
    if (identity.externalId === undefined && email === undefined) throw new IngestError('invalid', 'contactId', 'is required, or externalId or email');
    const byExternalId = identity.externalId === undefined ? undefined : this.byExternalId.get(identity.externalId);
    if (byExternalId) return byExternalId;
    if (email === undefined) return undefined;
    const byEmail = this.byEmail.get(email);
    if (!byEmail) return undefined;
    if (identity.externalId !== undefined && byEmail.externalId !== null && byEmail.externalId !== identity.externalId) {
      throw new IngestError('conflict', 'externalId', `does not match the externalId of the contact with email ${email} ("${identity.externalId}")`);
    }
    return byEmail;
  }
}
