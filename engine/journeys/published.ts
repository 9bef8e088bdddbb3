import type { PrismaClient } from '../../prisma/generated/client';
import { check, errors } from '../journey/compile/validators';
import { JourneyPlan } from '../journey/schema';

export interface PublishedVersion {
  journeyVersionId: string;
  version: number;
  plan: JourneyPlan;
}

const isPlan = (value: unknown): value is JourneyPlan => check(JourneyPlan, value);

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
  if (!isPlan(row.plan)) {
    const first = errors(JourneyPlan, row.plan)[0];
    const where = first ? ` (${first.instancePath || 'plan'}: ${first.message})` : '';
    throw new Error(`journey ${journeyId} version ${row.version} has a stored plan that does not match the plan schema${where}`);
  }
  return { journeyVersionId: row.id, version: row.version, plan: row.plan };
}
