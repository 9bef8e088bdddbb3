import { randomUUID } from 'node:crypto';
import { ContactIdentityConflictError, ContactInvalidError, upsertContact, type ContactInput } from '../../../engine/contacts';
import { loadCrmContext } from '../../../engine/crm/context';
import { saveSegment } from '../../../engine/crm/segments/store';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

const NOW = new Date('2026-06-30T12:00:00Z');

describe.each(databaseKinds)('contact upsert (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
  });
  afterAll(() => database.dispose());

  const prisma = () => database.db.prisma;
  const newWorkspace = async () => {
    const slug = `contacts-${randomUUID()}`;
    return (await prisma().workspace.create({ data: { name: slug, slug }, select: { id: true } })).id;
  };
  const upsert = (workspaceId: string, input: ContactInput) => upsertContact(prisma(), workspaceId, input, NOW);
  /** The outbox of a workspace as `topic` + payload, oldest first, for the topics asked for. */
  const outbox = async (workspaceId: string, topics: string[]) =>
    (await prisma().outboxEntry.findMany({ where: { workspaceId, topic: { in: topics } }, orderBy: { id: 'asc' } })).map((entry) => ({ topic: entry.topic, payload: entry.payload }));
  const invalidField = async (work: Promise<unknown>): Promise<string> => {
    const error: unknown = await work.then(() => undefined, (thrown: unknown) => thrown);
    if (!(error instanceof ContactInvalidError)) throw new Error(`expected a ContactInvalidError, got ${String(error)}`);
    return error.field;
  };

  it('creates a contact with normalised values and one attribute_changed entry per field it set', async () => {
    const workspaceId = await newWorkspace();
    const result = await upsert(workspaceId, {
      email: 'Ada@Example.COM',
      phone: '+44 (20) 7946-0958',
      firstName: ' Ada ',
      timezone: 'Europe/London',
      locale: 'en-gb',
      tags: ['vip', 'beta', 'vip'],
      attributes: { plan: 'pro', seats: 3 },
    });
    expect(result.created).toBe(true);
    expect(result.contact).toMatchObject({ email: 'ada@example.com', phone: '+442079460958', firstName: 'Ada', timezone: 'Europe/London', locale: 'en-GB', tags: ['beta', 'vip'], attributes: { plan: 'pro', seats: 3 } });
    expect(result.changed.sort()).toEqual(['attributes.plan', 'attributes.seats', 'email', 'firstName', 'locale', 'phone', 'tags', 'timezone', 'type'].sort());
    const changes = await outbox(workspaceId, ['contact.attribute_changed']);
    expect(changes).toHaveLength(9);
    expect(changes).toContainEqual({ topic: 'contact.attribute_changed', payload: { contactId: result.contact.id, field: 'email', from: null, to: 'ada@example.com' } });
    expect(changes).toContainEqual({ topic: 'contact.attribute_changed', payload: { contactId: result.contact.id, field: 'attributes.plan', from: null, to: 'pro' } });
    // The new contact went through the change path: it was scored.
    expect(await prisma().engagementScore.count({ where: { contactId: result.contact.id } })).toBe(1);
  });

  it('updates by external id: fields replace, attributes merge, null removes, an unchanged upsert writes nothing', async () => {
    const workspaceId = await newWorkspace();
    const first = await upsert(workspaceId, { externalId: 'shop-1', firstName: 'Bob', attributes: { plan: 'free', seats: 1, color: 'blue' } });
    const second = await upsert(workspaceId, { externalId: 'shop-1', email: 'bob@example.com', attributes: { plan: 'pro', color: null } });
    expect(second.created).toBe(false);
    expect(second.contact.id).toBe(first.contact.id);
    expect(second.contact).toMatchObject({ firstName: 'Bob', email: 'bob@example.com', attributes: { plan: 'pro', seats: 1 } });
    expect(second.changed).toEqual(['email', 'attributes.color', 'attributes.plan']);
    const changes = await outbox(workspaceId, ['contact.attribute_changed']);
    expect(changes.slice(-3).map((entry) => entry.payload)).toEqual([
      { contactId: first.contact.id, field: 'email', from: null, to: 'bob@example.com' },
      { contactId: first.contact.id, field: 'attributes.color', from: 'blue', to: null },
      { contactId: first.contact.id, field: 'attributes.plan', from: 'free', to: 'pro' },
    ]);
    // Found by email now too; the same values again change nothing.
    const again = await upsert(workspaceId, { email: 'BOB@example.com', attributes: { plan: 'pro' } });
    expect(again).toMatchObject({ created: false, changed: [] });
    expect(await outbox(workspaceId, ['contact.attribute_changed'])).toHaveLength(changes.length);
  });

  it('refuses an external id and an email that belong to two different contacts, naming both', async () => {
    const workspaceId = await newWorkspace();
    const byExternalId = await upsert(workspaceId, { externalId: 'x-1' });
    const byEmail = await upsert(workspaceId, { email: 'cyd@example.com' });
    const error: unknown = await upsert(workspaceId, { externalId: 'x-1', email: 'cyd@example.com' }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ContactIdentityConflictError);
    expect(error).toMatchObject({ byExternalId: byExternalId.contact.id, byEmail: byEmail.contact.id });
    expect(String(error)).toContain(byExternalId.contact.id);
    expect(String(error)).toContain(byEmail.contact.id);
  });

  it('names the field of every invalid value', async () => {
    const workspaceId = await newWorkspace();
    expect(await invalidField(upsert(workspaceId, { firstName: 'Nobody' }))).toBe('externalId');
    expect(await invalidField(upsert(workspaceId, { email: 'not-an-email' }))).toBe('email');
    expect(await invalidField(upsert(workspaceId, { email: 'dee@example.com', phone: '555-0100' }))).toBe('phone');
    expect(await invalidField(upsert(workspaceId, { email: 'dee@example.com', timezone: 'Mars/Olympus_Mons' }))).toBe('timezone');
    expect(await invalidField(upsert(workspaceId, { email: 'dee@example.com', timezone: '+02:00' }))).toBe('timezone');
    expect(await invalidField(upsert(workspaceId, { email: 'dee@example.com', locale: 'not a locale' }))).toBe('locale');
    expect(await invalidField(upsert(workspaceId, { email: 'dee@example.com', attributes: { 'bad key': 1 } }))).toBe('attributes.bad key');
    expect(await invalidField(upsert(workspaceId, { email: 'dee@example.com', tags: ['ok', ' '] }))).toBe('tags[1]');
    expect(await prisma().contact.count({ where: { workspaceId } })).toBe(0);
  });

  it('moves a dynamic segment that reads the changed attribute in the same call', async () => {
    const workspaceId = await newWorkspace();
    const context = await loadCrmContext(prisma(), workspaceId, NOW);
    const contact = await upsert(workspaceId, { email: 'eve@example.com', attributes: { plan: 'free' } });
    const pro = await saveSegment(prisma(), context, { name: 'Pro plan', kind: 'dynamic', criteria: { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' } });
    expect(pro.diff.entered).toEqual([]);

    await upsert(workspaceId, { email: 'eve@example.com', attributes: { plan: 'pro' } });
    const entered = { contactId: contact.contact.id, segmentId: pro.id, source: 'evaluation' };
    expect(await outbox(workspaceId, ['segment.entered', 'segment.exited'])).toEqual([{ topic: 'segment.entered', payload: entered }]);
    expect(await prisma().segmentMembership.count({ where: { segmentId: pro.id, contactId: contact.contact.id } })).toBe(1);

    await upsert(workspaceId, { email: 'eve@example.com', attributes: { plan: null } });
    expect(await outbox(workspaceId, ['segment.entered', 'segment.exited'])).toEqual([
      { topic: 'segment.entered', payload: entered },
      { topic: 'segment.exited', payload: entered },
    ]);
  });

  it('checks a new contact against every dynamic segment, even those reading fields it did not set', async () => {
    const workspaceId = await newWorkspace();
    const context = await loadCrmContext(prisma(), workspaceId, NOW);
    const noPhone = await saveSegment(prisma(), context, { name: 'No phone', kind: 'dynamic', criteria: { type: 'attribute', field: 'phone', operator: 'not_exists' } });
    const created = await upsert(workspaceId, { email: 'fay@example.com' });
    expect(await prisma().segmentMembership.findMany({ where: { segmentId: noPhone.id }, select: { contactId: true } })).toEqual([{ contactId: created.contact.id }]);
  });

  it('creates one contact when the same person is upserted twice at once', async () => {
    const workspaceId = await newWorkspace();
    const results = await Promise.all([upsert(workspaceId, { email: 'gus@example.com', firstName: 'Gus' }), upsert(workspaceId, { email: 'gus@example.com', lastName: 'Grissom' })]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await prisma().contact.findMany({ where: { workspaceId }, select: { firstName: true, lastName: true } })).toEqual([{ firstName: 'Gus', lastName: 'Grissom' }]);
  });
});
