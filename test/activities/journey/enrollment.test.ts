import { randomUUID } from 'node:crypto';
import { beginEnrollment } from '../../../activities/journey/enrollment';
import type { BeginEnrollmentInput } from '../../../activities/journey/types';
import type { Database } from '../../../engine/db';
import { changeJourneyStatus } from '../../../engine/journeys/status';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { publishedJourney } from './fixture';

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
    const { workspaceId, contactId, journeyId, journeyVersionId } = await publishedJourney(db, 'entry');
    const input = (): BeginEnrollmentInput => ({
      workspaceId,
      journeyId,
      journeyVersionId,
      contactId,
      workflowId: `journey-${journeyId}-${contactId}`,
      runId: randomUUID(),
      settings: { reentry: { mode: 'always' }, exitCriteria: [] },
      now: Date.now(),
    });
    return { workspaceId, journeyId, input };
  };

  it('refuses entry while the journey is paused or archived, and admits it when active', async () => {
    const { workspaceId, journeyId, input } = await fixture();
    expect(await changeJourneyStatus(db.prisma, workspaceId, journeyId, 'pause')).toEqual({ ok: true, status: 'paused', changed: true, from: 'active' });
    expect(await beginEnrollment(db.prisma, input())).toEqual({ entered: false, reason: 'journey_not_active' });
    expect(await changeJourneyStatus(db.prisma, workspaceId, journeyId, 'resume')).toEqual({ ok: true, status: 'active', changed: true, from: 'paused' });
    expect(await beginEnrollment(db.prisma, input())).toEqual({ entered: true, enrollmentId: expect.any(String) });
    expect(await changeJourneyStatus(db.prisma, workspaceId, journeyId, 'archive')).toEqual({ ok: true, status: 'archived', changed: true, from: 'active' });
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

  describe('under concurrent entries', () => {
    const contactsOf = async (workspaceId: string, count: number) =>
      Promise.all(Array.from({ length: count }, async (_, index) => (await db.prisma.contact.create({ data: { workspaceId, email: `c${index}-${randomUUID().slice(0, 8)}@example.com` } })).id));

    it('admits exactly the entry limit, however many contacts arrive at once', async () => {
      const { workspaceId, journeyId, input } = await fixture();
      const contacts = await contactsOf(workspaceId, 12);
      const results = await Promise.all(
        contacts.map((contactId) => {
          const base = input();
          return beginEnrollment(db.prisma, { ...base, contactId, workflowId: `journey-${journeyId}-${contactId}`, settings: { ...base.settings, entryLimit: 5 } });
        }),
      );
      expect(results.filter((result) => result.entered)).toHaveLength(5);
      expect(results.filter((result) => !result.entered && result.reason === 'entry_limit')).toHaveLength(7);
      expect(await db.prisma.journeyEnrollment.count({ where: { journeyId } })).toBe(5);
    });

    it('admits one run of a contact that enters several times at once, and every other contact', async () => {
      const { workspaceId, journeyId, input } = await fixture();
      const others = await contactsOf(workspaceId, 6);
      const same = Array.from({ length: 6 }, () => beginEnrollment(db.prisma, input()));
      const different = others.map((contactId) => beginEnrollment(db.prisma, { ...input(), contactId, workflowId: `journey-${journeyId}-${contactId}` }));
      const [sameResults, differentResults] = await Promise.all([Promise.all(same), Promise.all(different)]);
      expect(sameResults.filter((result) => result.entered)).toHaveLength(1);
      expect(sameResults.filter((result) => !result.entered && result.reason === 'already_active')).toHaveLength(5);
      expect(differentResults.every((result) => result.entered)).toBe(true);
      expect(await db.prisma.journeyEnrollment.count({ where: { journeyId } })).toBe(7);
    });
  });
});
