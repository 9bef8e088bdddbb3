import fc from 'fast-check';
import { evaluateCondition, evaluateRule } from '../../../../engine/journey/conditions';
import type { Rule } from '../../../../engine/journey/schema';

const facts = {
  contact: { status: 'active', tags: ['coffee', 'trade'], attributes: { plan: 'gold', signedUp: '2026-01-15', orders: '7' }, doNotContact: false, company: null },
  score: { clv: { predictedValue: 812.5 } },
  event: { name: 'Order Completed', properties: { total: 42, sku: 'ETH-250' } },
};
const rule = (field: string, operator: Rule['operator'], value?: Rule['value']): Rule => ({ field, operator, ...(value !== undefined && { value }) });

describe('evaluateRule', () => {
  it.each<[Rule, boolean]>([
    [rule('contact.status', 'equals', 'active'), true],
    [rule('contact.status', 'not_equals', 'active'), false],
    [rule('contact.attributes.orders', 'equals', 7), true], // numeric strings compare as numbers
    [rule('contact.attributes.orders', 'gt', 5), true],
    [rule('score.clv.predictedValue', 'gte', 812.5), true],
    [rule('score.clv.predictedValue', 'lt', 500), false],
    [rule('contact.attributes.signedUp', 'lt', '2026-02-01'), true], // ISO dates by instant
    [rule('contact.attributes.signedUp', 'gt', '2026-01-15T12:00:00Z'), false],
    [rule('contact.tags', 'contains', 'trade'), true],
    [rule('contact.tags', 'equals', 'coffee'), true], // any element of a list
    [rule('contact.tags', 'not_contains', 'tea'), true],
    [rule('event.properties.sku', 'contains', 'ETH'), true],
    [rule('event.properties.sku', 'in', ['ETH-250', 'COL-1000']), true],
    [rule('event.properties.sku', 'not_in', ['ETH-250']), false],
    [rule('contact.attributes.plan', 'exists'), true],
    [rule('contact.company', 'exists'), false], // null is missing
    [rule('contact.doNotContact', 'equals', false), true],
  ])('%j → %s', (given, expected) => {
    expect(evaluateRule(given, facts)).toBe(expected);
  });

  it('a missing value satisfies only the negative operators', () => {
    const missing = 'contact.attributes.nothing';
    expect(['equals', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'exists'].map((operator) => evaluateRule(rule(missing, operator as Rule['operator'], 1), facts))).toEqual(Array(8).fill(false));
    expect(['not_equals', 'not_contains', 'not_in', 'not_exists'].map((operator) => evaluateRule(rule(missing, operator as Rule['operator'], [1]), facts))).toEqual(Array(4).fill(true));
  });

  it('never throws, whatever the facts and the rule', () => {
    const operators: Rule['operator'][] = ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'contains', 'not_contains', 'in', 'not_in', 'exists', 'not_exists'];
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...operators), fc.option(fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.array(fc.string())), { nil: undefined }), (value, operator, expected) => {
        expect(typeof evaluateRule(rule('contact.x', operator, expected), { contact: { x: value } })).toBe('boolean');
      }),
    );
  });
});

describe('evaluateCondition', () => {
  it('all needs every rule, any needs one', () => {
    const rules = [rule('contact.status', 'equals', 'active'), rule('contact.attributes.plan', 'equals', 'silver')];
    expect(evaluateCondition({ match: 'all', rules }, facts)).toBe(false);
    expect(evaluateCondition({ match: 'any', rules }, facts)).toBe(true);
  });
});
