import { compileJourney } from '../../../../engine/journey/compile';
import { testCatalog } from '../fixtures';

// Every condition of a draft is checked with the scope of its place, and a version 1 file
// (written before the one condition language) still compiles, to the same plan in today's words.

const draft = (schemaVersion: number, branchCondition: unknown, triggerFilter?: unknown) => ({
  schemaVersion,
  name: 'Conditions',
  settings: { reentry: { mode: 'never' }, exitCriteria: [] },
  nodes: [
    { id: 'start', kind: 'trigger', position: { x: 0, y: 0 }, config: { type: 'event', event: 'Order Completed', ...(triggerFilter !== undefined && { filter: triggerFilter }) } },
    { id: 'split', kind: 'branch', position: { x: 0, y: 100 }, config: { type: 'condition', branches: [{ id: 'big', label: 'Big', condition: branchCondition }] } },
    { id: 'done', kind: 'exit', position: { x: 0, y: 200 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'split' },
    { id: 'e2', source: 'split', sourceHandle: 'big', target: 'done' },
    { id: 'e3', source: 'split', sourceHandle: 'else', target: 'done' },
  ],
});

describe('compiling conditions', () => {
  it('compiles a version 1 file to a current plan', () => {
    const result = compileJourney(draft(1, { match: 'all', rules: [{ field: 'event.properties.total', operator: 'gt', value: 100 }] }), testCatalog);
    expect(result).toMatchObject({ ok: true, plan: { schemaVersion: 2, nodes: { split: { config: { branches: [{ condition: { type: 'property', property: 'total', operator: 'gt', value: 100 } }] } } } } });
  });

  it('names the node, the field and the place inside the condition at fault', () => {
    const result = compileJourney(draft(2, { all: [{ type: 'attribute', field: 'email', operator: 'exists' }, { type: 'score', field: 'clv.predicted', operator: 'contains', value: 'x' }] }), testCatalog);
    expect(result).toEqual({ ok: false, issues: [{ code: 'invalid_condition', nodeId: 'split', field: 'config.branches.0.condition', message: expect.stringMatching(/^all\[1\]\.operator: "contains" does not apply to a number value/) }] });
  });

  it('keeps event filters to the event\'s properties', () => {
    const result = compileJourney(draft(2, { type: 'tag', operator: 'has', tag: 'vip' }, { type: 'tag', operator: 'has', tag: 'vip' }), testCatalog);
    expect(result).toEqual({ ok: false, issues: [{ code: 'invalid_condition', nodeId: 'start', field: 'config.filter', message: expect.stringContaining("only properties can be tested here") }] });
  });

  it('reports an old condition it cannot upgrade, where it is', () => {
    const result = compileJourney(draft(1, { match: 'all', rules: [{ field: 'contact.id', operator: 'equals', value: 'x' }] }), testCatalog);
    expect(result).toEqual({ ok: false, issues: [{ code: 'invalid_condition', nodeId: 'split', field: 'config.branches.0.condition', message: expect.stringContaining('"contact.id"') }] });
  });
});
