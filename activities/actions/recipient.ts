import { loadFacts } from '../journey/facts';
import type { ActionContext } from './definition';
import { PermanentActionError } from './errors';

/**
 * The contact as templates see it, and one of its address fields (`email`, `phone`), for
 * the message actions. A contact deleted since the journey started is a permanent failure.
 */
export async function loadRecipient(context: ActionContext, field: 'email' | 'phone'): Promise<{ contact: unknown; address: string | undefined }> {
  const facts = await loadFacts(context.deps.db.prisma, context.workspaceId, context.contactId);
  if (!facts) throw new PermanentActionError('the contact no longer exists');
  const contact = facts.contact;
  const value = typeof contact === 'object' && contact !== null ? Reflect.get(contact, field) : undefined;
  return { contact, address: typeof value === 'string' && value !== '' ? value : undefined };
}
