import { randomUUID } from 'node:crypto';
import { IngestError } from './errors';
import type { ContactIdentity } from './schemas';
import type { IngestTx } from './transaction';
import { Prisma } from '../../prisma/generated/client';
import { reusedPlan } from '../db/reused-plan';

/** The contact a call is about, as found (or created) inside the call's transaction. */
export interface ResolvedContact {
  readonly id: string;
  /** True when this call created it: its email and externalId are then changes too. */
  readonly created: boolean;
  readonly email: string | null;
  readonly externalId: string | null;
}

/** Emails are stored lower-cased, so a sender's capitalisation never makes a second contact. */
export const normalisedEmail = (email: string | undefined): string | undefined => email?.trim().toLowerCase();

const contactColumns = { id: true, email: true, externalId: true } as const;

/**
 * Finds the workspace's contact by contactId, else externalId, else email; when none matches
 * and an externalId or email was given, creates it. Every look-up is scoped to the workspace,
 * so another workspace's contact is never found, whatever id or email is sent. `prefix` names
 * where the identity sits in the input (`contact.` in an order) for error fields.
 */
export async function resolveContact(tx: IngestTx, workspaceId: string, identity: ContactIdentity, prefix = ''): Promise<ResolvedContact> {
  if (identity.contactId !== undefined) {
    const found = await tx.contact.findFirst({ where: { id: identity.contactId, workspaceId }, select: contactColumns });
    if (!found) throw new IngestError('not_found', `${prefix}contactId`, `does not name a contact of this workspace (${identity.contactId})`);
    return { ...found, created: false };
  }
  const keys = { externalId: identity.externalId, email: normalisedEmail(identity.email) };
  if (keys.externalId === undefined && keys.email === undefined) throw new IngestError('invalid', `${prefix}contactId`, 'is required, or externalId or email');
  const existing = await findByKeys(tx, workspaceId, keys, prefix);
  if (existing) return existing;
  // ON CONFLICT rather than a check first: two requests creating the same new contact at once
  // both get here, and the second must find the first's row, not fail on the unique index.
  const inserted = await tx.$queryRaw<{ id: string }[]>(reusedPlan(Prisma.sql`
    INSERT INTO contact (id, workspace_id, email, external_id)
    VALUES (${randomUUID()}::uuid, ${workspaceId}::uuid, ${keys.email ?? null}, ${keys.externalId ?? null})
    ON CONFLICT DO NOTHING
    RETURNING id::text AS id`));
  const created = inserted[0];
  if (created) return { id: created.id, created: true, email: keys.email ?? null, externalId: keys.externalId ?? null };
  const concurrent = await findByKeys(tx, workspaceId, keys, prefix);
  if (concurrent) return concurrent;
  throw new IngestError('conflict', `${prefix}email`, 'belongs to a contact that could not be matched; retry');
}

async function findByKeys(tx: IngestTx, workspaceId: string, keys: { externalId: string | undefined; email: string | undefined }, prefix: string): Promise<ResolvedContact | undefined> {
  if (keys.externalId !== undefined) {
    const found = await tx.contact.findFirst({ where: { workspaceId, externalId: keys.externalId }, select: contactColumns });
    if (found) return { ...found, created: false };
  }
  if (keys.email === undefined) return undefined;
  const found = await tx.contact.findFirst({ where: { workspaceId, email: keys.email }, select: contactColumns });
  if (!found) return undefined;
  // The email's contact is known by another external id: attaching data to it would mix two customers.
  if (keys.externalId !== undefined && found.externalId !== null && found.externalId !== keys.externalId) {
    throw new IngestError('conflict', `${prefix}externalId`, `does not match the externalId of the contact with email ${keys.email} ("${keys.externalId}")`);
  }
  return { ...found, created: false };
}
