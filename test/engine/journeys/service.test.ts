import type { Database } from '../../../engine/db';
import { LAST_USED_PRECISION_MS } from '../../../engine/journeys/api-keys';
import { authenticateApiKey, createApiKey, latestPublishedVersion, publishJourney, saveJourneyDraft } from '../../../engine/journeys';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { orderFollowUp } from '../journey/fixtures';
import { fixtureActions, workspaceWithKey } from './test-app';

describe.each(databaseKinds)('journeys service on %s', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  const actions = fixtureActions();
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('saves drafts into the open version and opens a new one after publishing; published versions never change', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const draft = orderFollowUp();
    const first = await saveJourneyDraft(prisma, workspaceId, draft);
    expect(first).toMatchObject({ version: 1, created: true });
    expect(await saveJourneyDraft(prisma, workspaceId, { ...draft, description: 'edited' })).toEqual({ journeyId: first.journeyId, version: 1, created: false });

    const published = await publishJourney(prisma, actions.catalog(), workspaceId, first.journeyId);
    expect(published).toMatchObject({ ok: true, version: 1, alreadyPublished: false });
    expect(await publishJourney(prisma, actions.catalog(), workspaceId, first.journeyId)).toMatchObject({ ok: true, version: 1, alreadyPublished: true });
    expect(await prisma.journey.findUniqueOrThrow({ where: { id: first.journeyId } })).toMatchObject({ status: 'active' });

    const renamedNode = { ...draft, nodes: draft.nodes.map((node) => (node.id === 'done' ? { ...node, label: 'The end' } : node)) };
    expect(await saveJourneyDraft(prisma, workspaceId, renamedNode)).toEqual({ journeyId: first.journeyId, version: 2, created: false });
    const v1 = await prisma.journeyVersion.findFirstOrThrow({ where: { journeyId: first.journeyId, version: 1 } });
    expect(JSON.stringify(v1.graph)).not.toContain('The end');
    // Version 2 is a draft: new entrants still get version 1.
    expect((await latestPublishedVersion(prisma, workspaceId, first.journeyId))?.version).toBe(1);
    await publishJourney(prisma, actions.catalog(), workspaceId, first.journeyId);
    const latest = await latestPublishedVersion(prisma, workspaceId, first.journeyId);
    expect(latest?.version).toBe(2);
    expect(latest?.plan.nodes.done?.label).toBe('The end');
  });

  it('does not recompile a version that is already published: it stays live even if the catalog changed', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const saved = await saveJourneyDraft(prisma, workspaceId, { ...orderFollowUp(), name: 'Catalog changed' });
    const first = await publishJourney(prisma, actions.catalog(), workspaceId, saved.journeyId);
    // The email and SMS actions are gone from the catalog: compiling again would fail.
    const again = await publishJourney(prisma, [], workspaceId, saved.journeyId);
    expect(again).toEqual({ ...first, alreadyPublished: true });
  });

  it('saves the same new journey twice at once into one journey and one version', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const draft = { ...orderFollowUp(), name: 'Concurrent' };
    const [a, b] = await Promise.all([saveJourneyDraft(prisma, workspaceId, draft), saveJourneyDraft(prisma, workspaceId, draft)]);
    expect(a.journeyId).toBe(b.journeyId);
    expect([a.version, b.version]).toEqual([1, 1]);
    expect(await prisma.journeyVersion.count({ where: { journeyId: a.journeyId } })).toBe(1);
  });

  it('refuses a stored plan that does not match the plan schema, naming where', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const saved = await saveJourneyDraft(prisma, workspaceId, { ...orderFollowUp(), name: 'Damaged' });
    await publishJourney(prisma, actions.catalog(), workspaceId, saved.journeyId);
    await prisma.journeyVersion.updateMany({ where: { journeyId: saved.journeyId }, data: { plan: { nodes: 'damaged' } } });
    await expect(latestPublishedVersion(prisma, workspaceId, saved.journeyId)).rejects.toThrow(/version 1 has a stored plan that does not match the plan schema \(.+\)/);
  });

  it('refuses to publish an invalid draft, with node-located issues, and writes nothing', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const draft = orderFollowUp();
    const broken = { ...draft, name: 'Broken', nodes: draft.nodes.map((node) => (node.id === 'email' ? { ...node, config: { actionId: 'email', actionVersion: 9, input: {} } } : node)) };
    const saved = await saveJourneyDraft(prisma, workspaceId, broken);
    const result = await publishJourney(prisma, actions.catalog(), workspaceId, saved.journeyId);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', issues: [expect.objectContaining({ nodeId: 'email', code: 'unknown_action' })] });
    expect(await prisma.journeyVersion.findFirstOrThrow({ where: { journeyId: saved.journeyId } })).toMatchObject({ plan: null, publishedAt: null });
    expect(await prisma.journey.findUniqueOrThrow({ where: { id: saved.journeyId } })).toMatchObject({ status: 'draft' });
  });

  it('scopes every lookup to the workspace', async () => {
    const { prisma } = database.db;
    const a = await workspaceWithKey(database.db);
    const b = await workspaceWithKey(database.db);
    const saved = await saveJourneyDraft(prisma, a.workspaceId, orderFollowUp());
    expect(await publishJourney(prisma, actions.catalog(), b.workspaceId, saved.journeyId)).toEqual({ ok: false, reason: 'not_found' });
    await publishJourney(prisma, actions.catalog(), a.workspaceId, saved.journeyId);
    expect(await latestPublishedVersion(prisma, b.workspaceId, saved.journeyId)).toBeUndefined();
    // The same name in another workspace is another journey.
    expect((await saveJourneyDraft(prisma, b.workspaceId, orderFollowUp())).journeyId).not.toBe(saved.journeyId);
  });

  it('stores API keys hashed, authenticates them, and ignores revoked ones', async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const created = await createApiKey(prisma, workspaceId, 'deploys');
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).not.toContain(created.key.slice(8));
    expect(await authenticateApiKey(prisma, created.key)).toEqual({ workspaceId, apiKeyId: created.id, scope: 'full' });
    expect(await authenticateApiKey(prisma, `${created.key}x`)).toBeUndefined();
    await prisma.apiKey.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
    expect(await authenticateApiKey(prisma, created.key)).toBeUndefined();
  });

  it("records a key's last use to the minute, writing it at most once a minute", async () => {
    const { prisma } = database.db;
    const { workspaceId } = await workspaceWithKey(database.db);
    const created = await createApiKey(prisma, workspaceId, 'shop');
    const lastUsed = async () => (await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
    const first = new Date('2026-12-04T10:00:00Z');
    await authenticateApiKey(prisma, created.key, first);
    expect(await lastUsed()).toEqual(first);
    await authenticateApiKey(prisma, created.key, new Date(first.getTime() + LAST_USED_PRECISION_MS - 1));
    expect(await lastUsed()).toEqual(first);
    const later = new Date(first.getTime() + LAST_USED_PRECISION_MS + 1);
    await authenticateApiKey(prisma, created.key, later);
    expect(await lastUsed()).toEqual(later);
  });
});
