import fc from 'fast-check';
import { compileJourney, outputsOf } from '../../../../engine/journey/compile';
import { lintJourney } from '../../../../engine/journey/lint';
import type { DraftNode, Rule } from '../../../../engine/journey/schema';
import { orderFollowUp } from '../fixtures';
import { lintCatalog } from './fixtures';

// The valid order follow-up journey, bent at random the ways a canvas or a journey file can
// bend it: edges dropped and added (unreachable steps, loops), odd event names, broken
// Liquid, any rule operator with any value, message opt-outs. Whatever the compiler still
// accepts, the linter must lint without throwing, and the same way every time.
const nodeIds = orderFollowUp().nodes.map((node) => node.id);
const liquidBits = fc.constantFrom('{{', '}}', '{%', '%}', ' ', 'contact.', 'firstName', 'frist', 'event.total', 'journey.name', 'assign a = 1', 'a', 'if', 'endif', 'for x in contact.tags', 'endfor', '|', 'upcase', "include 'x'", '[', ']');
const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', '1', '.5', ''), fc.boolean());
const mutation = fc.record({
  dropEdges: fc.subarray(orderFollowUp().edges.map((edge) => edge.id), { maxLength: 3 }),
  addEdges: fc.array(fc.tuple(fc.constantFrom(...nodeIds), fc.constantFrom(...nodeIds.slice(1)), fc.nat()), { maxLength: 3 }),
  trigger: fc.constantFrom('Order Completed', 'Order Complete', 'order completed', 'x'),
  reviewEvent: fc.string({ minLength: 1, maxLength: 20 }),
  smsBody: fc.array(liquidBits, { maxLength: 12 }).map((bits) => bits.join('')),
  rules: fc.array(
    fc.record({
      field: fc.constantFrom('score.clv.predictedValue', 'contact.tags', 'contact.attributes.plan', 'event.total'),
      operator: fc.constantFrom('equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'contains', 'not_contains', 'exists', 'not_exists'),
      value: fc.option(fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  match: fc.constantFrom<'all' | 'any'>('all', 'any'),
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
      const rules = m.rules.map((rule): Rule => ({ field: rule.field, operator: rule.operator, ...(rule.value !== undefined && { value: rule.value }) }));
      return { ...node, config: { type: 'condition', branches: [{ id: 'high', label: 'High', condition: { match: m.match, rules } }, { id: 'low', label: 'Low', condition: { match: 'all', rules: rules.slice(0, 1) } }] } };
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
