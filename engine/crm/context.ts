import type { PrismaClient } from '../../prisma/generated/client';
import { crmSettingsOf, type CrmSettings } from './settings';

/** What every CRM computation of a workspace needs: who, when, in which currency, with which rules. */
export interface CrmContext {
  readonly workspaceId: string;
  readonly now: Date;
  readonly currency: string;
  readonly settings: CrmSettings;
}

export class WorkspaceNotFoundError extends Error {
  override readonly name = 'WorkspaceNotFoundError';
}

export async function loadCrmContext(prisma: Pick<PrismaClient, 'workspace'>, workspaceId: string, now: Date): Promise<CrmContext> {
  const workspace = await prisma.workspace.findUnique({ where: { id: workspaceId }, select: { currency: true, settings: true } });
  if (!workspace) throw new WorkspaceNotFoundError(`workspace ${workspaceId} does not exist`);
  return { workspaceId, now, currency: workspace.currency, settings: crmSettingsOf(workspace.settings) };
}
