import fc from 'fast-check';
import { compileJourney } from '../../../../engine/journey/compile';
import { matchesInHand, type ComparisonOperator } from '../../../../engine/journey/conditions';
import { lintJourney } from '../../../../engine/journey/lint';
import type { Condition } from '../../../../engine/journey/schema';
import { testCatalog } from '../fixtures';
import { generateDraft } from '../generate-draft';
import { branch, email, lintCatalog, plan, trigger } from './fixtures';

// Findings are checked against the language's own evaluator (compareJson, which the SQL is
// held to) on event properties: those may hold any JSON value, lists and objects included.
const now = new Date('2026-06-15T12:00:00Z');
const holds = (condition: Condition, properties: Record<string, unknown>): boolean => matchesInHand(condition, { properties, now });
const leaf = (property: string, operator: ComparisonOperator, value: unknown): Condition =>
  Array.isArray(value)
    ? { type: 'property', property, operator, values: value.filter((item): item is string | number => typeof item === 'string' || typeof item === 'number') }
    : { type: 'property', property, operator, ...(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? { value } : {}) };
const journeyWith = (conditions: Condition[]) =>
  plan([trigger(), branch('split', conditions.map((condition, index) => ({ id: `b${index}`, condition }))), email('after')], [['start', 'split'], ['split', 'after', 'else']]);

const small = fc.integer({ min: -5, max: 5 });
const ruleArb = fc.oneof(
  fc.record({ operator: fc.constantFrom<ComparisonOperator>('equals', 'not_equals', 'gt', 'gte', 'lt', 'lte'), value: small }),
  fc.record({ operator: fc.constantFrom<ComparisonOperator>('in', 'not_in'), value: fc.array(small, { minLength: 1, maxLength: 3 }) }),
  fc.record({ operator: fc.constant<ComparisonOperator>('between'), value: fc.tuple(small, small) }),
);
const conditionArb = fc.record({ match: fc.constantFrom<'all' | 'any'>('all', 'any'), rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }) }).map(({ match, rules }): Condition => {
  const leaves = rules.map((rule): Condition => {
    if (rule.operator !== 'between' || !Array.isArray(rule.value)) return leaf('v', rule.operator, rule.value);
    const [a = 0, b = 0] = rule.value;
    return { type: 'property', property: 'v', operator: 'between', from: Math.min(a, b), to: Math.max(a, b) };
  });
  return match === 'all' ? { all: leaves } : { any: leaves };
});
// Values on and between the integers the rules use, and no value at all.
const samples: (number | undefined)[] = [undefined, ...Array.from({ length: 29 }, (_, index) => -7 + index / 2)];

/**
 * Each branch finding holds for the evaluated answers (`results[branch][sample]`): a never-true
 * or shadowed branch wins for no sample, and overlapping branches share one.
 */
function expectFindingsToAgree(conditions: Condition[], results: boolean[][]): void {
  for (const finding of lintJourney(journeyWith(conditions), { catalog: lintCatalog }).findings) {
    const index = Number(/branches\.(\d+)/.exec(finding.field ?? '')?.[1]);
    const own = results[index] ?? [];
    if (finding.code === 'never_true_condition') expect(own.some(Boolean)).toBe(false);
    if (finding.code === 'shadowed_branch') expect(own.some((yes, at) => yes && !results.slice(0, index).some((earlier) => earlier[at]))).toBe(false);
    if (finding.code === 'overlapping_branches') {
      const earlier = results[Number(/Branches "b(\d+)"/.exec(finding.message)?.[1])] ?? [];
      expect(own.some((yes, at) => yes && earlier[at])).toBe(true);
    }
  }
}

