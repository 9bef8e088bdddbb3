import { randomUUID } from 'node:crypto';
import { ContactInvalidError, ContactNotFoundError, mergeContacts } from '../../../engine/contacts';
import { loadCrmContext } from '../../../engine/crm/context';
import { saveSegment } from '../../../engine/crm/segments/store';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

const NOW = new Date('2026-06-30T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe.each(databaseKinds)('contact merge (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
  });
  afterAll(() => database.dispose());

  const prisma = () => database.db.prisma;

  /** Two records of one person, each with something in every table that points at a contact. */
  async function duplicates() {
    const db = prisma();
    const slug = `merge-${randomUUID()}`;
    const workspaceId = (await db.workspace.create({ data: { name: slug, slug }, select: { id: true } })).id;
    const context = await loadCrmContext(db, workspaceId, NOW);
    const survivor = await db.contact.create({ data: { workspaceId, email: 'ada@example.com', firstName: 'Ada', tags: ['a', 'shared'], attributes: { plan: 'pro', color: 'red' } } });
    const duplicate = await db.contact.create({
      data: { workspaceId, externalId: 'shop-9', email: 'ada.work@example.com', firstName: 'Augusta', lastName: 'Lovelace', phone: '+14155550100', tags: ['b', 'shared'], attributes: { plan: 'free', size: 'L' }, doNotContact: true, lastSeenAt: at('2026-06-01T00:00:00Z') },
    });
    const both = [survivor.id, duplicate.id];
    const contactId = duplicate.id;

    const onlyDuplicate = (await db.segment.create({ data: { workspaceId, name: 'Imported', kind: 'static' } })).id;
    const shared = (await db.segment.create({ data: { workspaceId, name: 'Hand-picked', kind: 'static' } })).id;
    await db.segmentMembership.createMany({ data: [{ segmentId: onlyDuplicate, contactId, workspaceId, source: 'import' }, ...both.map((id) => ({ segmentId: shared, contactId: id, workspaceId, source: 'api' }))] });
    const tagB = await saveSegment(db, context, { name: 'Tag b', kind: 'dynamic', criteria: { type: 'tag', operator: 'has', tag: 'b' } });

    await db.event.createMany({ data: [1, 2].map((n) => ({ workspaceId, contactId, name: 'Viewed Product', messageId: `m-${n}`, occurredAt: at(`2026-06-0${n}T10:00:00Z`) })) });
    await db.order.create({ data: { workspaceId, contactId, status: 'paid', currency: 'USD', amount: 40, placedAt: at('2026-06-10T10:00:00Z') } });
    await db.consent.createMany({
      data: [
        { workspaceId, contactId: survivor.id, channel: 'email', messageType: 'marketing', status: 'granted', source: 'signup_form', updatedAt: at('2026-01-01T00:00:00Z') },
        { workspaceId, contactId, channel: 'email', messageType: 'marketing', status: 'withdrawn', source: 'unsubscribe_link', updatedAt: at('2026-05-01T00:00:00Z') },
        { workspaceId, contactId: survivor.id, channel: 'email', messageType: 'transactional', status: 'granted', source: 'checkout', updatedAt: at('2026-05-01T00:00:00Z') },
        { workspaceId, contactId, channel: 'email', messageType: 'transactional', status: 'withdrawn', source: 'support', updatedAt: at('2026-02-01T00:00:00Z') },
        { workspaceId, contactId, channel: 'sms', messageType: 'marketing', status: 'granted', source: 'pos', updatedAt: at('2026-03-01T00:00:00Z') },
      ],
    });
    await db.consentEvent.create({ data: { workspaceId, contactId, channel: 'email', messageType: 'marketing', status: 'withdrawn', source: 'unsubscribe_link', occurredAt: at('2026-05-01T00:00:00Z') } });
    // Topic choices: the more recent one wins where both chose; the duplicate's own one moves.
    const newsletter = await db.subscriptionTopic.create({ data: { workspaceId, key: `news-${randomUUID().slice(0, 8)}`, name: 'News', channel: 'email' } });
    const offers = await db.subscriptionTopic.create({ data: { workspaceId, key: `offers-${randomUUID().slice(0, 8)}`, name: 'Offers', channel: 'email' } });
    await db.topicSubscription.createMany({
      data: [
        { workspaceId, contactId: survivor.id, topicId: newsletter.id, status: 'granted', source: 'api', updatedAt: at('2026-01-01T00:00:00Z') },
        { workspaceId, contactId, topicId: newsletter.id, status: 'withdrawn', source: 'preference_center', updatedAt: at('2026-04-01T00:00:00Z') },
        { workspaceId, contactId, topicId: offers.id, status: 'granted', source: 'api', updatedAt: at('2026-04-01T00:00:00Z') },
      ],
    });
    await db.communication.create({ data: { workspaceId, contactId, channel: 'email', status: 'sent', idempotencyKey: `send-${randomUUID()}` } });
    await db.scoreAdjustment.create({ data: { workspaceId, contactId, model: 'lead', delta: 10, reason: 'webinar', source: 'api', idempotencyKey: `adj-${randomUUID()}` } });
    await db.engagementScore.create({ data: { workspaceId, contactId, score: 50, computedAt: NOW } });
    await db.lifecycleStageChange.create({ data: { workspaceId, contactId, fromStage: 'prospect', toStage: 'new_customer', reason: 'first order', source: 'scoring' } });
    await db.journeyStageChange.create({ data: { workspaceId, contactId, fromStage: 'awareness', toStage: 'purchase', reason: 'first order', source: 'scoring' } });
    await db.segmentMembershipChange.create({ data: { workspaceId, segmentId: onlyDuplicate, contactId, change: 'entered', source: 'import' } });
    const journey = await db.journey.create({ data: { workspaceId, name: `Welcome ${randomUUID()}` } });
    const version = await db.journeyVersion.create({ data: { workspaceId, journeyId: journey.id, version: 1, graph: {} } });
    await db.journeyEnrollment.create({ data: { workspaceId, journeyId: journey.id, journeyVersionId: version.id, contactId, workflowId: `journey-${contactId}`, runId: randomUUID(), status: 'completed' } });

    // Loyalty: both in "Club" (the duplicate in a higher tier, with a redemption), only the duplicate in "Partners".
    const club = await db.loyaltyProgram.create({ data: { workspaceId, name: 'Club' } });
    const silver = await db.loyaltyTier.create({ data: { programId: club.id, name: 'Silver', rank: 1 } });
    const gold = await db.loyaltyTier.create({ data: { programId: club.id, name: 'Gold', rank: 2 } });
    const partners = await db.loyaltyProgram.create({ data: { workspaceId, name: 'Partners' } });
    const keptAccount = await db.loyaltyAccount.create({ data: { workspaceId, programId: club.id, contactId: survivor.id, tierId: silver.id, balance: 100, lifetimePoints: 100 } });
    await db.loyaltyTransaction.create({ data: { workspaceId, accountId: keptAccount.id, type: 'earned', points: 100, balanceAfter: 100, remaining: 100, idempotencyKey: `k-${randomUUID()}` } });
    const absorbedAccount = await db.loyaltyAccount.create({ data: { workspaceId, programId: club.id, contactId, tierId: gold.id, balance: 50, lifetimePoints: 80 } });
    await db.loyaltyTransaction.create({ data: { workspaceId, accountId: absorbedAccount.id, type: 'earned', points: 80, balanceAfter: 80, remaining: 50, idempotencyKey: `k-${randomUUID()}` } });
    const redeemed = await db.loyaltyTransaction.create({ data: { workspaceId, accountId: absorbedAccount.id, type: 'redeemed', points: -30, balanceAfter: 50, idempotencyKey: `k-${randomUUID()}` } });
    const reward = await db.loyaltyReward.create({ data: { programId: club.id, name: 'Free coffee', costPoints: 30 } });
    await db.loyaltyRedemption.create({ data: { workspaceId, accountId: absorbedAccount.id, rewardId: reward.id, transactionId: redeemed.id } });
    const partnerAccount = await db.loyaltyAccount.create({ data: { workspaceId, programId: partners.id, contactId, balance: 7, lifetimePoints: 7 } });
    await db.loyaltyTransaction.create({ data: { workspaceId, accountId: partnerAccount.id, type: 'earned', points: 7, balanceAfter: 7, remaining: 7, idempotencyKey: `k-${randomUUID()}` } });

    return { workspaceId, survivor, duplicate, segments: { onlyDuplicate, shared, tagB: tagB.id }, club, gold, silver, partners };
  }

  it('moves everything onto the survivor, fills its profile, and leaves nothing pointing at the duplicate', async () => {
    const world = await duplicates();
    const { workspaceId, survivor, duplicate } = world;
    const report = await mergeContacts(prisma(), workspaceId, survivor.id, duplicate.id, NOW);

    expect(report.moved).toEqual({ events: 2, orders: 1, consents: 2, consentEvents: 1, topicSubscriptions: 2, communications: 1, scoreAdjustments: 1, enrollments: 1, loyaltyAccounts: 1, loyaltyAccountsCombined: 1, staticSegments: 1 });
    expect((await prisma().topicSubscription.findMany({ where: { contactId: survivor.id }, include: { topic: true } })).map((choice) => [choice.topic.name, choice.status]).sort()).toEqual([
      ['News', 'withdrawn'],
      ['Offers', 'granted'],
    ]);
    expect(report.contact).toMatchObject({
      email: 'ada@example.com',
      externalId: 'shop-9',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+14155550100',
      tags: ['a', 'b', 'shared'],
      attributes: { plan: 'pro', color: 'red', size: 'L' },
      doNotContact: true,
      lastSeenAt: at('2026-06-01T00:00:00Z'),
    });
    expect(await prisma().contact.count({ where: { id: duplicate.id } })).toBe(0);

    // Every table with a contact_id column, found from the catalogue so a new table cannot be forgotten.
    const tables = await prisma().$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'contact_id' ORDER BY table_name`;
    expect(tables.length).toBeGreaterThanOrEqual(18);
    for (const { table_name } of tables) {
      const [row] = await prisma().$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${table_name}" WHERE contact_id = $1::uuid`, duplicate.id);
      expect({ table: table_name, rows: Number(row?.count) }).toEqual({ table: table_name, rows: 0 });
    }
  });

  it('keeps the most recent consent per channel and message type', async () => {
    const { workspaceId, survivor, duplicate } = await duplicates();
    await mergeContacts(prisma(), workspaceId, survivor.id, duplicate.id, NOW);
    const consents = await prisma().consent.findMany({ where: { contactId: survivor.id }, orderBy: [{ channel: 'asc' }, { messageType: 'asc' }], select: { channel: true, messageType: true, status: true, source: true } });
    expect(consents).toEqual([
      { channel: 'email', messageType: 'marketing', status: 'withdrawn', source: 'unsubscribe_link' },
      { channel: 'email', messageType: 'transactional', status: 'granted', source: 'checkout' },
      { channel: 'sms', messageType: 'marketing', status: 'granted', source: 'pos' },
    ]);
    expect(await prisma().consentEvent.count({ where: { contactId: survivor.id } })).toBe(1);
  });

  it('combines loyalty accounts without losing a point and keeps the higher tier', async () => {
    const { workspaceId, survivor, duplicate, club, gold, silver, partners } = await duplicates();
    await mergeContacts(prisma(), workspaceId, survivor.id, duplicate.id, NOW);
    const accounts = await prisma().loyaltyAccount.findMany({ where: { contactId: survivor.id }, include: { transactions: true, redemptions: true } });
    const clubAccount = accounts.find((account) => account.programId === club.id);
    expect(clubAccount).toMatchObject({ balance: 150, lifetimePoints: 180, tierId: gold.id });
    expect(clubAccount?.transactions.reduce((sum, row) => sum + row.points, 0)).toBe(150);
    expect(clubAccount?.redemptions).toHaveLength(1);
    expect(accounts.find((account) => account.programId === partners.id)).toMatchObject({ balance: 7 });
    expect(await prisma().loyaltyTierChange.findMany({ where: { accountId: clubAccount?.id }, select: { fromTierId: true, toTierId: true, reason: true } })).toEqual([{ fromTierId: silver.id, toTierId: gold.id, reason: 'contact_merged' }]);
    const tierEvents = await prisma().outboxEntry.findMany({ where: { workspaceId, topic: 'loyalty.tier_changed' }, select: { payload: true } });
    expect(tierEvents.map((entry) => entry.payload)).toEqual([{ contactId: survivor.id, programId: club.id, fromTierId: silver.id, toTierId: gold.id, reason: 'contact_merged' }]);
  });

  it('moves static memberships, re-evaluates dynamic ones, announces the duplicate’s exits and rescores the survivor', async () => {
    const { workspaceId, survivor, duplicate, segments } = await duplicates();
    const before = (await prisma().outboxEntry.aggregate({ where: { workspaceId }, _max: { id: true } }))._max.id ?? 0n;
    await mergeContacts(prisma(), workspaceId, survivor.id, duplicate.id, NOW);
    const members = await prisma().segmentMembership.findMany({ where: { contactId: survivor.id }, select: { segmentId: true } });
    expect(members.map((member) => member.segmentId).sort()).toEqual([segments.onlyDuplicate, segments.shared, segments.tagB].sort());
    const entries = await prisma().outboxEntry.findMany({ where: { workspaceId, id: { gt: before }, topic: { in: ['segment.entered', 'segment.exited'] } }, orderBy: { id: 'asc' } });
    const exits = [segments.onlyDuplicate, segments.shared, segments.tagB].sort().map((segmentId) => ({ topic: 'segment.exited', payload: { contactId: duplicate.id, segmentId, source: 'contact_merged' } }));
    expect(entries.map((entry) => ({ topic: entry.topic, payload: entry.payload }))).toEqual([
      ...exits,
      { topic: 'segment.entered', payload: { contactId: survivor.id, segmentId: segments.onlyDuplicate, source: 'contact_merged' } },
      { topic: 'segment.entered', payload: { contactId: survivor.id, segmentId: segments.tagB, source: 'evaluation' } },
    ]);
    const changed = await prisma().outboxEntry.findMany({ where: { workspaceId, topic: 'contact.attribute_changed', id: { gt: before } }, select: { payload: true } });
    expect(changed.map((entry) => entry.payload)).toContainEqual({ contactId: survivor.id, field: 'lastName', from: null, to: 'Lovelace' });
    // Rescored from the moved order: the survivor now has an RFM score counting it.
    expect(await prisma().rfmScore.findUnique({ where: { contactId: survivor.id }, select: { orderCount: true } })).toEqual({ orderCount: 1 });
  });

  it('refuses a contact of another workspace, an unknown one and a merge into itself', async () => {
    const first = await duplicates();
    const second = await duplicates();
    await expect(mergeContacts(prisma(), first.workspaceId, first.survivor.id, second.duplicate.id, NOW)).rejects.toBeInstanceOf(ContactNotFoundError);
    await expect(mergeContacts(prisma(), first.workspaceId, second.survivor.id, first.duplicate.id, NOW)).rejects.toBeInstanceOf(ContactNotFoundError);
    await expect(mergeContacts(prisma(), first.workspaceId, first.survivor.id, randomUUID(), NOW)).rejects.toBeInstanceOf(ContactNotFoundError);
    await expect(mergeContacts(prisma(), first.workspaceId, first.survivor.id, first.survivor.id, NOW)).rejects.toBeInstanceOf(ContactInvalidError);
    expect(await prisma().contact.count({ where: { id: { in: [first.duplicate.id, second.duplicate.id] } } })).toBe(2);
  });
});
