import type { EnrollmentStatus, Prisma, PrismaClient } from '../../prisma/generated/client';
import { pageAfter, pageOf } from './page-cursor';

export interface EnrollmentView {
  id: string;
  journeyId: string;
  journeyName: string;
  version: number;
  contactId: string;
  status: EnrollmentStatus;
  /** Where a running contact is (the last node it reached); null once the run has ended. */
  currentNodeId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  exitReason: string | null;
}

export interface EnrollmentPage {
  enrollments: EnrollmentView[];
  nextCursor: string | null;
}

export interface EnrollmentQuery {
  status?: EnrollmentStatus;
  limit: number;
  cursor?: string;
}

type Db = Pick<PrismaClient, 'journey' | 'contact' | 'journeyEnrollment'>;

/** A page of one journey's enrollments (id order); undefined when the workspace has no such journey. */
export async function listJourneyEnrollments(prisma: Db, workspaceId: string, journeyId: string, query: EnrollmentQuery): Promise<EnrollmentPage | undefined> {
  if (!(await prisma.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { id: true } }))) return undefined;
  return page(prisma, { workspaceId, journeyId }, query);
}

/** A page of one contact's enrollments in every journey; undefined when the workspace has no such contact. */
export async function listContactEnrollments(prisma: Db, workspaceId: string, contactId: string, query: EnrollmentQuery): Promise<EnrollmentPage | undefined> {
  if (!(await prisma.contact.findFirst({ where: { id: contactId, workspaceId }, select: { id: true } }))) return undefined;
  return page(prisma, { workspaceId, contactId }, query);
}

/** One node visit of a contact's run, in the order taken. */
export interface EnrollmentStep {
  nodeId: string;
  visit: number;
  step: number;
  status: string;
  /** The branch taken or the action's result: "yes", "timeout", "sent", "skipped". */
  outcome: string | null;
  /** Why it was skipped or failed: "Marketing sms consent is withdrawn.", a Liquid error... */
  error: string | null;
  enteredAt: Date;
  completedAt: Date | null;
}

/** One enrollment with the path its contact took; undefined when the workspace has no such enrollment in this journey. */
export async function enrollmentWithSteps(
  prisma: Pick<PrismaClient, 'journeyEnrollment' | 'nodeExecution'>,
  workspaceId: string,
  journeyId: string,
  enrollmentId: string,
): Promise<{ enrollment: EnrollmentView; steps: EnrollmentStep[] } | undefined> {
  const row = await prisma.journeyEnrollment.findFirst({
    where: { id: enrollmentId, journeyId, workspaceId },
    include: { journey: { select: { name: true } }, journeyVersion: { select: { version: true } } },
  });
  if (!row) return undefined;
  const steps = await prisma.nodeExecution.findMany({
    where: { enrollmentId, workspaceId },
    orderBy: [{ step: 'asc' }, { enteredAt: 'asc' }],
    select: { nodeId: true, visit: true, step: true, status: true, outcome: true, error: true, enteredAt: true, completedAt: true },
  });
  return { enrollment: viewOf(row), steps };
}

type EnrollmentRow = Prisma.JourneyEnrollmentGetPayload<{ include: { journey: { select: { name: true } }; journeyVersion: { select: { version: true } } } }>;

function viewOf(row: EnrollmentRow): EnrollmentView {
  return {
    id: row.id,
    journeyId: row.journeyId,
    journeyName: row.journey.name,
    version: row.journeyVersion.version,
    contactId: row.contactId,
    status: row.status,
    currentNodeId: row.currentNodeId,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    exitReason: row.exitReason,
  };
}

async function page(prisma: Db, scope: Prisma.JourneyEnrollmentWhereInput, query: EnrollmentQuery): Promise<EnrollmentPage> {
  const after = pageAfter(query.cursor);
  const rows = await prisma.journeyEnrollment.findMany({
    where: { ...scope, ...(query.status && { status: query.status }), ...(after !== undefined && { id: { gt: after } }) },
    orderBy: { id: 'asc' },
    take: query.limit + 1,
    include: { journey: { select: { name: true } }, journeyVersion: { select: { version: true } } },
  });
  const { items, nextCursor } = pageOf(rows, query.limit);
  return { enrollments: items.map(viewOf), nextCursor };
}
