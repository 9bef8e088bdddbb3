import type { Database } from '../../../engine/db';
import { createJourney, saveDraftAtRevision, saveJourneyDraft } from '../../../engine/journeys/drafts';
import { publishJourney } from '../../../engine/journeys';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { orderFollowUp } from '../journey/fixtures';
import { fixtureActions, workspaceWithKey } from './test-app';

/** Draft revisions: every save moves the revision on; a save by id checks it atomically. */
describe.each(databaseKinds)('draft revisions on %s', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const draft = (name: string, description?: string) => ({ ...orderFollowUp(), name, ...(description !== undefined && { description }) });
  const revisionOf = async (journeyId: string) => (await database.db.prisma.journey.findUniqueOrThrow({ where: { id: journeyId } })).draftRevision;
  const graphOf = async (journeyId: string, version: number) => (await database.db.prisma.journeyVersion.findFirstOrThrow({ where: { journeyId, version } })).graph;

  it('of many saves from the same revision at once, exactly one is written; the others learn the new revision', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const created = await createJourney(prisma, workspaceId, draft('Raced'));
    if (!created.ok) throw new Error('not created');
    const results = await Promise.all(Array.from({ length: 8 }, (_, index) => saveDraftAtRevision(prisma, workspaceId, created.journeyId, draft('Raced', `save ${index}`), 1)));
    const won = results.flatMap((result, index) => (result.ok ? [index] : []));
    expect(won).toHaveLength(1);
    for (const result of results) if (!result.ok) expect(result).toEqual({ ok: false, reason: 'stale', revision: 2, changedAt: expect.any(Date) });
    expect(await revisionOf(created.journeyId)).toBe(2);
    expect(await graphOf(created.journeyId, 1)).toMatchObject({ description: `save ${won[0]}` });
    expect(await prisma.journeyVersion.count({ where: { journeyId: created.journeyId } })).toBe(1);
  });

  it('saves in sequence, each from the revision the last one returned, across a publish', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const created = await createJourney(prisma, workspaceId, draft('Sequence'));
    if (!created.ok) throw new Error('not created');
    let revision = created.revision;
    for (const description of ['a', 'b']) {
      const saved = await saveDraftAtRevision(prisma, workspaceId, created.journeyId, draft('Sequence', description), revision);
      if (!saved.ok) throw new Error(`refused: ${saved.reason}`);
      expect(saved).toMatchObject({ version: 1, revision: revision + 1 });
      revision = saved.revision;
    }
    expect((await publishJourney(prisma, fixtureActions().catalog(), workspaceId, created.journeyId)).ok).toBe(true);
    expect(await saveDraftAtRevision(prisma, workspaceId, created.journeyId, draft('Sequence', 'c'), revision)).toMatchObject({ ok: true, version: 2, revision: revision + 1 });
    expect(await graphOf(created.journeyId, 1)).toMatchObject({ description: 'b' });
  });

  it('creates a name once when two creates race, and scopes everything to the workspace', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const other = await workspaceWithKey(database.db);
    const results = await Promise.all([createJourney(prisma, workspaceId, draft('Twice')), createJourney(prisma, workspaceId, draft('Twice'))]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: 'name_taken' }]);
    const mine = results.find((result) => result.ok);
    if (!mine?.ok) throw new Error('not created');
    expect(await saveDraftAtRevision(prisma, other.workspaceId, mine.journeyId, draft('Hijacked'), 1)).toEqual({ ok: false, reason: 'not_found' });
    expect(await revisionOf(mine.journeyId)).toBe(1);
    expect((await createJourney(prisma, other.workspaceId, draft('Twice'))).ok).toBe(true);
  });

  it('moves the revision on with every save by name, the first one included', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const first = await saveJourneyDraft(prisma, workspaceId, draft('By name'));
    expect(await revisionOf(first.journeyId)).toBe(1);
    await saveJourneyDraft(prisma, workspaceId, draft('By name', 'again'));
    await saveJourneyDraft(prisma, workspaceId, draft('By name', 'and again'));
    expect(await revisionOf(first.journeyId)).toBe(3);
    expect(await saveDraftAtRevision(prisma, workspaceId, first.journeyId, draft('By name'), 1)).toMatchObject({ ok: false, reason: 'stale', revision: 3 });
  });

  it('refuses a rename to a taken name, and keeps the revision', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    await createJourney(prisma, workspaceId, draft('Occupied'));
    const created = await createJourney(prisma, workspaceId, draft('Mover'));
    if (!created.ok) throw new Error('not created');
    expect(await saveDraftAtRevision(prisma, workspaceId, created.journeyId, draft('Occupied'), 1)).toEqual({ ok: false, reason: 'name_taken' });
    expect(await revisionOf(created.journeyId)).toBe(1);
    // A stale revision is reported before the name: nothing was about to be written.
    expect(await saveDraftAtRevision(prisma, workspaceId, created.journeyId, draft('Occupied'), 7)).toMatchObject({ ok: false, reason: 'stale', revision: 1 });
  });
});
