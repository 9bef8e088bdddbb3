import { matchingContactsQuery } from '../../../../engine/crm/segments/compile';
import type { Criteria } from '../../../../engine/journey/conditions/language';
import { validateCriteria } from '../../../../engine/journey/conditions/validate';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { buildWorld, type World } from './world';

// Every condition type compiled to SQL and run on the fixture world (world.ts), with the
// members worked out by hand from the fixture data.
const cases: [string, Criteria, string[]][] = [
  ['email contains (case-insensitive)', { type: 'attribute', field: 'email', operator: 'contains', value: 'EXAMPLE.COM' }, ['ada', 'bob', 'eve']],
  ['email exists', { type: 'attribute', field: 'email', operator: 'exists' }, ['ada', 'bob', 'cyd', 'eve']],
  ['email not exists', { type: 'attribute', field: 'email', operator: 'not_exists' }, ['dee']],
  ['status in', { type: 'attribute', field: 'status', operator: 'in', values: ['vip', 'active'] }, ['ada', 'bob', 'dee']],
  ['status not equals', { type: 'attribute', field: 'status', operator: 'not_equals', value: 'active' }, ['ada', 'cyd', 'eve']],
  ['custom attribute equals', { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' }, ['ada']],
  ['custom attribute not equals includes missing', { type: 'attribute', field: 'attributes.plan', operator: 'not_equals', value: 'pro' }, ['bob', 'cyd', 'dee', 'eve']],
  ['custom attribute exists (JSON null is missing)', { type: 'attribute', field: 'attributes.plan', operator: 'exists' }, ['ada', 'bob']],
  ['numeric comparison skips non-numbers', { type: 'attribute', field: 'attributes.seats', operator: 'gt', value: 5 }, ['ada']],
  ['between', { type: 'attribute', field: 'attributes.seats', operator: 'between', from: 1, to: 5 }, ['cyd']],
  ['date attribute within the next days skips non-dates', { type: 'attribute', field: 'attributes.renewal', operator: 'within_next_days', days: 30 }, ['ada']],
  ['boolean attribute', { type: 'attribute', field: 'attributes.vip', operator: 'equals', value: true }, ['ada']],
  ['created within the last days', { type: 'attribute', field: 'createdAt', operator: 'within_last_days', days: 30 }, ['bob', 'dee']],
  ['created more than days ago', { type: 'attribute', field: 'createdAt', operator: 'more_than_days_ago', days: 365 }, ['ada', 'eve']],
  ['created before a date', { type: 'attribute', field: 'createdAt', operator: 'before', date: '2025-01-01' }, ['eve']],
  ['starts with', { type: 'attribute', field: 'firstName', operator: 'starts_with', value: 'a' }, ['ada']],
  ['do not contact', { type: 'attribute', field: 'doNotContact', operator: 'equals', value: true }, ['eve']],
  ['has tag', { type: 'tag', operator: 'has', tag: 'espresso' }, ['ada', 'dee']],
  ['has not tag', { type: 'tag', operator: 'has_not', tag: 'espresso' }, ['bob', 'cyd', 'eve']],
  ['performed an event', { type: 'event', name: 'Viewed Product' }, ['ada', 'bob']],
  ['performed at least twice', { type: 'event', name: 'Viewed Product', count: { operator: 'gte', value: 2 } }, ['ada']],
  ['at least twice within 7 days', { type: 'event', name: 'Viewed Product', withinDays: 7, count: { operator: 'gte', value: 2 } }, ['ada']],
  ['with a property filter, within 30 days', { type: 'event', name: 'Viewed Product', withinDays: 30, where: [{ property: 'category', operator: 'equals', value: 'beans' }] }, ['ada', 'bob']],
  ['numeric property filter', { type: 'event', name: 'Viewed Product', where: [{ property: 'price', operator: 'gt', value: 100 }] }, ['ada']],
  ['nested property filter', { type: 'event', name: 'Viewed Product', where: [{ property: 'origin.country', operator: 'equals', value: 'Kenya' }] }, ['bob']],
  ['never performed (count = 0)', { type: 'event', name: 'Added to Cart', count: { operator: 'equals', value: 0 } }, ['ada', 'dee', 'eve']],
  ['last performed within 7 days', { type: 'event_last', name: 'Added to Cart', operator: 'within_last_days', days: 7 }, ['bob']],
  ['last performed more than 30 days ago', { type: 'event_last', name: 'Added to Cart', operator: 'more_than_days_ago', days: 30 }, ['cyd']],
  ['never performed', { type: 'event_last', name: 'Added to Cart', operator: 'never' }, ['ada', 'dee', 'eve']],
  ['total spent (paid and fulfilled, workspace currency)', { type: 'order', measure: 'total_spent', operator: 'gte', value: 200 }, ['ada']],
  ['no orders', { type: 'order', measure: 'order_count', operator: 'equals', value: 0 }, ['dee', 'eve']],
  ['spent within a window', { type: 'order', measure: 'total_spent', withinDays: 30, operator: 'gte', value: 100 }, ['ada']],
  ['average order value', { type: 'order', measure: 'average_order_value', operator: 'gt', value: 100 }, ['ada']],
  ['no purchase in 90 days', { type: 'order', measure: 'days_since_last_order', operator: 'gt', value: 90 }, ['cyd']],
  ['never ordered', { type: 'order', measure: 'days_since_last_order', operator: 'not_exists' }, ['dee', 'eve']],
  ['lead score', { type: 'score', field: 'lead.score', operator: 'gte', value: 70 }, ['bob']],
  ['lead qualification', { type: 'score', field: 'lead.qualification', operator: 'in', values: ['mql', 'sql'] }, ['bob']],
  ['RFM segment', { type: 'score', field: 'rfm.segment', operator: 'equals', value: 'potential_loyalists' }, ['ada']],
  ['no lead score yet', { type: 'score', field: 'lead.score', operator: 'not_exists' }, ['ada', 'cyd', 'dee', 'eve']],
  ['lifecycle stage', { type: 'lifecycle_stage', operator: 'in', values: ['at_risk', 'churned'] }, ['cyd', 'eve']],
  ['journey stage', { type: 'journey_stage', operator: 'in', values: ['consideration'] }, ['dee']],
  ['loyalty tier', { type: 'loyalty', field: 'tier', operator: 'equals', value: 'Gold' }, ['ada']],
  ['loyalty points', { type: 'loyalty', field: 'points', operator: 'gte', value: 100 }, ['ada']],
  ['no loyalty tier', { type: 'loyalty', field: 'tier', operator: 'not_exists' }, ['bob', 'cyd', 'dee', 'eve']],
  ['lifetime points', { type: 'loyalty', field: 'lifetime_points', operator: 'gt', value: 10 }, ['ada', 'bob']],
  ['email consent granted', { type: 'consent', channel: 'email', status: 'granted' }, ['ada']],
  ['email consent withdrawn', { type: 'consent', channel: 'email', status: 'withdrawn' }, ['bob']],
  ['never asked for email consent', { type: 'consent', channel: 'email', status: 'none' }, ['cyd', 'dee', 'eve']],
  ['sms consent pending', { type: 'consent', channel: 'sms', status: 'pending' }, ['dee']],
  ['every bucket', { type: 'random_bucket', from: 0, to: 99 }, ['ada', 'bob', 'cyd', 'dee', 'eve']],
  ['all of', { all: [{ type: 'tag', operator: 'has', tag: 'espresso' }, { not: { type: 'consent', channel: 'email', status: 'granted' } }] }, ['dee']],
  ['any of', { any: [{ type: 'attribute', field: 'status', operator: 'equals', value: 'vip' }, { type: 'event', name: 'Added to Cart' }] }, ['ada', 'bob', 'cyd']],
  ['not (missing counts as not matching)', { not: { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' } }, ['bob', 'cyd', 'dee', 'eve']],
];

describe.each(databaseKinds)('segment criteria compiled to SQL (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let world: World;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    world = await buildWorld(database.db);
  });
  afterAll(() => database.dispose());

  const members = async (criteria: Criteria): Promise<string[]> => {
    const rows = await database.db.prisma.$queryRaw<{ id: string }[]>(matchingContactsQuery(criteria, world.context));
    return world.names(rows.map((row) => row.id));
  };

  it.each(cases)('%s', async (_name, criteria, expected) => {
    expect(validateCriteria(criteria)).toMatchObject({ ok: true });
    expect(await members(criteria)).toEqual(expected);
  });

  it('random buckets split contacts into disjoint, sticky parts', async () => {
    const low = await members({ type: 'random_bucket', seed: 'holdout', from: 0, to: 49 });
    const high = await members({ type: 'random_bucket', seed: 'holdout', from: 50, to: 99 });
    expect([...low, ...high].sort()).toEqual(['ada', 'bob', 'cyd', 'dee', 'eve']);
    expect(await members({ type: 'random_bucket', seed: 'holdout', from: 0, to: 49 })).toEqual(low);
  });

  it('never sees another workspace', async () => {
    const other = await buildWorld(database.db, 'segments-other');
    const rows = await database.db.prisma.$queryRaw<{ id: string }[]>(matchingContactsQuery({ type: 'attribute', field: 'email', operator: 'exists' }, world.context));
    expect(rows.map((row) => row.id).filter((id) => Object.values(other.ids).includes(id))).toEqual([]);
  });
});
