import { LegacyConditionError, upgradeCondition, type Criteria, type LegacyCondition } from '../../../../engine/journey/conditions';
import { upgradeJourney, upgradePlan } from '../../../../engine/journey/conditions/upgrade-journey';

// Version 1 journey conditions (`{ match, rules: [{ field, operator, value }] }`) in today's
// language. contact-conditions.test.ts checks on a real database that each upgrade answers as
// version 1 did; here, that each says the expected thing.

type LegacyValue = LegacyCondition['rules'][number]['value'];
const one = (field: string, operator: string, value?: LegacyValue): LegacyCondition => ({ match: 'all', rules: [{ field, operator, ...(value !== undefined && { value }) }] });

describe('upgradeCondition', () => {
  it.each<[string, LegacyCondition, Criteria]>([
    ['a profile field', one('contact.status', 'equals', 'active'), { type: 'attribute', field: 'status', operator: 'equals', value: 'active' }],
    ['a custom attribute', one('contact.attributes.plan', 'in', ['gold', 'silver']), { type: 'attribute', field: 'attributes.plan', operator: 'in', values: ['gold', 'silver'] }],
    ['numeric text becomes a number', one('contact.attributes.orders', 'gt', '5'), { type: 'attribute', field: 'attributes.orders', operator: 'gt', value: 5 }],
    ['a date compared after', one('contact.createdAt', 'gt', '2026-01-01'), { type: 'attribute', field: 'createdAt', operator: 'after', date: '2026-01-01' }],
    [
      'a date at or after',
      one('contact.lastSeenAt', 'gte', '2026-01-01'),
      { all: [{ type: 'attribute', field: 'lastSeenAt', operator: 'exists' }, { not: { type: 'attribute', field: 'lastSeenAt', operator: 'before', date: '2026-01-01' } }] },
    ],
    ['a tag', one('contact.tags', 'contains', 'vip'), { type: 'tag', operator: 'has', tag: 'vip' }],
    ['any of some tags', one('contact.tags', 'in', ['a', 'b']), { any: [{ type: 'tag', operator: 'has', tag: 'a' }, { type: 'tag', operator: 'has', tag: 'b' }] }],
    ['a stage', one('contact.lifecycleStage', 'not_equals', 'churned'), { type: 'lifecycle_stage', operator: 'not_in', values: ['churned'] }],
    ['a renamed score', one('score.clv.predictedValue', 'gt', 500), { type: 'score', field: 'clv.predicted', operator: 'gt', value: 500 }],
    ['consent', one('consent.email.marketing', 'equals', 'granted'), { type: 'consent', channel: 'email', messageType: 'marketing', status: 'granted' }],
    ['consent never decided', one('consent.sms.marketing', 'not_exists'), { type: 'consent', channel: 'sms', messageType: 'marketing', status: 'none' }],
    ['a topic', one('topics.newsletter', 'equals', true), { type: 'topic', topic: 'newsletter', subscribed: true }],
    ['an event property', one('event.properties.total', 'gte', 100), { type: 'property', property: 'total', operator: 'gte', value: 100 }],
  ])('%s', (_, legacy, expected) => {
    expect(upgradeCondition(legacy)).toEqual(expected);
  });

  it('keeps all and any', () => {
    const rules = [{ field: 'contact.status', operator: 'equals', value: 'active' }, { field: 'contact.tags', operator: 'equals', value: 'vip' }];
    expect(upgradeCondition({ match: 'any', rules })).toEqual({ any: [{ type: 'attribute', field: 'status', operator: 'equals', value: 'active' }, { type: 'tag', operator: 'has', tag: 'vip' }] });
  });

  it('names the rule it cannot say', () => {
    const legacy: LegacyCondition = { match: 'all', rules: [{ field: 'contact.status', operator: 'exists' }, { field: 'contact.id', operator: 'equals', value: 'x' }] };
    expect(() => upgradeCondition(legacy)).toThrow(LegacyConditionError);
    expect(() => upgradeCondition(legacy)).toThrow(/^rules\[1\]: "contact\.id"/);
  });
});

describe('upgradeJourney', () => {
  const v1Draft = {
    schemaVersion: 1,
    name: 'Old file',
    settings: { reentry: { mode: 'never' }, entryFilter: one('contact.status', 'equals', 'active'), exitCriteria: [{ type: 'event', event: 'Unsubscribed', filter: one('event.properties.list', 'equals', 'all'), goal: false }] },
    nodes: [
      { id: 'start', kind: 'trigger', position: { x: 0, y: 0 }, config: { type: 'event', event: 'Order Completed', filter: one('event.properties.total', 'gt', 50) } },
      { id: 'split', kind: 'branch', position: { x: 0, y: 100 }, config: { type: 'condition', branches: [{ id: 'vip', label: 'VIP', condition: one('contact.tags', 'equals', 'vip') }, { id: 'odd', label: 'Odd', condition: one('contact.id', 'equals', 'x') }] } },
    ],
    edges: [],
  };

  it('upgrades every condition of a version 1 draft, reports the ones it cannot say, and leaves the input alone', () => {
    const before = JSON.stringify(v1Draft);
    const { document, problems } = upgradeJourney(v1Draft);
    expect(JSON.stringify(v1Draft)).toBe(before);
    expect(document).toMatchObject({
      schemaVersion: 2,
      settings: { entryFilter: { type: 'attribute', field: 'status' }, exitCriteria: [{ filter: { type: 'property', property: 'list' } }] },
      nodes: [{ config: { filter: { type: 'property', property: 'total', operator: 'gt', value: 50 } } }, { config: { branches: [{ condition: { type: 'tag', tag: 'vip' } }, { condition: one('contact.id', 'equals', 'x') }] } }],
    });
    expect(problems).toEqual([{ nodeId: 'split', field: 'config.branches.1.condition', message: expect.stringContaining('"contact.id"') }]);
  });

  it('returns a current document as it is', () => {
    const current = { ...v1Draft, schemaVersion: 2, settings: { reentry: { mode: 'never' }, exitCriteria: [] }, nodes: [] };
    expect(upgradeJourney(current).document).toBe(current);
  });

  it('upgrades a plan contacts are running, keeping its type', () => {
    const plan = { schemaVersion: 1, settings: { reentry: { mode: 'never' }, exitCriteria: [] }, nodes: { split: v1Draft.nodes[1] } };
    const upgraded = upgradePlan(plan);
    expect(upgraded.schemaVersion).toBe(2);
    expect(upgraded.nodes.split).toMatchObject({ config: { branches: [{ condition: { type: 'tag', tag: 'vip' } }, { condition: one('contact.id', 'equals', 'x') }] } });
  });
});
