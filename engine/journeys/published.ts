import type { PrismaClient } from '../../prisma/generated/client';
import { readStoredPlan } from '../journey/compile/stored-plan';
import type { JourneyPlan } from '../journey/schema';

export interface PublishedVersion {
  journeyVersionId: string;
  version: number;
  plan: JourneyPlan;
}


/**
 * The version new entrants get: the latest published one. Its stored plan is checked against
 * the plan schema before it becomes a workflow input, so a damaged row fails here, clearly.
 */
export async function latestPublishedVersion(prisma: PrismaClient, workspaceId: string, journeyId: string): Promise<PublishedVersion | undefined> {
  const row = await prisma.journeyVersion.findFirst({
    where: { journeyId, workspaceId, publishedAt: { not: null } },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, plan: true },
  });
  if (!row) return undefined;
  const stored = readStoredPlan(row.plan);
  if (!stored.ok) throw new Error(`journey ${journeyId} version ${row.version} has a stored plan that ${stored.problem}`);
  return { journeyVersionId: row.id, version: row.version, plan: stored.plan };
}
