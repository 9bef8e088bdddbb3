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
