import fc from 'fast-check';
import { compileJourney, outputsOf } from '../../../../engine/journey/compile';
import { lintJourney } from '../../../../engine/journey/lint';
import type { Comparison } from '../../../../engine/journey/conditions/language';
import type { ComparisonOperator } from '../../../../engine/journey/conditions';
import type { Condition, DraftNode } from '../../../../engine/journey/schema';
import { orderFollowUp } from '../fixtures';
import { lintCatalog } from './fixtures';

// The valid order follow-up journey, bent at random the ways a canvas or a journey file can
// bend it: edges dropped and added (unreachable steps, loops), odd event names, broken
// Liquid, conditions of every kind nested every way with any operator and (mostly fitting)
// arguments, message opt-outs. Whatever the compiler still
// accepts, the linter must lint without throwing, and the same way every time.
const nodeIds = orderFollowUp().nodes.map((node) => node.id);
const liquidBits = fc.constantFrom('{{', '}}', '{%', '%}', ' ', 'contact.', 'firstName', 'frist', 'event.total', 'journey.name', 'assign a = 1', 'a', 'if', 'endif', 'for x in contact.tags', 'endfor', '|', 'upcase', "include 'x'", '[', ']');
const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', '1', '.5', ''), fc.boolean());
const text = fc.constantFrom('a', 'b', '1', 'A');
const NUMBER_OPERATORS: ComparisonOperator[] = ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'exists', 'not_exists'];
const TEXT_OPERATORS: ComparisonOperator[] = ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', 'exists', 'not_exists'];
const ALL_OPERATORS: ComparisonOperator[] = [...new Set([...NUMBER_OPERATORS, ...TEXT_OPERATORS, 'before', 'after', 'within_last_days', 'more_than_days_ago', 'within_next_days'] as const)];

/** The argument an operator takes, now and then of the wrong type (the compiler must refuse those). */
function argumentOf(operator: ComparisonOperator): fc.Arbitrary<Partial<Comparison>> {
  switch (operator) {
    case 'equals':
    case 'not_equals':
      return scalar.map((value) => ({ value }));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -3, max: 3 }) }, { weight: 1, arbitrary: scalar }).map((value) => ({ value }));
    case 'contains':
    case 'not_contains':
    case 'starts_with':
      return text.map((value) => ({ value }));
    case 'in':
    case 'not_in':
      return fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), text), { minLength: 1, maxLength: 3 }).map((values) => ({ values }));
    case 'between':
      return fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
    case 'before':
    case 'after':
      return fc.constant({ date: '2026-01-31' });
    case 'within_last_days':
    case 'more_than_days_ago':
    case 'within_next_days':
      return fc.integer({ min: 1, max: 30 }).map((days) => ({ days }));
    case 'exists':
    case 'not_exists':
      return fc.constant({});
  }
}

const comparison = (operators: ComparisonOperator[]) => fc.constantFrom(...operators).chain((operator) => argumentOf(operator).map((argument): Comparison => ({ ...argument, operator })));
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  { weight: 3, arbitrary: comparison(NUMBER_OPERATORS).map((c): Condition => ({ type: 'score', field: 'clv.predicted', ...c })) },
  { weight: 3, arbitrary: comparison(ALL_OPERATORS).map((c): Condition => ({ type: 'attribute', field: 'attributes.plan', ...c })) },
  { weight: 2, arbitrary: comparison(TEXT_OPERATORS).map((c): Condition => ({ type: 'attribute', field: 'email', ...c })) },
  { weight: 3, arbitrary: comparison(ALL_OPERATORS).map((c): Condition => ({ type: 'property', property: 'total', ...c })) },
  // Any operator on a typed field: mostly refused by the compiler, which is the point.
  { weight: 1, arbitrary: comparison(ALL_OPERATORS).map((c): Condition => ({ type: 'score', field: 'lead.score', ...c })) },
  { weight: 2, arbitrary: fc.record({ operator: fc.constantFrom('has' as const, 'has_not' as const), tag: fc.constantFrom('vip', 'new', 'a') }).map((t): Condition => ({ type: 'tag', ...t })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ operator: fc.constantFrom('in' as const, 'not_in' as const), values: fc.subarray(['prospect', 'active', 'loyal', 'nonsense'], { minLength: 1 }) })
      .map((s): Condition => ({ type: 'lifecycle_stage', ...s })),
  },
  { weight: 1, arbitrary: fc.constantFrom('granted' as const, 'withdrawn' as const, 'none' as const).map((status): Condition => ({ type: 'consent', channel: 'email', status })) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([a, b]): Condition => ({ type: 'random_bucket', from: Math.min(a, b), to: Math.max(a, b) })) },
);
const condition: fc.Arbitrary<Condition> = fc.letrec<{ tree: Condition }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((all): Condition => ({ all })) },
    { weight: 1, arbitrary: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((any): Condition => ({ any })) },
    { weight: 1, arbitrary: tie('tree').map((not): Condition => ({ not })) },
  ),
})).tree;

