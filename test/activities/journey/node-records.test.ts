import { finishEnrollment } from '../../../activities/journey/enrollment';
import { recordNodes } from '../../../activities/journey/node-records';
import type { NodeVisit } from '../../../activities/journey/types';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { enrolledContact } from './fixture';

// Lean runs write their node visits in batches: before the run rests, and with the enrollment's
// end. A batch may hold a visit twice (entered, then completed); a retried write changes nothing.
describe.each(databaseKinds)('batched node visits (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    db = database.db;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const enrollment = async () => {
    const { workspaceId, enrollmentId, journeyVersionId } = await enrolledContact(db, 'visits');
    return { workspaceId, enrollmentId, journeyVersionId };
  };
  const at = Date.parse('2026-12-04T10:00:00.000Z');
  const visits = (): NodeVisit[] => [
    { nodeId: 'start', visit: 1, step: 1, status: 'completed', enteredAt: at, completedAt: at, outcome: 'next' },
    { nodeId: 'email', visit: 1, step: 2, status: 'entered', enteredAt: at + 1 },
    { nodeId: 'email', visit: 1, step: 2, status: 'completed', enteredAt: at + 1, completedAt: at + 250, outcome: 'sent' },
    { nodeId: 'pause', visit: 1, step: 3, status: 'entered', enteredAt: at + 251 },
  ];
  const rows = (enrollmentId: string) =>
    db.prisma.nodeExecution.findMany({ where: { enrollmentId }, orderBy: { step: 'asc' }, select: { nodeId: true, visit: true, step: true, status: true, outcome: true, enteredAt: true, completedAt: true } });

  it('writes one row per visit, the latest record of each, and moves the current node to the last', async () => {
    const run = await enrollment();
    await recordNodes(db.prisma, { ...run, visits: visits() });
    await recordNodes(db.prisma, { ...run, visits: visits() });
    expect(await rows(run.enrollmentId)).toEqual([
      { nodeId: 'start', visit: 1, step: 1, status: 'completed', outcome: 'next', enteredAt: new Date(at), completedAt: new Date(at) },
      { nodeId: 'email', visit: 1, step: 2, status: 'completed', outcome: 'sent', enteredAt: new Date(at + 1), completedAt: new Date(at + 250) },
      { nodeId: 'pause', visit: 1, step: 3, status: 'entered', outcome: null, enteredAt: new Date(at + 251), completedAt: null },
    ]);
    expect(await db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: run.enrollmentId }, select: { currentNodeId: true } })).toEqual({ currentNodeId: 'pause' });
  });

  it('ends the enrollment together with its last visits, and leaves another workspace alone', async () => {
    const run = await enrollment();
    const other = await enrollment();
    await recordNodes(db.prisma, { ...run, visits: visits().slice(0, 2) });
    const last: NodeVisit[] = [
      { nodeId: 'email', visit: 1, step: 2, status: 'failed', enteredAt: at + 1, completedAt: at + 900, outcome: 'failed', error: 'the address bounced' },
      { nodeId: 'done', visit: 1, step: 3, status: 'completed', enteredAt: at + 901, completedAt: at + 901, outcome: 'completed' },
    ];
    const ending = { workspaceId: run.workspaceId, enrollmentId: run.enrollmentId, status: 'completed' as const, endedAt: at + 902, visits: last, journeyVersionId: run.journeyVersionId };
    await finishEnrollment(db.prisma, ending);
    await finishEnrollment(db.prisma, ending);
    expect((await rows(run.enrollmentId)).map((row) => [row.nodeId, row.status, row.outcome])).toEqual([
      ['start', 'completed', 'next'],
      ['email', 'failed', 'failed'],
      ['done', 'completed', 'completed'],
    ]);
    expect(await db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: run.enrollmentId }, select: { status: true, currentNodeId: true, endedAt: true } })).toEqual({
      status: 'completed',
      currentNodeId: null,
      endedAt: new Date(at + 902),
    });

    // The enrollment id of another workspace's run, named with this workspace: nothing changes there.
    await finishEnrollment(db.prisma, { ...ending, enrollmentId: other.enrollmentId, visits: [] });
    await recordNodes(db.prisma, { ...other, workspaceId: run.workspaceId, visits: visits() });
    expect(await db.prisma.journeyEnrollment.findUniqueOrThrow({ where: { id: other.enrollmentId }, select: { status: true, currentNodeId: true } })).toEqual({ status: 'running', currentNodeId: null });
    expect(await rows(other.enrollmentId)).toEqual([]);
  });
});
