import type { Prisma } from '../../prisma/generated/client';
import type { DependencyKey } from '../crm/segments/dependencies';

/**
 * Everything the workspace's dynamic segments read. A contact that is new, or that just
 * absorbed another one, has an unknown standing in every segment, so all of them re-check it.
 */
export async function everySegmentDependency(tx: Prisma.TransactionClient, workspaceId: string): Promise<DependencyKey[]> {
  const rows = await tx.$queryRaw<{ key: string }[]>`
    SELECT DISTINCT unnest(depends_on) AS key FROM segment WHERE workspace_id = ${workspaceId}::uuid AND kind = 'dynamic' ORDER BY 1`;
  return rows.map((row) => row.key);
}
