import { upgradeJourney } from '../journey/conditions/upgrade-journey';
import type { JourneyStatus, PrismaClient } from '../../prisma/generated/client';
import { pageAfter, pageOf } from './page-cursor';

/** How many contacts the journey has had, from its enrollments (every version). */
export interface EnrollmentCounts {
  /** Enrollments of any status: each entry counts, so a contact who re-entered counts twice. */
  entered: number;
  /** Running now. */
  active: number;
  /** Reached the end of the journey (not exited early, failed or cancelled). */
  completed: number;
}

export interface JourneySummary {
  id: string;
  name: string;
  description: string | null;
  status: JourneyStatus;
  /** The newest version, published or still a draft; null before the first save of a graph. */
  latestVersion: number | null;
  /** The version new entrants get; null until the first publish. */
  publishedVersion: number | null;
  /** When the newest published version was published; null until the first publish. */
  lastPublishedAt: Date | null;
  counts: EnrollmentCounts;
  createdAt: Date;
  updatedAt: Date;
}

type Db = Pick<PrismaClient, 'journey' | 'journeyVersion' | 'journeyEnrollment'>;

export interface JourneyListQuery {
  status?: JourneyStatus;
  /** Case-insensitive part of the name; `%` and `_` are characters, not wildcards. */
  q?: string;
  limit: number;
  cursor?: string;
}

/** `contains` becomes LIKE with the value as the pattern, wildcards and all: escape them (backslash is LIKE's escape character). */
const literalLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** A page of the workspace's journeys in id order (stable while journeys are added). */
export async function listJourneys(prisma: Db, workspaceId: string, query: JourneyListQuery): Promise<{ journeys: JourneySummary[]; nextCursor: string | null }> {
  const after = pageAfter(query.cursor);
  const rows = await prisma.journey.findMany({
    where: {
      workspaceId,
      ...(query.status && { status: query.status }),
      ...(query.q !== undefined && { name: { contains: literalLike(query.q), mode: 'insensitive' as const } }),
      ...(after !== undefined && { id: { gt: after } }),
    },
    orderBy: { id: 'asc' },
    take: query.limit + 1,
  });
  const { items, nextCursor } = pageOf(rows, query.limit);
  return { journeys: await summaries(prisma, workspaceId, items), nextCursor };
}

type JourneyRow = Pick<JourneySummary, 'id' | 'name' | 'description' | 'status' | 'createdAt' | 'updatedAt'>;

/**
 * Versions and enrollment counts of the page's journeys: three grouped queries for the whole
 * page (latest version; newest published version and its time; enrollments by status), never
 * one per journey.
 */
async function summaries(prisma: Db, workspaceId: string, journeys: JourneyRow[]): Promise<JourneySummary[]> {
  if (journeys.length === 0) return [];
  const journeyId = { in: journeys.map((journey) => journey.id) };
  const [latest, published, enrollments] = await Promise.all([
    prisma.journeyVersion.groupBy({ by: ['journeyId'], where: { workspaceId, journeyId }, _max: { version: true } }),
    prisma.journeyVersion.groupBy({ by: ['journeyId'], where: { workspaceId, journeyId, publishedAt: { not: null } }, _max: { version: true, publishedAt: true } }),
    prisma.journeyEnrollment.groupBy({ by: ['journeyId', 'status'], where: { workspaceId, journeyId }, _count: { _all: true } }),
  ]);
  const latestOf = new Map(latest.map((row) => [row.journeyId, row._max.version]));
  const publishedOf = new Map(published.map((row) => [row.journeyId, row._max]));
  const countsOf = new Map<string, EnrollmentCounts>();
  for (const row of enrollments) {
    const counts = countsOf.get(row.journeyId) ?? { entered: 0, active: 0, completed: 0 };
    counts.entered += row._count._all;
    if (row.status === 'running') counts.active += row._count._all;
    if (row.status === 'completed') counts.completed += row._count._all;
    countsOf.set(row.journeyId, counts);
  }
  return journeys.map(({ id, name, description, status, createdAt, updatedAt }) => ({
    id,
    name,
    description,
    status,
    latestVersion: latestOf.get(id) ?? null,
    publishedVersion: publishedOf.get(id)?.version ?? null,
    lastPublishedAt: publishedOf.get(id)?.publishedAt ?? null,
    counts: countsOf.get(id) ?? { entered: 0, active: 0, completed: 0 },
    createdAt,
    updatedAt,
  }));
}

export interface JourneyDetail extends JourneySummary {
  /** The draft revision: a canvas saves with the one it loaded (stale saves are refused). */
  revision: number;
  /** The canvas graph of the latest version (the draft being edited, or the published one). */
  graph: unknown;
}

/** One journey of the workspace with the graph of its latest version. */
export async function getJourney(prisma: Db, workspaceId: string, journeyId: string): Promise<JourneyDetail | undefined> {
  const journey = await prisma.journey.findFirst({ where: { id: journeyId, workspaceId } });
  if (!journey) return undefined;
  const [summary] = await summaries(prisma, workspaceId, [journey]);
  const latest = await prisma.journeyVersion.findFirst({ where: { journeyId, workspaceId }, orderBy: { version: 'desc' }, select: { graph: true } });
  return summary && { ...summary, revision: journey.draftRevision, graph: latest ? upgradeJourney(latest.graph).document : null };
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

export interface VersionDetail {
  version: number;
  publishedAt: Date | null;
  createdAt: Date;
  /** The canvas graph (draft) of that version, as saved. */
  graph: unknown;
}

/** One version of the journey (read-only views, diffs), or which of the two is missing. */
export async function getVersion(
  prisma: Db,
  workspaceId: string,
  journeyId: string,
  version: number,
): Promise<{ ok: true; version: VersionDetail } | { ok: false; reason: 'journey_not_found' | 'version_not_found' }> {
  const found = await prisma.journeyVersion.findFirst({ where: { journeyId, workspaceId, version }, select: { version: true, publishedAt: true, createdAt: true, graph: true } });
  if (found) return { ok: true, version: { ...found, graph: upgradeJourney(found.graph).document } };
  const journey = await prisma.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { id: true } });
  return { ok: false, reason: journey ? 'version_not_found' : 'journey_not_found' };
}
