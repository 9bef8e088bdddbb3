import { testContactConditions } from '../../../../engine/crm/segments/contact-conditions';
import { loadCrmContext } from '../../../../engine/crm/context';
import { scoreContacts } from '../../../../engine/crm/scores/score-contacts';
import { changeConsent, putTopic } from '../../../../engine/consent';
import type { Database } from '../../../../engine/db';
import { CONDITION_FIELDS, compareJson, type Criteria, type LegacyCondition } from '../../../../engine/journey/conditions';
import type { Comparison } from '../../../../engine/journey/conditions/language';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';

// Journeys test contacts with the segment compiler (one SQL expression), and events in memory
// (compareJson). These tests hold the two to the same answers, check that version 1 conditions
// upgrade to the same answers they gave, and that every field the condition builder offers runs.

const now = new Date('2026-06-15T12:00:00Z');

/** JSON values as events carry them. Non-ASCII text, NaN and huge numbers are left out: Postgres's lower() and numeric differ there by locale and design. */
const VALUES: unknown[] = [42, 7.5, -3, 0, '42', ' 12 ', '7.50', '1e3', 'ETH-250', 'eth-250', '', 'gold', true, false, null, '2026-06-10T08:00:00Z', '2026-06-10', '2026-06-20 09:30:00+02', 'not a date', [1, 2], ['gold'], { a: 1 }];

const COMPARISONS: Comparison[] = [
  { operator: 'exists' }, { operator: 'not_exists' },
  { operator: 'equals', value: 42 }, { operator: 'equals', value: '42' }, { operator: 'equals', value: 'gold' }, { operator: 'equals', value: true }, { operator: 'equals', value: false },
  { operator: 'not_equals', value: 42 }, { operator: 'not_equals', value: 'ETH-250' },
  { operator: 'gt', value: 10 }, { operator: 'gte', value: 42 }, { operator: 'lt', value: 0 }, { operator: 'lte', value: 7.5 }, { operator: 'between', from: 0, to: 100 },
  { operator: 'contains', value: 'eth' }, { operator: 'contains', value: '4' }, { operator: 'not_contains', value: 'GOLD' }, { operator: 'starts_with', value: 'E' },
  { operator: 'in', values: [42, 12] }, { operator: 'in', values: ['42', 'gold'] }, { operator: 'not_in', values: ['ETH-250', 'x'] },
  { operator: 'before', date: '2026-06-12' }, { operator: 'after', date: '2026-06-10T07:00:00Z' },
  { operator: 'within_last_days', days: 7 }, { operator: 'more_than_days_ago', days: 3 }, { operator: 'within_next_days', days: 10 },
];

