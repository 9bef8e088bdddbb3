import { reusedPlan } from '../db/reused-plan';
import { Prisma, type PrismaClient } from '../../prisma/generated/client';
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

/** Read for every tracked event and every CRM action, so a raw statement (an ORM query costs about 0.6 ms more CPU). */
export async function loadCrmContext(prisma: Pick<PrismaClient, '$queryRaw'>, workspaceId: string, now: Date): Promise<CrmContext> {
  const [workspace] = await prisma.$queryRaw<{ currency: string; settings: unknown }[]>(reusedPlan(Prisma.sql`SELECT currency, settings FROM workspace WHERE id = ${workspaceId}::uuid`));
  if (!workspace) throw new WorkspaceNotFoundError(`workspace ${workspaceId} does not exist`);
  return { workspaceId, now, currency: workspace.currency, settings: crmSettingsOf(workspace.settings) };
}
