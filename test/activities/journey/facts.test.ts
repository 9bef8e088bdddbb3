import { loadFacts } from '../../../activities/journey/facts';
import { changeConsent, putTopic, type FlatDecision } from '../../../engine/consent';
import { evaluateCondition } from '../../../engine/journey/conditions';
import { loadCrmContext } from '../../../engine/crm/context';
import { scoreContacts } from '../../../engine/crm/scores/score-contacts';
import { CONDITION_FIELDS, lookup } from '../../../engine/journey/conditions';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

// What a journey condition can read: the profile and every score the CRM computed, by the
// names rule fields use (`contact.journeyStage`, `score.lead.qualification`, ...).
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
    // Every contact and score field the condition builder offers is a fact the engine provides.
    for (const field of CONDITION_FIELDS.filter((candidate) => candidate.group !== 'Consent')) {
      const [root, ...rest] = field.path.split('.');
      const parent = lookup(facts ?? {}, [root, ...rest.slice(0, -1)].join('.'));
      expect({ field: field.path, known: typeof parent === 'object' && parent !== null && (rest.at(-1) ?? '') in parent }).toEqual({ field: field.path, known: true });
    }
    const other = await prisma.workspace.create({ data: { name: 'Other', slug: `other-${kind}` } });
    expect(await loadFacts(prisma, other.id, contact.id)).toBeUndefined();
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
    const holds = (field: string, operator: 'equals' | 'not_exists', value?: string | boolean): boolean =>
      evaluateCondition({ match: 'all', rules: [{ field, operator, ...(value !== undefined && { value }) }] }, facts ?? {});
    expect(holds('consent.email.marketing', 'equals', 'granted')).toBe(true);
    expect(holds('consent.sms.marketing', 'not_exists')).toBe(true);
    expect(holds('topics.newsletter', 'equals', true)).toBe(true);
    expect(holds('topics.texts', 'equals', true)).toBe(false);
    expect(holds('topics.deleted', 'not_exists')).toBe(true);
  });
});
