import type { JourneyStatus, PrismaClient } from '../../prisma/generated/client';
import { pageAfter, pageOf } from './page-cursor';

export interface JourneySummary {
  id: string;
  name: string;
  description: string | null;
  status: JourneyStatus;
  /** The newest version, published or still a draft; null before the first save of a graph. */
  latestVersion: number | null;
  /** The version new entrants get; null until the first publish. */
  publishedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

type Db = Pick<PrismaClient, 'journey' | 'journeyVersion'>;

/** A page of the workspace's journeys in id order (stable while journeys are added). */
export async function listJourneys(prisma: Db, workspaceId: string, query: { status?: JourneyStatus; limit: number; cursor?: string }): Promise<{ journeys: JourneySummary[]; nextCursor: string | null }> {
  const after = pageAfter(query.cursor);
  const rows = await prisma.journey.findMany({
    where: { workspaceId, ...(query.status && { status: query.status }), ...(after !== undefined && { id: { gt: after } }) },
    orderBy: { id: 'asc' },
    take: query.limit + 1,
  });
  const { items, nextCursor } = pageOf(rows, query.limit);
  return { journeys: await summaries(prisma, workspaceId, items), nextCursor };
}

/** The latest and the published version numbers of each journey: two grouped queries for the page. */
async function summaries(prisma: Db, workspaceId: string, journeys: Omit<JourneySummary, 'latestVersion' | 'publishedVersion'>[]): Promise<JourneySummary[]> {
  if (journeys.length === 0) return [];
  const journeyId = { in: journeys.map((journey) => journey.id) };
  const [latest, published] = await Promise.all([
    prisma.journeyVersion.groupBy({ by: ['journeyId'], where: { workspaceId, journeyId }, _max: { version: true } }),
    prisma.journeyVersion.groupBy({ by: ['journeyId'], where: { workspaceId, journeyId, publishedAt: { not: null } }, _max: { version: true } }),
  ]);
  const latestOf = new Map(latest.map((row) => [row.journeyId, row._max.version]));
  const publishedOf = new Map(published.map((row) => [row.journeyId, row._max.version]));
  return journeys.map(({ id, name, description, status, createdAt, updatedAt }) => ({
    id,
    name,
    description,
    status,
    latestVersion: latestOf.get(id) ?? null,
    publishedVersion: publishedOf.get(id) ?? null,
    createdAt,
    updatedAt,
  }));
}

export interface JourneyDetail extends JourneySummary {
  /** The canvas graph of the latest version (the draft being edited, or the published one). */
  graph: unknown;
}

/** One journey of the workspace with the graph of its latest version. */
export async function getJourney(prisma: Db, workspaceId: string, journeyId: string): Promise<JourneyDetail | undefined> {
  const journey = await prisma.journey.findFirst({ where: { id: journeyId, workspaceId } });
  if (!journey) return undefined;
  const [summary] = await summaries(prisma, workspaceId, [journey]);
  const latest = await prisma.journeyVersion.findFirst({ where: { journeyId, workspaceId }, orderBy: { version: 'desc' }, select: { graph: true } });
  return summary && { ...summary, graph: latest?.graph ?? null };
}

export interface VersionSummary {
  id: string;
  version: number;
  publishedAt: Date | null;
  createdAt: Date;
}

/** The journey's versions, newest first; undefined when the workspace has no such journey. */
export async function listVersions(prisma: Db, workspaceId: string, journeyId: string): Promise<VersionSummary[] | undefined> {
  if (!(await prisma.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { id: true } }))) return undefined;
  return prisma.journeyVersion.findMany({ where: { journeyId, workspaceId }, orderBy: { version: 'desc' }, select: { id: true, version: true, publishedAt: true, createdAt: true } });
}
