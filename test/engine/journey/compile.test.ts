import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createActionRegistry } from '../../../activities/actions';
import { compileJourney, decompileJourney, type CompileIssue, type CompileResult } from '../../../engine/journey/compile';
import type { DraftNode, JourneyPlan } from '../../../engine/journey/schema';
import { orderFollowUp, testCatalog } from './fixtures';
import { generateDraft } from './generate-draft';

const compile = (draft: unknown): CompileResult => compileJourney(draft, testCatalog);

function planOf(draft: unknown): JourneyPlan {
  const result = compile(draft);
  if (!result.ok) throw new Error(`expected the draft to compile: ${JSON.stringify(result.issues)}`);
  return result.plan;
}

function issuesOf(draft: unknown): CompileIssue[] {
  const result = compile(draft);
  if (result.ok) throw new Error('expected the draft to be rejected');
  return result.issues;
}

/** The follow-up journey with its nodes edited; deliberately untyped, as bad drafts arrive. */
const withNodes = (edit: (nodes: DraftNode[]) => unknown[]): unknown => {
  const draft = orderFollowUp();
  return { ...draft, nodes: edit(draft.nodes) };
};

describe('compileJourney', () => {
  it('compiles the order follow-up journey into a flat plan with millisecond durations', () => {
    const plan = planOf(orderFollowUp());
    expect(plan.entryNodeId).toBe('placed');
    expect(plan.settings.reentry).toEqual({ mode: 'after_cooldown', cooldownMs: 30 * 86_400_000 });
    expect(plan.nodes['wait-2d']).toEqual({ id: 'wait-2d', kind: 'wait', label: 'Wait 2 days', config: { type: 'delay', ms: 2 * 86_400_000 }, next: { next: 'by-value' } });
    expect(plan.nodes['by-value']?.next).toEqual({ high: 'email', else: 'sms' });
    expect(plan.nodes.review?.config).toEqual({ type: 'event', event: 'review_submitted', timeoutMs: 7 * 86_400_000 });
    expect(plan.nodes.review?.next).toEqual({ received: 'done', timeout: 'done' });
    expect(plan.nodes.done?.next).toEqual({});
    expect(JSON.stringify(plan)).not.toContain('position');
  });

  it('leaves an unconnected output as the end of that path', () => {
    const draft = orderFollowUp();
    const plan = planOf({ ...draft, edges: draft.edges.filter((edge) => edge.id !== 'h') });
    expect(plan.nodes.review?.next).toEqual({ received: 'done', timeout: null });
  });

  it.each<[string, unknown, Partial<CompileIssue>]>([
    ['a non-object', 42, { code: 'invalid_journey' }],
    ['a missing name', { ...orderFollowUp(), name: undefined }, { code: 'invalid_journey', field: 'name' }],
    [
      'a delay of zero',
      withNodes((nodes) => nodes.map((node) => (node.id === 'wait-2d' ? { ...node, config: { type: 'delay', duration: { amount: 0, unit: 'days' } } } : node))),
      { code: 'invalid_node', nodeId: 'wait-2d', field: 'config.duration.amount' },
    ],
    [
      'an unknown wait type',
      withNodes((nodes) => nodes.map((node) => (node.id === 'wait-2d' ? { ...node, config: { type: 'nap' } } : node))),
      { code: 'invalid_node', nodeId: 'wait-2d', field: 'config.type' },
    ],
    ['no trigger', withNodes((nodes) => nodes.filter((node) => node.kind !== 'trigger')), { code: 'missing_trigger' }],
    [
      'two triggers',
      withNodes((nodes) => [...nodes, { id: 'second', kind: 'trigger', position: { x: 0, y: 0 }, config: { type: 'manual' } }]),
      { code: 'multiple_triggers', nodeId: 'second' },
    ],
    ['a duplicate node id', withNodes((nodes) => [...nodes, { id: 'done', kind: 'exit', position: { x: 0, y: 0 }, config: {} }]), { code: 'duplicate_node_id', nodeId: 'done' }],
    [
      'a dangling edge',
      { ...orderFollowUp(), edges: [...orderFollowUp().edges, { id: 'x', source: 'done', target: 'nowhere' }] },
      { code: 'dangling_edge', edgeId: 'x' },
    ],
    [
      'an output connected twice',
      { ...orderFollowUp(), edges: [...orderFollowUp().edges, { id: 'x', source: 'email', target: 'done' }] },
      { code: 'duplicate_edge', edgeId: 'x', nodeId: 'email' },
    ],
    [
      'an edge from an output the node lacks',
      { ...orderFollowUp(), edges: [...orderFollowUp().edges, { id: 'x', source: 'by-value', target: 'done', sourceHandle: 'medium' }] },
      { code: 'unknown_output', edgeId: 'x', nodeId: 'by-value' },
    ],
    [
      'an edge into the trigger',
      { ...orderFollowUp(), edges: [...orderFollowUp().edges.filter((edge) => edge.source !== 'review'), { id: 'x', source: 'review', target: 'placed', sourceHandle: 'received' }] },
      { code: 'edge_into_trigger', edgeId: 'x' },
    ],
    [
      'a loop without a wait',
      { ...orderFollowUp(), edges: [...orderFollowUp().edges.filter((edge) => edge.source !== 'email'), { id: 'x', source: 'email', target: 'by-value' }] },
      { code: 'cycle_without_wait', nodeId: 'by-value' },
    ],
    [
      'an unknown action',
      withNodes((nodes) => nodes.map((node) => (node.id === 'sms' ? { ...node, config: { actionId: 'fax', actionVersion: 1, input: {} } } : node))),
      { code: 'unknown_action', nodeId: 'sms', field: 'config.actionId' },
    ],
    [
      'action input that does not fit the action',
      withNodes((nodes) => nodes.map((node) => (node.id === 'email' ? { ...node, config: { actionId: 'email', actionVersion: 1, input: {} } } : node))),
      { code: 'invalid_action_input', nodeId: 'email', field: 'config.input.templateId' },
    ],
    [
      'a wait longer than two years',
      withNodes((nodes) => nodes.map((node) => (node.id === 'wait-2d' ? { ...node, config: { type: 'delay', duration: { amount: 200, unit: 'weeks' } } } : node))),
      { code: 'duration_out_of_range', nodeId: 'wait-2d' },
    ],
    [
      'a random split that does not add up',
      withNodes((nodes) =>
        nodes.map((node) =>
          node.id === 'by-value'
            ? { ...node, config: { type: 'random', paths: [{ id: 'high', label: 'A', percent: 40 }, { id: 'else-path', label: 'B', percent: 40 }] } }
            : node,
        ),
      ),
      { code: 'percentages_do_not_sum', nodeId: 'by-value' },
    ],
    [
      'an unknown time zone',
      withNodes((nodes) =>
        nodes.map((node) =>
          node.id === 'wait-2d' ? { ...node, config: { type: 'time_window', days: ['mon'], from: '09:00', to: '17:00', fallbackTimezone: 'Mars/Olympus' } } : node,
        ),
      ),
      { code: 'invalid_time_zone', nodeId: 'wait-2d', field: 'config.fallbackTimezone' },
    ],
    [
      'a consent trigger on a topic with a transactional purpose',
      withNodes((nodes) => nodes.map((node) => (node.id === 'placed' ? { ...node, config: { type: 'consent_changed', topic: 'newsletter', purpose: 'transactional' } } : node))),
      { code: 'invalid_trigger', nodeId: 'placed', field: 'config.purpose' },
    ],
    [
      'a consent trigger waiting for a topic choice to become pending',
      withNodes((nodes) => nodes.map((node) => (node.id === 'placed' ? { ...node, config: { type: 'consent_changed', topic: 'newsletter', to: 'pending' } } : node))),
      { code: 'invalid_trigger', nodeId: 'placed', field: 'config.to' },
    ],
    [
      'a consent trigger on a channel that has no consent',
      withNodes((nodes) => nodes.map((node) => (node.id === 'placed' ? { ...node, config: { type: 'consent_changed', channel: 'webhook' } } : node))),
      { code: 'invalid_node', nodeId: 'placed', field: 'config.channel' },
    ],
  ])('rejects %s with an issue that says where', (_case, draft, expected) => {
    expect(issuesOf(draft)).toContainEqual(expect.objectContaining(expected));
  });

  it('accepts a loop that contains a wait', () => {
    const draft = orderFollowUp();
    const edges = [...draft.edges.filter((edge) => edge.id !== 'g'), { id: 'x', source: 'review', target: 'wait-2d', sourceHandle: 'received' }];
    expect(compile({ ...draft, edges }).ok).toBe(true);
  });

  it('never throws on arbitrary input, and always explains a rejection', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = compile(input);
        return result.ok || (result.issues.length > 0 && result.issues.every((issue) => issue.message.length > 0));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when parts of a valid draft are replaced by junk', () => {
    const paths = [['name'], ['settings'], ['nodes', 1, 'config'], ['nodes', 2, 'config', 'branches'], ['edges', 0], ['nodes', 3, 'kind']] as const;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, junk) => {
        const draft: unknown = JSON.parse(JSON.stringify(orderFollowUp()));
        let target: unknown = draft;
        for (const key of path.slice(0, -1)) target = typeof target === 'object' && target !== null ? Reflect.get(target, key) : undefined;
        if (typeof target === 'object' && target !== null) Reflect.set(target, path[path.length - 1] ?? '', junk);
        const result = compile(draft);
        return result.ok || result.issues.length > 0;
      }),
      { numRuns: 300 },
    );
  });
});

