import fc from 'fast-check';
import { compileJourney } from '../../../../engine/journey/compile';
import { evaluateCondition } from '../../../../engine/journey/conditions';
import { lintJourney } from '../../../../engine/journey/lint';
import type { Condition } from '../../../../engine/journey/schema';
import { testCatalog } from '../fixtures';
import { generateDraft } from '../generate-draft';
import { branch, email, lintCatalog, plan, rule, trigger } from './fixtures';

const FIELD = 'score.clv.predictedValue';
const operators = ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in'] as const;
const small = fc.integer({ min: -5, max: 5 });
const ruleArb = fc.oneof(
  fc.record({ operator: fc.constantFrom('equals', 'not_equals', 'gt', 'gte', 'lt', 'lte'), value: small }),
  fc.record({ operator: fc.constantFrom('in', 'not_in'), value: fc.array(small, { maxLength: 3 }) }),
);
const conditionArb = fc.record({ match: fc.constantFrom<'all' | 'any'>('all', 'any'), rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }) });
// Values on and between the integers the rules use, and no value at all.
const samples: (number | undefined)[] = [undefined, ...Array.from({ length: 29 }, (_, index) => -7 + index / 2)];

describe('linter properties', () => {
  it('branch findings agree with how conditions evaluate: never-true and shadowed branches really never win', () => {
    fc.assert(
      fc.property(fc.array(conditionArb, { minLength: 1, maxLength: 4 }), (conditions) => {
        const branches = conditions.map((condition, index) => ({ id: `b${index}`, match: condition.match, rules: condition.rules.map((r) => rule(FIELD, r.operator, r.value)) }));
        const journey = plan([trigger(), branch('split', branches), email('after')], [['start', 'split'], ['split', 'after', 'else']]);
        const findings = lintJourney(journey, { catalog: lintCatalog }).findings;
        const typed: Condition[] = branches.map((b) => ({ match: b.match, rules: b.rules.map((r) => ({ field: r.field, operator: operators.find((op) => op === r.operator) ?? 'equals', value: r.value as number | number[] })) }));
        for (const finding of findings) {
          const index = Number(/branches\.(\d+)/.exec(finding.field ?? '')?.[1]);
          const facts = (value: number | undefined) => ({ score: { clv: value === undefined ? {} : { predictedValue: value } } });
          const wins = (value: number | undefined) => typed.findIndex((condition) => evaluateCondition(condition, facts(value))) === index;
          if (finding.code === 'never_true_condition' || finding.code === 'shadowed_branch') {
            expect(samples.filter(wins)).toEqual([]);
          }
          if (finding.code === 'overlapping_branches') {
            const both = samples.filter((value) => typed.slice(0, index).some((earlier) => evaluateCondition(earlier, facts(value))) && evaluateCondition(typed[index] as Condition, facts(value)));
            expect(both.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('branch findings hold for lists, strings, numeric strings and nested fields too', () => {
    // A score is a single value; a custom attribute may be anything, a list included; and
    // `contact.attributes` holds `contact.attributes.x`.
    const fields = ['score.lead.score', 'contact.attributes.x', 'contact.attributes'];
    // Each run draws its rules from a few fields and one pool of values, so that rules meet on
    // a field with comparable values often enough to produce findings.
    const pools: (number | string)[][] = [[-2, -1, 0, 1, 2, '1', '.5', '-1.0'], ['a', 'b', 'c'], [0, 1, 'a', 'b'], ['.5', '0.50', '+1', 'a']];
    const conditionsArb = fc.tuple(fc.subarray(fields, { minLength: 1 }), fc.constantFrom(...pools)).chain(([some, pool]) => {
      const field = fc.constantFrom(...some);
      const scalar = fc.constantFrom(...pool);
      // Mostly rules the analysis reads; now and then one it must leave alone.
      const mixedRule = fc.oneof(
        { weight: 6, arbitrary: fc.record({ field, operator: fc.constantFrom('equals', 'not_equals', 'gt', 'gte', 'lt', 'lte'), value: scalar }) },
        { weight: 3, arbitrary: fc.record({ field, operator: fc.constantFrom('in', 'not_in'), value: fc.array(scalar, { maxLength: 3 }) }) },
        { weight: 1, arbitrary: fc.oneof(fc.record({ field, operator: fc.constant('contains'), value: scalar }), fc.record({ field, operator: fc.constant('equals'), value: fc.array(scalar, { maxLength: 2 }) })) },
      );
      const condition = fc.record({ match: fc.constantFrom<'all' | 'any'>('all', 'all', 'any'), rules: fc.array(mixedRule, { minLength: 1, maxLength: 3 }) });
      return fc.array(condition, { minLength: 1, maxLength: 4 });
    });
    const numbers = Array.from({ length: 21 }, (_, index) => -2.5 + index / 4);
    const scalars: unknown[] = [...numbers, '1', '0.5', '+1', 'a', 'b', 'c', 'd', true];
    const lists: unknown[] = [[], ['a'], ['a', 'b'], [1], [1, 'a'], [0.5, 2], ['d'], [true]];
    const attributes: unknown[] = [undefined, ...scalars, ...lists, ...[undefined, ...scalars, ...lists].map((x) => (x === undefined ? {} : { x }))];
    const facts = [undefined, ...scalars].flatMap((score) => attributes.map((value) => ({ score: { lead: score === undefined ? {} : { score }, }, contact: value === undefined ? {} : { attributes: value } })));
    fc.assert(
      fc.property(conditionsArb, (conditions) => {
        const branches = conditions.map((c, index) => ({ id: `b${index}`, match: c.match, rules: c.rules.map((r) => rule(r.field, r.operator, r.value)) }));
        const typed = conditions.map((c): Condition => ({ match: c.match, rules: c.rules.map((r) => ({ field: r.field, operator: r.operator, value: r.value })) }));
        const journey = plan([trigger(), branch('split', branches), email('after')], [['start', 'split'], ['split', 'after', 'else']]);
        const holds = typed.map((c) => facts.map((f) => evaluateCondition(c, f)));
        for (const finding of lintJourney(journey, { catalog: lintCatalog }).findings) {
          const index = Number(/branches\.(\d+)/.exec(finding.field ?? '')?.[1]);
          const own = holds[index] ?? [];
          if (finding.code === 'never_true_condition') expect(own.some(Boolean)).toBe(false);
          if (finding.code === 'shadowed_branch') expect(own.some((yes, at) => yes && !holds.slice(0, index).some((earlier) => earlier[at]))).toBe(false);
          if (finding.code === 'overlapping_branches') {
            const earlier = holds[Number(/Branches "b(\d+)"/.exec(finding.message)?.[1])] ?? [];
            expect(own.some((yes, at) => yes && earlier[at])).toBe(true);
          }
        }
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