describe('linter properties', () => {
  it('branch findings agree with how conditions evaluate: never-true and shadowed branches really never win', () => {
    fc.assert(
      fc.property(fc.array(conditionArb, { minLength: 1, maxLength: 4 }), (conditions) => {
        const findings = lintJourney(journeyWith(conditions), { catalog: lintCatalog }).findings;
        const propertiesOf = (value: number | undefined) => (value === undefined ? {} : { v: value });
        for (const finding of findings) {
          const index = Number(/branches\.(\d+)/.exec(finding.field ?? '')?.[1]);
          const wins = (value: number | undefined) => conditions.findIndex((condition) => holds(condition, propertiesOf(value))) === index;
          if (finding.code === 'never_true_condition' || finding.code === 'shadowed_branch') {
            expect(samples.filter(wins)).toEqual([]);
          }
          if (finding.code === 'overlapping_branches') {
            const both = samples.filter((value) => conditions.slice(0, index).some((earlier) => holds(earlier, propertiesOf(value))) && holds(conditions[index] ?? { all: [] }, propertiesOf(value)));
            expect(both.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('branch findings hold for lists, text, numeric text and nested properties too', () => {
    // `x` may be anything, a list included, and `x.y` lives inside `x`.
    const fields = ['s', 'x', 'x.y'];
    // Each run draws its rules from a few fields and one pool of values, so that rules meet on
    // a field with comparable values often enough to produce findings.
    const pools: (number | string)[][] = [[-2, -1, 0, 1, 2, '1', '.5', '-1.0'], ['a', 'b', 'c'], [0, 1, 'a', 'b'], ['.5', '0.50', '+1', 'a', 'true']];
    const conditionsArb = fc.tuple(fc.subarray(fields, { minLength: 1 }), fc.constantFrom(...pools)).chain(([some, pool]) => {
      const field = fc.constantFrom(...some);
      const scalar = fc.constantFrom(...pool);
      // Mostly rules the analysis reads; now and then one it must leave alone.
      const numeric = pool.filter((item): item is number => typeof item === 'number');
      // Ranges compare numbers only (the compiler refuses "> 'a'"): drawn from the pool's numbers, or an integer.
      const bound = numeric.length > 0 ? fc.constantFrom(...numeric) : fc.integer({ min: -2, max: 2 });
      const mixedRule = fc.oneof(
        { weight: 4, arbitrary: fc.record({ field, operator: fc.constantFrom<ComparisonOperator>('equals', 'not_equals'), value: scalar }) },
        { weight: 2, arbitrary: fc.record({ field, operator: fc.constantFrom<ComparisonOperator>('gt', 'gte', 'lt', 'lte'), value: bound }) },
        { weight: 3, arbitrary: fc.record({ field, operator: fc.constantFrom<ComparisonOperator>('in', 'not_in'), value: fc.array(scalar, { minLength: 1, maxLength: 3 }) }) },
        { weight: 1, arbitrary: fc.record({ field, operator: fc.constantFrom<ComparisonOperator>('contains', 'starts_with'), value: scalar.map(String) }) },
      );
      const condition = fc.record({ match: fc.constantFrom<'all' | 'any'>('all', 'all', 'any'), rules: fc.array(mixedRule, { minLength: 1, maxLength: 3 }) });
      return fc.array(condition, { minLength: 1, maxLength: 4 });
    });
    const numbers = Array.from({ length: 21 }, (_, index) => -2.5 + index / 4);
    // Every text the rules use, so that a text an overlap rests on is among the values tried.
    const scalars: unknown[] = [...numbers, '1', '0.5', '.5', '0.50', '-1.0', '+1', 'a', 'b', 'c', 'd', true, 'true'];
    const lists: unknown[] = [[], ['a'], ['a', 'b'], [1], [1, 'a'], [0.5, 2], ['d'], [true]];
    const xs: unknown[] = [undefined, ...scalars, ...lists, ...[undefined, ...scalars, ...lists].map((y) => (y === undefined ? {} : { y }))];
    // `s` varies less than `x`: it only has to meet `x`'s rules, never to hold a list.
    const someScalars: unknown[] = [undefined, ...Array.from({ length: 11 }, (_, index) => -2.5 + index / 2), '1', '0.5', '.5', '0.50', '-1.0', '+1', 'a', 'b', 'c', 'd', true, 'true'];
    const propertySets = someScalars.flatMap((s) => xs.map((x) => ({ ...(s !== undefined && { s }), ...(x !== undefined && { x }) })));
    fc.assert(
      fc.property(conditionsArb, (drawn) => {
        const conditions = drawn.map((c): Condition => {
          const leaves = c.rules.map((r) => leaf(r.field, r.operator, r.value));
          return c.match === 'all' ? { all: leaves } : { any: leaves };
        });
        const results = conditions.map((c) => propertySets.map((properties) => holds(c, properties)));
        expectFindingsToAgree(conditions, results);
      }),
      { numRuns: 300 },
    );
  });

  it('tag and stage findings agree with every set of tags and every stage', () => {
    // Tags as the SQL reads them ("tag = ANY(c.tags)"), a NOT NULL stage "= ANY(values)"; groups and negations nested.
    const names = ['a', 'b', 'c'];
    const stages = ['prospect', 'active', 'loyal'];
    const leafArb = fc.oneof(
      fc.record({ has: fc.boolean(), tag: fc.constantFrom(...names) }).map(({ has, tag }): Condition => ({ type: 'tag', operator: has ? 'has' : 'has_not', tag })),
      fc.record({ operator: fc.constantFrom('in' as const, 'not_in' as const), values: fc.subarray(stages, { minLength: 1 }) }).map((s): Condition => ({ type: 'lifecycle_stage', ...s })),
    );
    const tree = fc.letrec<{ node: Condition }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        { weight: 3, arbitrary: leafArb },
        { weight: 1, arbitrary: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((all): Condition => ({ all })) },
        { weight: 1, arbitrary: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any): Condition => ({ any })) },
        { weight: 1, arbitrary: tie('node').map((not): Condition => ({ not })) },
      ),
    })).node;
    const allStages = ['prospect', 'new_customer', 'active', 'at_risk', 'inactive', 'churned', 'win_back', 'loyal', 'champion'];
    const contacts = allStages.flatMap((stage) => [[], ['a'], ['b'], ['c'], ['a', 'b'], ['a', 'c'], ['b', 'c'], ['a', 'b', 'c'], ['d']].map((tags) => ({ stage, tags })));
    const test = (condition: Condition, contact: { stage: string; tags: string[] }): boolean => {
      if ('all' in condition) return condition.all.every((child) => test(child, contact));
      if ('any' in condition) return condition.any.some((child) => test(child, contact));
      if ('not' in condition) return !test(condition.not, contact);
      if (condition.type === 'tag') return contact.tags.includes(condition.tag) === (condition.operator === 'has');
      if (condition.type === 'lifecycle_stage') return condition.values.includes(contact.stage) === (condition.operator === 'in');
      throw new Error('only tags and stages are drawn');
    };
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), (conditions) => {
        const results = conditions.map((condition) => contacts.map((contact) => test(condition, contact)));
        expectFindingsToAgree(conditions, results);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on generated journeys of any shape', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 100 }), fc.integer({ min: 2, max: 80 }), (choices, size) => {
        const compiled = compileJourney(generateDraft(choices, size), testCatalog);
        if (!compiled.ok) throw new Error('generated journeys compile');
        const report = lintJourney(compiled.plan, { catalog: testCatalog, knownEventNames: new Set(['event_1']), policy: { requireQuietHours: true, requireFrequencyCap: true } });
        expect(Array.isArray(report.findings)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