describe('decompileJourney', () => {
  it('round-trips: compiling the decompiled plan gives the same plan', () => {
    const plan = planOf(orderFollowUp());
    expect(planOf(decompileJourney(plan))).toEqual(plan);
  });

  it('compiles and round-trips consent triggers, on a channel or on a topic', () => {
    const draft = orderFollowUp();
    const plan = planOf({
      ...draft,
      nodes: draft.nodes.map((node) => (node.id === 'placed' ? { ...node, config: { type: 'consent_changed', channel: 'sms', purpose: 'marketing', to: 'withdrawn' } } : node)),
    });
    expect(plan.nodes.placed?.config).toEqual({ type: 'consent_changed', channel: 'sms', purpose: 'marketing', to: 'withdrawn' });
    expect(planOf(decompileJourney(plan))).toEqual(plan);
    const withTopic = planOf({ ...draft, nodes: draft.nodes.map((node) => (node.id === 'placed' ? { ...node, config: { type: 'consent_changed', topic: 'newsletter' } } : node)) });
    expect(planOf(decompileJourney(withTopic))).toEqual(withTopic);
  });

  it('refuses a subscription topic on a transactional message, with the built-in actions', () => {
    const draft = orderFollowUp();
    const email = { actionId: 'email', actionVersion: 1, input: { subject: 'Your receipt', html: '<p>Thanks</p>', messageType: 'transactional', topic: 'newsletter' } };
    const compiled = compileJourney({ ...draft, nodes: draft.nodes.map((node) => (node.id === 'email' ? { ...node, config: email } : node)) }, createActionRegistry().catalog());
    expect(compiled.ok ? [] : compiled.issues).toEqual([expect.objectContaining({ code: 'invalid_action_input', nodeId: 'email', field: 'config.input.topic' })]);
  });

  it('compiles the documented example journey file (docs/examples) with the built-in actions', () => {
    const example: unknown = JSON.parse(readFileSync(join(__dirname, '../../../docs/examples/order-follow-up.journey.json'), 'utf8'));
    const catalog = createActionRegistry().catalog();
    const compiled = compileJourney(example, catalog);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    expect(compileJourney(decompileJourney(compiled.plan), catalog)).toEqual(compiled);
  });

  it('round-trips random valid journeys, which all compile', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 200 }), fc.integer({ min: 2, max: 60 }), (choices, size) => {
        const plan = planOf(generateDraft(choices, size));
        expect(Object.keys(plan.nodes).length).toBeGreaterThan(1);
        expect(planOf(decompileJourney(plan))).toEqual(plan);
      }),
      { numRuns: 200 },
    );
  });

  it('lays nodes out by depth from the trigger and normalises durations', () => {
    const draft = decompileJourney(planOf(orderFollowUp()));
    const positionOf = (id: string) => draft.nodes.find((node) => node.id === id)?.position;
    expect(positionOf('placed')?.y).toBeLessThan(positionOf('wait-2d')?.y ?? 0);
    expect(positionOf('email')?.y).toBe(positionOf('sms')?.y);
    expect(draft.nodes.find((node) => node.id === 'wait-2d')?.config).toEqual({ type: 'delay', duration: { amount: 2, unit: 'days' } });
    expect(draft.settings.reentry).toEqual({ mode: 'after_cooldown', cooldown: { amount: 30, unit: 'days' } });
  });
});
