import { readStoredPlan } from '../journey/compile/stored-plan';
import { Prisma, type CommunicationStatus, type EnrollmentStatus, type PrismaClient } from '../../prisma/generated/client';

const { sql } = Prisma;

export type MessageCounts = Record<CommunicationStatus, number>;

export interface NodeStats {
  nodeId: string;
  /** From the newest published version that has the node; null for a node no plan has any more. */
  kind: string | null;
  label: string | null;
  /** Visits (a loop counts every pass). */
  visits: number;
  /** Enrollments that reached the node at least once. */
  entered: number;
  /** Running enrollments whose last node is this one. */
  inProgress: number;
  completed: number;
  /** Left the journey here: a goal was reached while at this node. */
  exitedByGoal: number;
  /** Left the journey here on an exit criterion that is not a goal. */
  exitedByCriteria: number;
  failed: number;
  skipped: number;
  /** Why visits failed or were skipped, most frequent first (up to REASONS_PER_NODE). */
  reasons: NodeReason[];
  /** Messages this node sent (or tried to), by their current delivery status. */
  messages: MessageCounts;
}

export interface NodeReason {
  status: 'failed' | 'skipped';
  /** The error a failed visit recorded (a render error, a bounce) or why a send was skipped (no consent, a frequency cap). */
  reason: string;
  count: number;
}

/** Enough to say what is going wrong at a node; the rest is in each enrollment's node records. */
export const REASONS_PER_NODE = 5;

export interface JourneyStats {
  journeyId: string;
  /** The published versions counted. */
  versions: number[];
  totals: {
    enrollments: Record<EnrollmentStatus | 'total', number>;
    /** Why enrollments ended early, e.g. goal_reached, exit_criteria, cancelled. */
    exitReasons: Record<string, number>;
  };
  nodes: NodeStats[];
}

interface VisitRow {
  nodeId: string;
  visits: number;
  entered: number;
  completed: number;
  exitedByGoal: number;
  exitedByCriteria: number;
  failed: number;
  skipped: number;
}

interface ReasonRow {
  nodeId: string;
  status: string;
  reason: string;
  count: number;
}

const isReasonStatus = (status: string): status is NodeReason['status'] => status === 'failed' || status === 'skipped';


// Spelled out, so the compiler asks for a new status when the schema grows one.
const noMessages = (): MessageCounts => ({ queued: 0, sent: 0, delivered: 0, opened: 0, clicked: 0, bounced: 0, failed: 0, replied: 0, suppressed: 0 });
const noEnrollments = (): Record<EnrollmentStatus | 'total', number> => ({ total: 0, running: 0, completed: 0, exited: 0, failed: 0, cancelled: 0 });

/**
 * Per-node analytics of the journey's published versions (or of one), all set-based: node
 * visits from node_execution, where running contacts are from journey_enrollment, messages
 * from communication; nodes with the same id in several versions are counted together.
 * Undefined when the workspace has no such journey, or no such published version.
 */
