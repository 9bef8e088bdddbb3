import type { PrismaClient } from '../../prisma/generated/client';
import { journeysReferencing } from '../journeys/live-references';

/** The journeys that may still send a template (email nodes name it as `input.templateId`). Names, sorted. */
export function journeysUsingTemplate(prisma: Pick<PrismaClient, '$queryRaw'>, workspaceId: string, templateId: string): Promise<string[]> {
  return journeysReferencing(prisma, workspaceId, 'templateId', templateId);
}
