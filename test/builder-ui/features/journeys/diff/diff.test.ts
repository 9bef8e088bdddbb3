import { diffJourneys } from '../../../../../builder-ui/src/features/journeys/diff/diff';
import { JOURNEY_TEMPLATES } from '../../../../../engine/journey/templates';
import type { JourneyDraft } from '../../../../../engine/journey/schema';

const welcome: JourneyDraft = structuredClone(JOURNEY_TEMPLATES.find((template) => template.key === 'welcome-series')?.draft ?? JOURNEY_TEMPLATES[0]!.draft);

describe('the difference between two journey versions', () => {
  it('finds nothing between a version and itself, even with steps moved', () => {
    const moved = { ...welcome, nodes: welcome.nodes.map((node) => ({ ...node, position: { x: node.position.x + 50, y: node.position.y } })) };
    const diff = diffJourneys(welcome, moved);
    expect([...diff.nodes]).toEqual([]);
    expect([...diff.edges]).toEqual([]);
    expect(diff.settingsChanged).toBe(false);
  });

  it('ignores the order of keys, which the database does not keep', () => {
    const reordered = JSON.parse(JSON.stringify(welcome), (_key, value: unknown) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    const diff = diffJourneys(welcome, reordered);
    expect([...diff.nodes]).toEqual([]);
    expect(diff.settingsChanged).toBe(false);
  });

  it('marks added, changed and removed steps, and connections by what they connect', () => {
    const [first, second, ...rest] = welcome.nodes;
    if (!first || !second) throw new Error('template too small');
    const relabelled = { ...second, label: 'Renamed' };
    const added = { id: 'exit-new', kind: 'exit' as const, position: { x: 0, y: 0 }, config: {} };
    const after: JourneyDraft = {
      ...welcome,
      nodes: [first, relabelled, ...rest.slice(1), added],
      edges: [...welcome.edges.filter((edge) => edge.source !== rest[0]?.id && edge.target !== rest[0]?.id), { id: 'zz', source: first.id, target: 'exit-new' }],
      settings: { ...welcome.settings, entryLimit: 5 },
    };
    const diff = diffJourneys(welcome, after);
    expect(diff.nodes.get(second.id)).toBe('changed');
    expect(diff.nodes.get('exit-new')).toBe('added');
    expect(diff.nodes.get(rest[0]?.id ?? '')).toBe('removed');
    expect(diff.removedNodes.map((node) => node.id)).toEqual([rest[0]?.id]);
    expect(diff.edges.get('zz')).toBe('added');
    expect(diff.removedEdges.length).toBeGreaterThan(0);
    expect(diff.settingsChanged).toBe(true);
    expect(diff.nodes.has(first.id)).toBe(false);
  });
});
