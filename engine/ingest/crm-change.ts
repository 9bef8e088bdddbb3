import { applyContactChange, lockContactsForChange } from '../crm/changes/contact-changed';
import { appendToOutbox } from '../crm/changes/outbox';
import type { CrmChange } from '../crm/changes/topics';
import type { CrmContext } from '../crm/context';
import { dependency, type DependencyKey } from '../crm/segments/dependencies';
import { scoreContacts } from '../crm/scores/score-contacts';
import type { ResolvedContact } from './identity';
import type { IngestTx } from './transaction';

/** One changed contact field, named as segment criteria name it: `email`, `attributes.plan`. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * Announces what a call changed and lets the CRM follow, inside the call's transaction: the
 * ingestion entries first (so a consumer sees the cause before its effects), then
 * `applyContactChange` rescores the contact, re-evaluates the segments reading what was touched
 * and appends their entries. All of it commits with the data, or none of it does.
 */
export async function announceIngested(tx: IngestTx, context: CrmContext, contactIds: readonly string[], touched: readonly DependencyKey[], ingested: readonly CrmChange[], created: readonly string[] = []): Promise<void> {
  await appendToOutbox(tx, context.workspaceId, ingested);
  await applyContactChange(tx, { workspaceId: context.workspaceId, contactIds, touched, created, now: context.now }, context, scoreContacts);
}

/** Takes the contact's CRM lock before the call writes the contact's row (see lockContactsForChange). */
export async function lockContact(tx: IngestTx, contactId: string): Promise<void> {
  await lockContactsForChange(tx, [contactId]);
}

/** The same for many contacts (taken in id order, so two groups cannot deadlock on them). */
export async function lockContacts(tx: IngestTx, contactIds: readonly string[]): Promise<void> {
  await lockContactsForChange(tx, contactIds);
}

/** A contact this call created changed from nothing to its email and external id. */
export function creationChanges(contact: ResolvedContact): FieldChange[] {
  if (!contact.created) return [];
  const changes: FieldChange[] = [];
  if (contact.email !== null) changes.push({ field: 'email', from: null, to: contact.email });
  if (contact.externalId !== null) changes.push({ field: 'externalId', from: null, to: contact.externalId });
  return changes;
}

export const touchedFields = (changes: readonly FieldChange[]): DependencyKey[] => changes.map((change) => dependency.contactField(change.field));

/** The contact, when this call created it (every score runs for it). */
export const createdBy = (contact: ResolvedContact): string[] => (contact.created ? [contact.id] : []);

export const attributeChangeEntries = (contactId: string, changes: readonly FieldChange[]): CrmChange[] =>
  changes.map((change) => ({ topic: 'contact.attribute_changed', contactId, field: change.field, from: change.from, to: change.to }));
