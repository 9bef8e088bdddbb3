import type { Database } from '../../../engine/db';
import type { Prisma } from '../../../prisma/generated/client';

/**
 * Stores a journey with one published version whose plan holds the given node configs, the
 * way the publish service leaves it (only the parts the reference checks read). Cheaper than
 * compiling a draft, and lets a test pick the status (archived, paused) directly.
 */
export async function publishedJourney(
  db: Database,
  workspaceId: string,
  name: string,
  nodes: Record<string, { kind: string; config: Prisma.InputJsonValue }>,
  status: 'active' | 'paused' | 'archived' = 'active',
): Promise<{ journeyId: string; versionId: string }> {
  const journey = await db.prisma.journey.create({ data: { workspaceId, name, status } });
  const plan = { schemaVersion: 1, name, entryNodeId: Object.keys(nodes)[0] ?? 'start', settings: { reentry: { mode: 'never' }, exitCriteria: [] }, nodes: Object.fromEntries(Object.entries(nodes).map(([id, node]) => [id, { id, ...node, next: {} }])) };
  const version = await db.prisma.journeyVersion.create({ data: { workspaceId, journeyId: journey.id, version: 1, graph: { nodes: [], edges: [] }, plan, publishedAt: new Date() } });
  return { journeyId: journey.id, versionId: version.id };
}