const mutation = fc.record({
  dropEdges: fc.subarray(orderFollowUp().edges.map((edge) => edge.id), { maxLength: 3 }),
  addEdges: fc.array(fc.tuple(fc.constantFrom(...nodeIds), fc.constantFrom(...nodeIds.slice(1)), fc.nat()), { maxLength: 3 }),
  trigger: fc.constantFrom('Order Completed', 'Order Complete', 'order completed', 'x'),
  reviewEvent: fc.string({ minLength: 1, maxLength: 20 }),
  smsBody: fc.array(liquidBits, { maxLength: 12 }).map((bits) => bits.join('')),
  conditions: fc.array(condition, { minLength: 1, maxLength: 3 }),
  optOut: fc.record({ ignoreQuietHours: fc.boolean(), ignoreFrequencyCap: fc.boolean() }),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(m: Mutation): unknown {
  const draft = orderFollowUp();
  const nodes = draft.nodes.map((node): DraftNode => {
    if (node.kind === 'trigger' && node.config.type === 'event') return { ...node, config: { ...node.config, event: m.trigger } };
    if (node.id === 'review' && node.kind === 'wait' && node.config.type === 'event') return { ...node, config: { ...node.config, event: m.reviewEvent } };
    if (node.id === 'sms' && node.kind === 'action') return { ...node, config: { ...node.config, input: { body: m.smsBody, ...m.optOut } } };
    if (node.kind === 'branch' && node.config.type === 'condition') {
      // Each drawn condition a branch, and the first again in a group with the last: overlaps and shadows to find.
      const [first, ...rest] = m.conditions;
      const grouped: Condition[] = first ? [{ any: [first, ...rest.slice(-1)] }] : [];
      // The first keeps the id the journey's edges leave from.
      const branches = [...m.conditions, ...grouped].map((condition, index) => ({ id: index === 0 ? 'high' : `b${index}`, label: `B${index}`, condition }));
      return { ...node, config: { type: 'condition', branches } };
    }
    return node;
  });
  const kept = draft.edges.filter((edge) => !m.dropEdges.includes(edge.id));
  // From one of the source's real outputs: a made-up handle only tests the compiler.
  // From a real output that has no edge yet: anything else only tests the compiler.
  const used = new Set(kept.map((edge) => `${edge.source}/${edge.sourceHandle ?? 'next'}`));
  const added = m.addEdges.flatMap(([source, target, pick], index) => {
    const node = nodes.find((candidate) => candidate.id === source);
    const outputs = node ? outputsOf(node, lintCatalog) : [];
    const sourceHandle = outputs[pick % Math.max(outputs.length, 1)];
    if (sourceHandle === undefined || used.has(`${source}/${sourceHandle}`)) return [];
    used.add(`${source}/${sourceHandle}`);
    return [{ id: `added-${index}`, source, target, sourceHandle }];
  });
  return { ...draft, nodes, edges: [...kept, ...added], settings: { ...draft.settings, exitCriteria: [{ type: 'event', event: m.reviewEvent, goal: true }] } };
}

describe('linting mutated journeys', () => {
  it('never throws, and gives the same report twice, on whatever the compiler accepts', () => {
    let linted = 0;
    fc.assert(
      fc.property(mutation, fc.boolean(), (m, quiet) => {
        const compiled = compileJourney(mutate(m), lintCatalog);
        if (!compiled.ok) return;
        linted += 1;
        const context = { catalog: lintCatalog, knownEventNames: new Set(['Order Completed', 'review_submitted']), policy: { requireQuietHours: quiet, requireFrequencyCap: !quiet } };
        const report = lintJourney(compiled.plan, context);
        expect(lintJourney(structuredClone(compiled.plan), context)).toEqual(report);
        for (const finding of report.findings) expect(finding.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    // Most mutations must still compile, or this would test nothing.
    expect(linted).toBeGreaterThan(200);
  });
});
