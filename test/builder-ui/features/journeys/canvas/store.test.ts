import { createEditorStore, freshId } from '../../../../../builder-ui/src/features/journeys/canvas/store';
import { fromFlow, toFlowEdges, toFlowNodes } from '../../../../../builder-ui/src/features/journeys/canvas/convert';
import { JOURNEY_TEMPLATES } from '../../../../../engine/journey/templates';
import { DRAFT_SCHEMA_VERSION, type DraftNode, type JourneyDraft } from '../../../../../engine/journey/schema';

const wait = (id: string, y = 0): DraftNode => ({ id, kind: 'wait', position: { x: 0, y }, config: { type: 'delay', duration: { amount: 1, unit: 'days' } } });

function start(): JourneyDraft {
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    name: 'Store test',
    settings: { reentry: { mode: 'never' }, exitCriteria: [] },
    nodes: [{ id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, config: { type: 'manual' } }],
    edges: [],
  };
}

describe('the journey editor store', () => {
  it('adds, connects, relabels and removes steps as plain data', () => {
    const store = createEditorStore(start());
    store.getState().addNode(wait('wait-1', 160), { source: 'trigger', sourceHandle: 'next' });
    store.getState().relabel('wait-1', 'A day later');
    expect(store.getState().draft.nodes[1]).toMatchObject({ id: 'wait-1', label: 'A day later' });
    expect(store.getState().draft.edges).toEqual([{ id: 'e-1', source: 'trigger', target: 'wait-1' }]);
    store.getState().remove(['wait-1'], []);
    expect(store.getState().draft.nodes.map((node) => node.id)).toEqual(['trigger']);
    expect(store.getState().draft.edges).toEqual([]);
  });

  it('gives each output one edge: connecting it again replaces the old edge', () => {
    const store = createEditorStore(start());
    store.getState().addNode(wait('a', 160));
    store.getState().addNode(wait('b', 320));
    store.getState().connect({ source: 'trigger', target: 'a' });
    store.getState().connect({ source: 'trigger', target: 'b' });
    expect(store.getState().draft.edges.map((edge) => edge.target)).toEqual(['b']);
  });

  it('inserts a step into an edge, which becomes two', () => {
    const store = createEditorStore(start());
    store.getState().addNode(wait('a', 160), { source: 'trigger', sourceHandle: 'next' });
    const [edge] = store.getState().draft.edges;
    store.getState().insertOnEdge(edge?.id ?? '', wait('middle', 80));
    expect(store.getState().draft.edges.map((candidate) => [candidate.source, candidate.target])).toEqual([['trigger', 'middle'], ['middle', 'a']]);
  });

  it('undoes and redoes every edit, and a whole drag as one step; selection is not history', () => {
    const store = createEditorStore(start());
    const history = () => store.temporal.getState();
    store.getState().addNode(wait('a', 160));
    store.getState().select(['a']);
    store.getState().dragNodes({ a: { x: 10, y: 170 } });
    store.getState().dragNodes({ a: { x: 50, y: 200 } });
    store.getState().endDrag();
    expect(history().pastStates).toHaveLength(2);
    expect(store.getState().draft.nodes[1]?.position).toEqual({ x: 50, y: 200 });
    history().undo();
    expect(store.getState().draft.nodes[1]?.position).toEqual({ x: 0, y: 160 });
    history().undo();
    expect(store.getState().draft.nodes).toHaveLength(1);
    history().redo();
    history().redo();
    expect(store.getState().draft.nodes[1]?.position).toEqual({ x: 50, y: 200 });
  });

  it('pastes copies with fresh node and edge ids, keeping the edges between them', () => {
    const store = createEditorStore(start());
    store.getState().addNode(wait('wait-1', 160), { source: 'trigger', sourceHandle: 'next' });
    store.getState().addNode(wait('wait-2', 320), { source: 'wait-1', sourceHandle: 'next' });
    const { nodes, edges } = store.getState().draft;
    store.getState().paste(nodes.slice(1), edges);
    const draft = store.getState().draft;
    expect(new Set(draft.nodes.map((node) => node.id)).size).toBe(5);
    expect(new Set(draft.edges.map((edge) => edge.id)).size).toBe(draft.edges.length);
    expect(draft.edges.at(-1)).toMatchObject({ source: 'wait-3', target: 'wait-4' });
    expect(store.getState().selectedNodeIds).toEqual(['wait-3', 'wait-4']);
    expect(freshId('wait', ['wait-1', 'wait-3'])).toBe('wait-2');
  });
});

describe('draft ⇄ canvas conversion', () => {
  it.each(JOURNEY_TEMPLATES.map((template) => [template.key, template.draft] as const))('round-trips the %s template exactly', (_key, draft) => {
    const store = createEditorStore(draft);
    const loaded = store.getState().draft;
    expect(fromFlow(loaded, toFlowNodes(loaded), toFlowEdges(loaded))).toEqual(loaded);
    // Only `next` handles are left implicit, as journey files write them.
    expect(loaded.edges.map((edge) => edge.sourceHandle ?? 'next')).toEqual(draft.edges.map((edge) => edge.sourceHandle ?? 'next'));
  });

  it('keeps node data to saveable config: the draft node itself, no callbacks', () => {
    const draft = JOURNEY_TEMPLATES[0]?.draft ?? start();
    for (const flowNode of toFlowNodes(draft)) {
      expect(JSON.parse(JSON.stringify(flowNode.data))).toEqual(flowNode.data);
      expect(flowNode.type).toBe(flowNode.data.node.kind);
    }
  });
});
