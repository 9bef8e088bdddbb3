import type { Prisma, PrismaClient } from '../../../prisma/generated/client';

export interface SegmentDetail {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly kind: 'static' | 'dynamic';
  /** The criteria tree of a dynamic segment; null for a static one. */
  readonly criteria: Prisma.JsonValue;
  readonly dependsOn: string[];
  readonly timeBased: boolean;
  readonly evaluatedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly counts: { readonly members: number; readonly enteredLast30Days: number; readonly exitedLast30Days: number };
}

const DAY_MS = 86_400_000;

/** A segment of the workspace with its definition and counts; undefined when the workspace has no such segment. */
export async function segmentDetail(prisma: Pick<PrismaClient, 'segment' | '$queryRaw'>, workspaceId: string, segmentId: string, now: Date): Promise<SegmentDetail | undefined> {
  const segment = await prisma.segment.findFirst({ where: { id: segmentId, workspaceId } });
  if (!segment) return undefined;
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const [counts] = await prisma.$queryRaw<{ members: number; entered: number; exited: number }[]>`
    SELECT (SELECT count(*)::int FROM segment_membership WHERE segment_id = ${segmentId}::uuid) AS members,
           (SELECT count(*)::int FROM segment_membership_change WHERE segment_id = ${segmentId}::uuid AND change = 'entered' AND occurred_at >= ${since}::timestamptz) AS entered,
           (SELECT count(*)::int FROM segment_membership_change WHERE segment_id = ${segmentId}::uuid AND change = 'exited' AND occurred_at >= ${since}::timestamptz) AS exited`;
  return {
    id: segment.id,
    name: segment.name,
    description: segment.description,
    kind: segment.kind,
    criteria: segment.criteria,
    dependsOn: segment.dependsOn,
    timeBased: segment.timeBased,
    evaluatedAt: segment.evaluatedAt,
    createdAt: segment.createdAt,
    updatedAt: segment.updatedAt,
    counts: { members: counts?.members ?? 0, enteredLast30Days: counts?.entered ?? 0, exitedLast30Days: counts?.exited ?? 0 },
  };
}
