import { loadCrmContext } from '../../../engine/crm/context';
import { saveSegment } from '../../../engine/crm/segments/store';
import { identify } from '../../../engine/ingest';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { newWorkspace, NOW, outboxOf } from './fixtures';

describe.each(databaseKinds)('identify (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
  });
  afterAll(() => database.dispose());
  const db = () => database.db;
  const prisma = () => database.db.prisma;
  const changesOf = async (workspaceId: string) => (await outboxOf(db(), workspaceId, 'contact.attribute_changed')).map((entry) => entry.payload);

  it('creates a contact with its profile and attributes, one change entry per field', async () => {
    const workspaceId = await newWorkspace(db());
    const result = await identify(prisma(), workspaceId, { email: 'Ada@Example.com', externalId: 'cust-1', firstName: ' Ada ', phone: '+44 20 7946 0958', timezone: 'Europe/London', attributes: { plan: 'free', seats: 3 } }, NOW);
    expect(result).toMatchObject({ created: true });
    expect([...result.changed].sort()).toEqual(['attributes.plan', 'attributes.seats', 'email', 'externalId', 'firstName', 'phone', 'timezone']);
    expect(await prisma().contact.findUniqueOrThrow({ where: { id: result.contactId } })).toMatchObject({
      workspaceId,
      email: 'ada@example.com',
      externalId: 'cust-1',
      firstName: 'Ada',
      phone: '+442079460958',
      timezone: 'Europe/London',
      attributes: { plan: 'free', seats: 3 },
    });
    expect(await changesOf(workspaceId)).toEqual(
      expect.arrayContaining([
        { contactId: result.contactId, field: 'email', from: null, to: 'ada@example.com' },
        { contactId: result.contactId, field: 'attributes.plan', from: null, to: 'free' },
      ]),
    );
    expect(await changesOf(workspaceId)).toHaveLength(7);
  });

  it('updates only what changed; the same call again changes and announces nothing', async () => {
    const workspaceId = await newWorkspace(db());
    const { contactId } = await identify(prisma(), workspaceId, { externalId: 'cust-2', attributes: { plan: 'free', beta: true } }, NOW);
    const before = (await outboxOf(db(), workspaceId)).length;
    const update = { externalId: 'cust-2', email: 'bob@example.com', attributes: { plan: 'pro', beta: null } };
    expect(await identify(prisma(), workspaceId, update, NOW)).toEqual({ contactId, created: false, changed: ['email', 'attributes.beta', 'attributes.plan'], awaitingConfirmation: [] });
    expect((await changesOf(workspaceId)).slice(-3)).toEqual([
      { contactId, field: 'email', from: null, to: 'bob@example.com' },
      { contactId, field: 'attributes.beta', from: true, to: null },
      { contactId, field: 'attributes.plan', from: 'free', to: 'pro' },
    ]);
    expect((await prisma().contact.findUniqueOrThrow({ where: { id: contactId } })).attributes).toEqual({ plan: 'pro' });
    const afterUpdate = (await outboxOf(db(), workspaceId)).length;
    expect(afterUpdate).toBeGreaterThan(before);
    expect(await identify(prisma(), workspaceId, update, NOW)).toEqual({ contactId, created: false, changed: [], awaitingConfirmation: [] });
    expect(await outboxOf(db(), workspaceId)).toHaveLength(afterUpdate);
    // Found by contactId, by email: the same contact.
    expect(await identify(prisma(), workspaceId, { contactId, lastName: 'Lee' }, NOW)).toMatchObject({ contactId, changed: ['lastName'] });
    expect(await identify(prisma(), workspaceId, { email: 'BOB@example.com', company: 'Acme' }, NOW)).toMatchObject({ contactId, changed: ['company'] });
  });

  it('moves the segments reading a changed attribute in the same call', async () => {
    const workspaceId = await newWorkspace(db());
    const { contactId } = await identify(prisma(), workspaceId, { email: 'cy@example.com', attributes: { plan: 'free' } }, NOW);
    const { id: segmentId } = await saveSegment(prisma(), await loadCrmContext(prisma(), workspaceId, NOW), {
      name: 'Pro plan',
      kind: 'dynamic',
      criteria: { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' },
    });
    await identify(prisma(), workspaceId, { email: 'cy@example.com', attributes: { plan: 'pro' } }, NOW);
    expect(await prisma().segmentMembership.findMany({ where: { segmentId }, select: { contactId: true } })).toEqual([{ contactId }]);
    expect(await outboxOf(db(), workspaceId, 'segment.entered')).toEqual([{ topic: 'segment.entered', payload: expect.objectContaining({ contactId, segmentId }) }]);
  });

  it('refuses, naming the field: a bad attribute name, time zone or phone, an email of another contact, a contact of another workspace', async () => {
    const [mine, theirs] = [await newWorkspace(db()), await newWorkspace(db())];
    await identify(prisma(), mine, { email: 'dee@example.com' }, NOW);
    const { contactId } = await identify(prisma(), mine, { externalId: 'cust-3' }, NOW);
    const their = await identify(prisma(), theirs, { email: 'eve@example.com' }, NOW);
    await expect(identify(prisma(), mine, { contactId, attributes: { 'not ok': 1 } }, NOW)).rejects.toMatchObject({ kind: 'invalid', field: 'attributes.not ok' });
    await expect(identify(prisma(), mine, { contactId, timezone: 'Mars/Olympus' }, NOW)).rejects.toMatchObject({ kind: 'invalid', field: 'timezone' });
    await expect(identify(prisma(), mine, { contactId, phone: '12' }, NOW)).rejects.toMatchObject({ kind: 'invalid', field: 'phone' });
    // The contacts API's rules (engine/contacts/normalise.ts): a blank name is refused, not stored empty.
    await expect(identify(prisma(), mine, { contactId, lastName: '   ' }, NOW)).rejects.toMatchObject({ kind: 'invalid', field: 'lastName', detail: 'must not be blank' });
    await expect(identify(prisma(), mine, { contactId, locale: 'not a locale!' }, NOW)).rejects.toMatchObject({ kind: 'invalid', field: 'locale' });
    await expect(identify(prisma(), mine, { externalId: 'cust-3', email: 'dee@example.com' }, NOW)).rejects.toMatchObject({ kind: 'conflict', field: 'email' });
    await expect(identify(prisma(), mine, { contactId: their.contactId, firstName: 'Mallory' }, NOW)).rejects.toMatchObject({ kind: 'not_found', field: 'contactId' });
    // By email, the key's workspace gets (or keeps) its own contact; the other one is untouched.
    const own = await identify(prisma(), mine, { email: 'eve@example.com', firstName: 'Eve' }, NOW);
    expect(own).toMatchObject({ created: true });
    expect(own.contactId).not.toBe(their.contactId);
    expect(await prisma().contact.findUniqueOrThrow({ where: { id: their.contactId } })).toMatchObject({ workspaceId: theirs, firstName: null });
  });
});
