import { appendToOutbox } from '../../engine/crm/changes/outbox';
import { dependency } from '../../engine/crm/segments/dependencies';
import { changeContact } from './crm-change';
import type { ActionContext } from './definition';

/**
 * Sets one custom attribute the way every contact write does: in one transaction with the
 * rescore, the segments that read it and, when the value really changed, a
 * `contact.attribute_changed` entry for the journeys triggered by it. Merged in SQL, so other
 * attributes written concurrently survive. False when the contact no longer exists.
 */
export async function setContactAttribute(context: ActionContext, name: string, value: unknown): Promise<boolean> {
  const field = `attributes.${name}`;
  return changeContact(
    context,
    [dependency.contactField(field)],
    async (tx) => {
      const [before] = await tx.$queryRaw<{ value: unknown }[]>`
        SELECT attributes -> ${name}::text AS value FROM contact WHERE id = ${context.contactId}::uuid AND workspace_id = ${context.workspaceId}::uuid FOR UPDATE`;
      if (!before) return false;
      await tx.$executeRaw`
        UPDATE contact SET attributes = attributes || jsonb_build_object(${name}::text, ${JSON.stringify(value)}::jsonb), updated_at = now()
        WHERE id = ${context.contactId}::uuid`;
      const from = before.value ?? null;
      if (JSON.stringify(from) !== JSON.stringify(value)) {
        await appendToOutbox(tx, context.workspaceId, [{ topic: 'contact.attribute_changed', contactId: context.contactId, field, from, to: value }]);
      }
      return true;
    },
    { rescore: true },
  );
}
