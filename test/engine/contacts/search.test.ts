import { randomUUID } from 'node:crypto';
import { ContactInvalidError, deleteContact, findContact, searchContacts, type ContactSearch } from '../../../engine/contacts';
import { SegmentNotFoundError } from '../../../engine/crm/segments/static-members';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

describe.each(databaseKinds)('contact search, read and delete (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let workspaceId: string;
  let otherWorkspaceId: string;
  const ids: Record<string, string> = {};
  let segmentId: string;

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    const { prisma } = database.db;
    const workspace = async () => {
      const slug = `search-${randomUUID()}`;
      return (await prisma.workspace.create({ data: { name: slug, slug }, select: { id: true } })).id;
    };
    workspaceId = await workspace();
    otherWorkspaceId = await workspace();
    const seeds = [
      { name: 'ada', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical', tags: ['vip'], attributes: { plan: 'pro', seats: 3 }, lifecycleStage: 'loyal' as const },
      { name: 'bob', email: 'bob@example.com', firstName: 'Bob', lastName: 'Ada', tags: ['vip'], attributes: { plan: 'free', seats: 3 } },
      { name: 'cyd', email: 'cyd@example.org', firstName: 'Cyd', company: 'ADAPT Ltd', attributes: { plan: 'pro', seats: '3' } },
      { name: 'dee', email: 'dee_%@example.org', firstName: 'Dee', attributes: {} },
      ...Array.from({ length: 7 }, (_, index) => ({ name: `filler${index}`, email: `filler${index}@example.net`, attributes: {} })),
    ];
    for (const { name, ...data } of seeds) ids[name] = (await prisma.contact.create({ data: { workspaceId, ...data }, select: { id: true } })).id;
    ids.stranger = (await prisma.contact.create({ data: { workspaceId: otherWorkspaceId, email: 'ada@example.com', firstName: 'Ada', tags: ['vip'] }, select: { id: true } })).id;
    segmentId = (await prisma.segment.create({ data: { workspaceId, name: 'Hand-picked', kind: 'static' }, select: { id: true } })).id;
    await prisma.segmentMembership.createMany({ data: ['ada', 'cyd'].map((name) => ({ segmentId, contactId: ids[name] ?? '', workspaceId, source: 'api' })) });
  });
  afterAll(() => database.dispose());

  const prisma = () => database.db.prisma;
  const nameOf = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0] ?? id;
  const search = async (filters: Partial<ContactSearch>, inWorkspace = workspaceId) =>
    (await searchContacts(prisma(), inWorkspace, { limit: 50, ...filters })).contacts.map((contact) => nameOf(contact.id)).sort();

  it('filters by name, email or company prefix, case-insensitively, with no wildcards', async () => {
    expect(await search({ q: 'ADA' })).toEqual(['ada', 'bob', 'cyd']);
    expect(await search({ q: 'lovel' })).toEqual(['ada']);
    expect(await search({ q: 'dee_%' })).toEqual(['dee']);
    expect(await search({ q: '%' })).toEqual([]);
    expect(await search({ q: 'ada' }, otherWorkspaceId)).toEqual(['stranger']);
  });

  it('filters by segment, lifecycle stage, tag and attribute equality, combined with AND', async () => {
    expect(await search({ segmentId })).toEqual(['ada', 'cyd']);
    expect(await search({ lifecycleStage: 'loyal' })).toEqual(['ada']);
    expect(await search({ tag: 'vip' })).toEqual(['ada', 'bob']);
    expect(await search({ attributes: { plan: 'pro' } })).toEqual(['ada', 'cyd']);
    expect(await search({ attributes: { seats: 3 } })).toEqual(['ada', 'bob']);
    expect(await search({ attributes: { plan: 'pro', seats: 3 }, tag: 'vip', segmentId })).toEqual(['ada']);
    await expect(searchContacts(prisma(), otherWorkspaceId, { limit: 10, segmentId })).rejects.toBeInstanceOf(SegmentNotFoundError);
  });

  it('pages through every contact once, in id order, with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchContacts(prisma(), workspaceId, { limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.contacts.map((contact) => contact.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Object.entries(ids).filter(([name]) => name !== 'stranger').map(([, id]) => id).sort());
    await expect(searchContacts(prisma(), workspaceId, { limit: 4, cursor: 'not-a-cursor' })).rejects.toMatchObject({ field: 'cursor' });
    await expect(searchContacts(prisma(), workspaceId, { limit: 4, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ContactInvalidError);
  });

  it('reads a contact of the workspace only', async () => {
    expect((await findContact(prisma(), workspaceId, ids.ada ?? ''))?.email).toBe('ada@example.com');
    expect(await findContact(prisma(), otherWorkspaceId, ids.ada ?? '')).toBeUndefined();
  });

  it('deletes a contact with a segment.exited entry per membership, and only in its workspace', async () => {
    const cyd = ids.cyd ?? '';
    expect(await deleteContact(prisma(), otherWorkspaceId, cyd)).toBe(false);
    expect(await deleteContact(prisma(), workspaceId, cyd)).toBe(true);
    expect(await prisma().contact.count({ where: { id: cyd } })).toBe(0);
    expect(await prisma().segmentMembership.count({ where: { contactId: cyd } })).toBe(0);
    const exits = await prisma().outboxEntry.findMany({ where: { workspaceId, topic: 'segment.exited' }, select: { payload: true } });
    expect(exits.map((entry) => entry.payload)).toEqual([{ contactId: cyd, segmentId, source: 'contact_deleted' }]);
    expect(await deleteContact(prisma(), workspaceId, cyd)).toBe(false);
  });
});
