import type { PrismaClient } from '../../prisma/generated/client';
import { TemplateInUseError, TemplateNotFoundError } from './errors';
import { journeysUsingTemplate } from './in-use';

/**
 * Deletes a template no live journey uses. The check and the delete share one transaction
 * that first locks the template row, so a concurrent update cannot slip in between; the
 * communication log keeps its rows (their template reference becomes null).
 */
export async function deleteTemplate(prisma: Pick<PrismaClient, '$transaction'>, workspaceId: string, templateId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM message_template WHERE id = ${templateId}::uuid AND workspace_id = ${workspaceId}::uuid FOR UPDATE`;
    if (!locked) throw new TemplateNotFoundError(templateId);
    const journeys = await journeysUsingTemplate(tx, workspaceId, templateId);
    if (journeys.length > 0) throw new TemplateInUseError(journeys);
    await tx.messageTemplate.delete({ where: { id: templateId } });
  });
}
