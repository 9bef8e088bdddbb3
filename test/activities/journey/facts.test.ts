import { loadFacts } from '../../../activities/journey/facts';
import { changeConsent, putTopic, type FlatDecision } from '../../../engine/consent';
import { loadCrmContext } from '../../../engine/crm/context';
import { scoreContacts } from '../../../engine/crm/scores/score-contacts';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

// What templates and actions read about a contact: the profile and every score the CRM
// computed (`contact.journeyStage`, `score.lead.qualification`, ...), consent and topics.
describe.each(databaseKinds)('journey facts on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  it('exposes the computed scores and stages, and nothing of another workspace', async () => {
    const { prisma } = db;
    const now = new Date('2026-06-30T12:00:00Z');
    const workspace = await prisma.workspace.create({ data: { name: 'Facts', slug: `facts-${kind}`, currency: 'EUR' } });
    const contact = await prisma.contact.create({ data: { workspaceId: workspace.id, email: 'ada@example.com', company: 'Roastery' } });
    for (const daysAgo of [40, 10]) {
      await prisma.order.create({ data: { workspaceId: workspace.id, contactId: contact.id, status: 'paid', currency: 'EUR', amount: 120, placedAt: new Date(now.getTime() - daysAgo * 86_400_000) } });
    }
    await scoreContacts(prisma, await loadCrmContext(prisma, workspace.id, now), [contact.id]);

    const facts = await loadFacts(prisma, workspace.id, contact.id);
    expect(facts?.contact).toMatchObject({ lifecycleStage: 'active', journeyStage: 'retention' });
    expect(facts?.score).toMatchObject({
      rfm: { recency: 5, frequency: 2, monetary: 1, orderCount: 2 },
      clv: { historicalValue: 240, orderCount: 2, currency: 'EUR' },
      lead: { qualification: expect.stringMatching(/^(none|mql|sql)$/), engagementScore: expect.any(Number) },
      churn_risk: { band: 'low' },
      health: { level: expect.stringMatching(/^(excellent|good|fair|poor|critical)$/) },
    });
    const other = await prisma.workspace.create({ data: { name: 'Other', slug: `other-${kind}` } });
    expect(await loadFacts(prisma, other.id, contact.id)).toBeUndefined();
  });

  it('reads the whole profile as templates see it: instants as ISO strings, tags, attributes, and no score before scoring', async () => {
    const { prisma } = db;
    const workspace = await prisma.workspace.create({ data: { name: 'Profile facts', slug: `profile-facts-${kind}` } });
    const contact = await prisma.contact.create({
      data: {
        workspaceId: workspace.id, externalId: 'c-1', email: 'cy@example.com', phone: '+15550001', firstName: 'Cy', lastName: 'Young', company: 'Kiln',
        source: 'import', timezone: 'Europe/Paris', locale: 'fr', preferredChannel: 'sms', doNotContact: true, tags: ['vip', 'beta'],
        attributes: { plan: 'pro', seats: 3, nested: { list: [1, 2] } }, createdAt: new Date('2026-01-02T03:04:05.678Z'), lastSeenAt: new Date('2026-06-29T10:11:12.345Z'),
      },
    });
    const event = { name: 'Signed Up', messageId: 'm-1', occurredAt: '2026-06-29T10:00:00.000Z', properties: { plan: 'pro' } };
    const facts = await loadFacts(prisma, workspace.id, contact.id, event);
    expect(facts?.contact).toStrictEqual({
      id: contact.id, externalId: 'c-1', email: 'cy@example.com', phone: '+15550001', firstName: 'Cy', lastName: 'Young', company: 'Kiln',
      type: 'retail', source: 'import', status: 'active', lifecycleStage: 'prospect', journeyStage: 'awareness', timezone: 'Europe/Paris', locale: 'fr',
      preferredChannel: 'sms', doNotContact: true, tags: ['vip', 'beta'], attributes: { plan: 'pro', seats: 3, nested: { list: [1, 2] } },
      createdAt: '2026-01-02T03:04:05.678Z', lastSeenAt: '2026-06-29T10:11:12.345Z',
    });
    expect(facts?.score).toStrictEqual({ rfm: null, clv: null, lead: null, churn_risk: null, engagement: null, health: null });
    expect(facts?.topics).toStrictEqual({});
    expect(facts?.event).toStrictEqual(event);
  });

  it('reads consent per channel and purpose, and topics as sending decides them', async () => {
    const { prisma } = db;
    const workspace = await prisma.workspace.create({ data: { name: 'Consent facts', slug: `consent-facts-${kind}` } });
    await putTopic(prisma, workspace.id, 'newsletter', { name: 'Newsletter', channel: 'email' });
    await putTopic(prisma, workspace.id, 'offers', { name: 'Offers', channel: 'email', defaultSubscribed: true });
    await putTopic(prisma, workspace.id, 'texts', { name: 'Text alerts', channel: 'sms', defaultSubscribed: true });
    const contact = await prisma.contact.create({ data: { workspaceId: workspace.id, email: 'bea@example.com' } });
    const decisions: FlatDecision[] = [
      { target: { kind: 'channel', channel: 'email', purpose: 'marketing' }, decision: 'granted', field: 'consent.email.marketing' },
      { target: { kind: 'channel', channel: 'sms', purpose: 'transactional' }, decision: 'withdrawn', field: 'consent.sms.transactional' },
      { target: { kind: 'topic', topic: 'newsletter' }, decision: 'granted', field: 'consent.topics.newsletter' },
    ];
    await changeConsent(prisma, workspace.id, contact.id, decisions, { source: 'admin', actor: 'system', at: new Date() });

    const facts = await loadFacts(prisma, workspace.id, contact.id);
    expect(facts?.consent).toEqual({
      email: { marketing: 'granted', transactional: null },
      sms: { marketing: null, transactional: 'withdrawn' },
      push: { marketing: null, transactional: null },
      whatsapp: { marketing: null, transactional: null },
    });
    // Opt-out topics reach a contact with channel consent until they leave; SMS marketing was never granted.
    expect(facts?.topics).toEqual({ newsletter: true, offers: true, texts: false });
  });
});