describe.each(databaseKinds)('contact conditions on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  const workspaceAndContact = async (slug: string, contact: { email?: string; status?: 'active'; tags?: string[]; attributes?: Record<string, string>; company?: string }) => {
    const workspace = await db.prisma.workspace.create({ data: { name: slug, slug: `${slug}-${kind}`, currency: 'EUR' } });
    const created = await db.prisma.contact.create({ data: { workspaceId: workspace.id, ...contact } });
    return { workspaceId: workspace.id, contactId: created.id };
  };

  it('gives the in-memory answer for every value and comparison of an event property', async () => {
    const ids = await workspaceAndContact('agreement', {});
    const conditions: Criteria[] = COMPARISONS.map((comparison) => ({ type: 'property', property: 'v', ...comparison }));
    const disagreements: string[] = [];
    for (const value of VALUES) {
      const sql = await testContactConditions(db.prisma, { ...ids, conditions, event: { v: value }, now });
      COMPARISONS.forEach((comparison, index) => {
        const memory = compareJson(value, comparison, now);
        if (sql?.[index] !== memory) disagreements.push(`${JSON.stringify(value)} ${JSON.stringify(comparison)}: SQL ${String(sql?.[index])}, memory ${String(memory)}`);
      });
    }
    expect(disagreements).toEqual([]);
  });

  it('answers version 1 conditions as version 1 did', async () => {
    const ids = await workspaceAndContact('legacy', { status: 'active', tags: ['coffee', 'trade'], attributes: { plan: 'gold', signedUp: '2026-01-15', orders: '7' } });
    const event = { total: 42, sku: 'ETH-250' };
    // Each rule with the answer version 1's evaluator gave for this contact and event.
    const cases: [string, string, LegacyCondition['rules'][number]['value'] | undefined, boolean][] = [
      ['contact.status', 'equals', 'active', true],
      ['contact.status', 'not_equals', 'active', false],
      ['contact.attributes.orders', 'equals', 7, true],
      ['contact.attributes.orders', 'gt', 5, true],
      ['contact.attributes.signedUp', 'lt', '2026-02-01', true],
      ['contact.attributes.signedUp', 'gt', '2026-01-15T12:00:00Z', false],
      ['contact.tags', 'contains', 'trade', true],
      ['contact.tags', 'equals', 'coffee', true],
      ['contact.tags', 'not_contains', 'tea', true],
      ['event.properties.sku', 'contains', 'ETH', true],
      ['event.properties.sku', 'in', ['ETH-250', 'COL-1000'], true],
      ['event.properties.sku', 'not_in', ['ETH-250'], false],
      ['contact.attributes.plan', 'exists', undefined, true],
      ['contact.company', 'exists', undefined, false],
      ['contact.doNotContact', 'equals', false, true],
      ['contact.attributes.nothing', 'not_equals', 'x', true],
      ['contact.attributes.nothing', 'equals', 'x', false],
      ['consent.email.marketing', 'not_exists', undefined, true],
    ];
    const conditions: LegacyCondition[] = cases.map(([field, operator, value]) => ({ match: 'all', rules: [{ field, operator, ...(value !== undefined && { value }) }] }));
    const answers = await testContactConditions(db.prisma, { ...ids, conditions, event, now });
    expect(cases.map(([field, operator, , expected], index) => ({ field, operator, answer: answers?.[index] ?? null, expected }))).toEqual(
      cases.map(([field, operator, , expected]) => ({ field, operator, answer: expected, expected })),
    );
  });

  it('runs every field the condition builder offers, on a scored contact', async () => {
    const ids = await workspaceAndContact('fields', { email: 'ada@example.com' });
    for (const daysAgo of [40, 10]) {
      await db.prisma.order.create({ data: { workspaceId: ids.workspaceId, contactId: ids.contactId, status: 'paid', currency: 'EUR', amount: 120, placedAt: new Date(now.getTime() - daysAgo * 86_400_000) } });
    }
    await scoreContacts(db.prisma, await loadCrmContext(db.prisma, ids.workspaceId, now), [ids.contactId]);
    const exists = CONDITION_FIELDS.map((field): Criteria => (field.type === 'score' ? { type: 'score', field: field.field, operator: 'exists' } : { type: 'attribute', field: field.field, operator: 'exists' }));
    const answers = await testContactConditions(db.prisma, { ...ids, conditions: exists, now });
    const present = CONDITION_FIELDS.filter((_, index) => answers?.[index] === true).map((field) => field.field);
    expect(present).toEqual(expect.arrayContaining(['email', 'createdAt', 'rfm.recency', 'rfm.orderCount', 'clv.historical', 'clv.profit', 'lead.score', 'churn_risk.band', 'health.level']));
    const values = await testContactConditions(db.prisma, {
      ...ids,
      conditions: [
        { type: 'score', field: 'clv.historical', operator: 'equals', value: 240 },
        { type: 'score', field: 'rfm.orderCount', operator: 'equals', value: 2 },
        { type: 'order', measure: 'order_count', operator: 'gte', value: 2, withinDays: 60 },
        { type: 'lifecycle_stage', operator: 'in', values: ['active'] },
      ],
      now,
    });
    expect(values).toEqual([true, true, true, true]);
  });

  it('reads consent and topics as sending decides them', async () => {
    const ids = await workspaceAndContact('consent', { email: 'bea@example.com' });
    await putTopic(db.prisma, ids.workspaceId, 'newsletter', { name: 'Newsletter', channel: 'email' });
    await putTopic(db.prisma, ids.workspaceId, 'texts', { name: 'Text alerts', channel: 'sms', defaultSubscribed: true });
    await changeConsent(
      db.prisma,
      ids.workspaceId,
      ids.contactId,
      [
        { target: { kind: 'channel', channel: 'email', purpose: 'marketing' }, decision: 'granted', field: 'consent.email.marketing' },
        { target: { kind: 'topic', topic: 'newsletter' }, decision: 'granted', field: 'consent.topics.newsletter' },
      ],
      { source: 'admin', actor: 'system', at: new Date() },
    );
    const answers = await testContactConditions(db.prisma, {
      ...ids,
      conditions: [
        { type: 'consent', channel: 'email', messageType: 'marketing', status: 'granted' },
        { type: 'consent', channel: 'sms', messageType: 'marketing', status: 'none' },
        { type: 'topic', topic: 'newsletter', subscribed: true },
        { type: 'topic', topic: 'texts', subscribed: true },
      ],
      now,
    });
    expect(answers).toEqual([true, true, true, false]);
  });

  it('knows no contact of another workspace, and treats an invalid condition as "no"', async () => {
    const ids = await workspaceAndContact('scoped', {});
    const other = await db.prisma.workspace.create({ data: { name: 'Other', slug: `other-conditions-${kind}` } });
    expect(await testContactConditions(db.prisma, { workspaceId: other.id, contactId: ids.contactId, conditions: [{ type: 'attribute', field: 'email', operator: 'not_exists' }], now })).toBeUndefined();
    expect(await testContactConditions(db.prisma, { ...ids, conditions: [{ type: 'attribute', field: 'email', operator: 'gt' }, { type: 'nonsense' }], now })).toEqual([false, false]);
  });
});
