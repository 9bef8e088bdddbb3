import type { Prisma } from '../../prisma/generated/client';
import { applyContactChange } from '../crm/changes/contact-changed';
import { appendToOutbox } from '../crm/changes/outbox';
import type { CrmContext } from '../crm/context';
import { scoreContacts } from '../crm/scores/score-contacts';
import type { DependencyKey } from '../crm/segments/dependencies';
import { attributeChangeEvents, touchedBy, type FieldChange } from './field-changes';

/**
 * The CRM's side of a contact write, inside the writer's transaction: one
 * `contact.attribute_changed` entry per changed field, then the one change path (rescore,
 * dependent segments, their events), touching the changed fields and anything else given.
 */
export async function recordContactChange(
  tx: Prisma.TransactionClient,
  context: CrmContext,
  contactId: string,
  changes: readonly FieldChange[],
  alsoTouched: readonly DependencyKey[] = [],
  { created = false }: { readonly created?: boolean } = {},
): Promise<void> {
  await appendToOutbox(tx, context.workspaceId, attributeChangeEvents(contactId, changes));
  const touched = [...new Set([...touchedBy(changes), ...alsoTouched])];
  await applyContactChange(tx, { workspaceId: context.workspaceId, contactIds: [contactId], touched, created: created ? [contactId] : [], now: context.now }, context, scoreContacts);
}
