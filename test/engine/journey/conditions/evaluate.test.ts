import fc from 'fast-check';
import { compareJson, matchesInHand, type Criteria } from '../../../../engine/journey/conditions';
import type { Comparison } from '../../../../engine/journey/conditions/language';

// The in-memory side of the one condition language: what event filters and the catalog's
// rules use. contact-conditions.test.ts holds every answer here to the SQL's.

const now = new Date('2026-06-15T12:00:00Z');
const properties = { total: 42, sku: 'ETH-250', count: '7', coupon: null, placedAt: '2026-06-10T08:00:00Z', gift: false, items: [{ sku: 'ETH-250' }] };
const property = (path: string, comparison: Comparison): Criteria => ({ type: 'property', property: path, ...comparison });
const holds = (criteria: Criteria): boolean => matchesInHand(criteria, { properties, now });

describe('matchesInHand', () => {
  it.each<[string, Criteria, boolean]>([
    ['a number equals', property('total', { operator: 'equals', value: 42 }), true],
    ['numeric text compares as a number', property('count', { operator: 'gt', value: 5 }), true],
    ['text equals is exact', property('sku', { operator: 'equals', value: 'eth-250' }), false],
    ['contains ignores case', property('sku', { operator: 'contains', value: 'eth' }), true],
    ['starts_with ignores case', property('sku', { operator: 'starts_with', value: 'eth-' }), true],
    ['between is inclusive', property('total', { operator: 'between', from: 42, to: 50 }), true],
    ['in with text', property('sku', { operator: 'in', values: ['ETH-250', 'COL-1000'] }), true],
    ['in with numbers', property('count', { operator: 'in', values: [7, 8] }), true],
    ['not_in', property('sku', { operator: 'not_in', values: ['ETH-250'] }), false],
    ['a date within the last days', property('placedAt', { operator: 'within_last_days', days: 7 }), true],
    ['a date before', property('placedAt', { operator: 'before', date: '2026-06-01' }), false],
    ['a date more than days ago', property('placedAt', { operator: 'more_than_days_ago', days: 3 }), true],
    ['null is missing', property('coupon', { operator: 'exists' }), false],
    ['false is a value', property('gift', { operator: 'equals', value: false }), true],
    ['paths reach into lists', property('items.0.sku', { operator: 'equals', value: 'ETH-250' }), true],
    ['a missing value satisfies not_equals', property('nothing', { operator: 'not_equals', value: 'x' }), true],
    ['a missing value fails equals', property('nothing', { operator: 'equals', value: 'x' }), false],
  ])('%s', (_, criteria, expected) => {
    expect(holds(criteria)).toBe(expected);
  });

  it('all needs every condition, any one, not the opposite', () => {
    const yes = property('total', { operator: 'gt', value: 40 });
    const no = property('sku', { operator: 'equals', value: 'COL-1000' });
    expect(holds({ all: [yes, no] })).toBe(false);
    expect(holds({ any: [yes, no] })).toBe(true);
    expect(holds({ not: no })).toBe(true);
  });

  it('a condition on the contact is "no" in memory: filters cannot read the contact', () => {
    expect(holds({ type: 'tag', operator: 'has', tag: 'vip' })).toBe(false);
  });

  it('never throws, whatever the value and the comparison', () => {
    const operators: Comparison['operator'][] = [
      'equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'between', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', 'exists', 'not_exists',
      'before', 'after', 'within_last_days', 'more_than_days_ago', 'within_next_days',
    ];
    const argument = fc.record(
      { value: fc.oneof(fc.string(), fc.double(), fc.boolean()), values: fc.array(fc.oneof(fc.string(), fc.double()), { minLength: 1 }), from: fc.double(), to: fc.double(), date: fc.constant('2026-01-01'), days: fc.integer({ min: 1, max: 400 }) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...operators), argument, (value, operator, rest) => {
        expect(typeof compareJson(value, { operator, ...rest }, now)).toBe('boolean');
      }),
    );
  });
});