export async function journeyStats(prisma: PrismaClient, workspaceId: string, journeyId: string, only?: { version: number }): Promise<JourneyStats | undefined> {
  if (!(await prisma.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { id: true } }))) return undefined;
  const published = await prisma.journeyVersion.findMany({
    where: { journeyId, workspaceId, publishedAt: { not: null }, ...(only && { version: only.version }) },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, plan: true },
  });
  if (only && published.length === 0) return undefined;
  const versionIds = published.map((version) => version.id);
  const inVersions = { workspaceId, journeyId, journeyVersionId: { in: versionIds } };

  const inPublished = versionIds.length === 0 ? sql`` : sql`ne.journey_version_id IN (${Prisma.join(versionIds.map((id) => sql`${id}::uuid`))})`;
  const [visits, reasons, current, messages, byStatus, byReason] = await Promise.all([
    versionIds.length === 0
      ? Promise.resolve([])
      : prisma.$queryRaw<VisitRow[]>(sql`
          SELECT ne.node_id AS "nodeId",
                 count(*)::int AS visits,
                 count(DISTINCT ne.enrollment_id)::int AS entered,
                 count(*) FILTER (WHERE ne.status = 'completed' AND ne.outcome IS DISTINCT FROM 'goal_reached' AND ne.outcome IS DISTINCT FROM 'exit_criteria')::int AS completed,
                 count(*) FILTER (WHERE ne.outcome = 'goal_reached')::int AS "exitedByGoal",
                 count(*) FILTER (WHERE ne.outcome = 'exit_criteria')::int AS "exitedByCriteria",
                 count(*) FILTER (WHERE ne.status = 'failed')::int AS failed,
                 count(*) FILTER (WHERE ne.status = 'skipped')::int AS skipped
          FROM node_execution ne
          WHERE ne.workspace_id = ${workspaceId}::uuid AND ${inPublished}
          GROUP BY ne.node_id`),
    versionIds.length === 0
      ? Promise.resolve([])
      : prisma.$queryRaw<ReasonRow[]>(sql`
          SELECT "nodeId", status, reason, count FROM (
            SELECT ne.node_id AS "nodeId", ne.status::text AS status, ne.error AS reason, count(*)::int AS count,
                   row_number() OVER (PARTITION BY ne.node_id ORDER BY count(*) DESC, ne.error) AS rank
            FROM node_execution ne
            WHERE ne.workspace_id = ${workspaceId}::uuid AND ${inPublished} AND ne.status IN ('failed', 'skipped') AND ne.error IS NOT NULL
            GROUP BY ne.node_id, ne.status, ne.error
          ) ranked
          WHERE rank <= ${REASONS_PER_NODE}
          ORDER BY "nodeId", rank`),
    prisma.journeyEnrollment.groupBy({ by: ['currentNodeId'], where: { ...inVersions, status: 'running', currentNodeId: { not: null } }, _count: { _all: true } }),
    prisma.communication.groupBy({ by: ['nodeId', 'status'], where: { ...inVersions, nodeId: { not: null } }, _count: { _all: true } }),
    prisma.journeyEnrollment.groupBy({ by: ['status'], where: inVersions, _count: { _all: true } }),
    prisma.journeyEnrollment.groupBy({ by: ['exitReason'], where: { ...inVersions, exitReason: { not: null } }, _count: { _all: true } }),
  ]);

  const nodes = new Map<string, NodeStats>();
  const node = (nodeId: string): NodeStats => {
    let stats = nodes.get(nodeId);
    if (!stats) {
      stats = { nodeId, kind: null, label: null, visits: 0, entered: 0, inProgress: 0, completed: 0, exitedByGoal: 0, exitedByCriteria: 0, failed: 0, skipped: 0, reasons: [], messages: noMessages() };
      nodes.set(nodeId, stats);
    }
    return stats;
  };
  // The plans first (newest version first), so unvisited nodes show with zeros, in plan order.
  for (const { plan: stored } of published) {
    const read = readStoredPlan(stored);
    if (!read.ok) continue;
    const { plan } = read;
    for (const planNode of Object.values(plan.nodes)) {
      const stats = node(planNode.id);
      stats.kind ??= planNode.kind;
      stats.label ??= planNode.label ?? null;
    }
  }
  for (const { nodeId, ...counts } of visits) Object.assign(node(nodeId), counts);
  for (const { nodeId, status, reason, count } of reasons) if (isReasonStatus(status)) node(nodeId).reasons.push({ status, reason, count });
  for (const row of current) if (row.currentNodeId !== null) node(row.currentNodeId).inProgress = row._count._all;
  for (const row of messages) if (row.nodeId !== null) node(row.nodeId).messages[row.status] = row._count._all;

  const enrollments = noEnrollments();
  for (const row of byStatus) {
    enrollments[row.status] = row._count._all;
    enrollments.total += row._count._all;
  }
  const exitReasons: Record<string, number> = {};
  for (const row of byReason) if (row.exitReason !== null) exitReasons[row.exitReason] = row._count._all;

  return { journeyId, versions: published.map((version) => version.version), totals: { enrollments, exitReasons }, nodes: [...nodes.values()] };
}
