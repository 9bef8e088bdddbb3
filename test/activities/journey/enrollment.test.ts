import { randomUUID } from 'node:crypto';
import { beginEnrollment } from '../../../activities/journey/enrollment';
import type { BeginEnrollmentInput } from '../../../activities/journey/types';
import type { Database } from '../../../engine/db';
import { changeJourneyStatus } from '../../../engine/journeys/status';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

describe.each(databaseKinds)('beginEnrollment and the journey status (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    db = database.db;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const fixture = async () => {
    const slug = `entry-${randomUUID().slice(0, 8)}`;
    const workspace = await db.prisma.workspace.create({ data: { name: slug, slug } });
    const contact = await db.prisma.contact.create({ data: { workspaceId: workspace.id, email: `${slug}@example.com` } });
    const journey = await db.prisma.journey.create({ data: { workspaceId: workspace.id, name: 'Welcome', status: 'active' } });
    const version = await db.prisma.journeyVersion.create({ data: { workspaceId: workspace.id, journeyId: journey.id, version: 1, graph: {}, plan: {}, publishedAt: new Date() } });
    const input = (): BeginEnrollmentInput => ({
      workspaceId: workspace.id,
      journeyId: journey.id,
      journeyVersionId: version.id,
      contactId: contact.id,
      workflowId: `journey-${journey.id}-${contact.id}`,
      runId: randomUUID(),
      settings: { reentry: { mode: 'always' }, exitCriteria: [] },
      now: Date.now(),
    });
    return { workspaceId: workspace.id, journeyId: journey.id, input };
  };

  it('refuses entry while the journey is paused or archived, and admits it when active', async () => {
    const { workspaceId, journeyId, input } = await fixture();
    expect(await changeJourneyStatus(db.prisma, workspaceId, journeyId, 'pause')).toEqual({ ok: true, status: 'paused', changed: true });
    expect(await beginEnrollment(db.prisma, input())).toEqual({ entered: false, reason: 'journey_not_active' });
    expect(await changeJourneyStatus(db.prisma, workspaceId, journeyId, 'resume')).toEqual({ ok: true, status: 'active', changed: true });
    expect(await beginEnrollment(db.prisma, input())).toEqual({ entered: true, enrollmentId: expect.any(String) });
    expect(await changeJourneyStatus(db.prisma, workspaceId, journeyId, 'archive')).toEqual({ ok: true, status: 'archived', changed: true });
    expect(await beginEnrollment(db.prisma, input())).toEqual({ entered: false, reason: 'journey_not_active' });
    expect(await db.prisma.journeyEnrollment.count({ where: { journeyId } })).toBe(1);
  });

  it("refuses a run that names another workspace's journey", async () => {
    const mine = await fixture();
    const theirs = await fixture();
    expect(await beginEnrollment(db.prisma, { ...mine.input(), journeyId: theirs.journeyId })).toEqual({ entered: false, reason: 'journey_not_active' });
  });

  it('a status change is refused (409 material) from a status it cannot leave, and is scoped to the workspace', async () => {
    const { workspaceId, journeyId } = await fixture();
    const other = await fixture();
    expect(await changeJourneyStatus(db.prisma, other.workspaceId, journeyId, 'pause')).toEqual({ ok: false, reason: 'not_found' });
    expect(await changeJourneyStatus(db.prisma, workspaceId, journeyId, 'archive')).toMatchObject({ ok: true, status: 'archived' });
    expect(await changeJourneyStatus(db.prisma, workspaceId, journeyId, 'resume')).toEqual({ ok: false, reason: 'conflict', status: 'archived' });
  });
});
