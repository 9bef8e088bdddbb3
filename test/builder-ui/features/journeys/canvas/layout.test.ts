import { layoutJourney } from '../../../../../builder-ui/src/features/journeys/canvas/layout';
import { JOURNEY_TEMPLATES } from '../../../../../engine/journey/templates';
import { builtInCatalog } from '../../../support/catalog';

const catalog = builtInCatalog();

describe('auto-layout (ELK, layered, top to bottom)', () => {
  it.each(JOURNEY_TEMPLATES.map((template) => [template.key, template.draft] as const))('lays out %s with every connection pointing down and no two steps overlapping', async (_key, draft) => {
    const positions = await layoutJourney(draft, catalog, {});
    expect(Object.keys(positions).sort()).toEqual(draft.nodes.map((node) => node.id).sort());
    for (const edge of draft.edges) expect(positions[edge.target]?.y ?? 0).toBeGreaterThan(positions[edge.source]?.y ?? 0);
    const boxes = Object.values(positions);
    for (const [index, a] of boxes.entries()) {
      for (const b of boxes.slice(index + 1)) expect(Math.abs(a.x - b.x) >= 240 || Math.abs(a.y - b.y) >= 110).toBe(true);
    }
  });

  it('keeps a branch’s outputs in their drawn order, left to right', async () => {
    const draft = JOURNEY_TEMPLATES.find((template) => template.key === 'abandoned-cart')?.draft;
    if (!draft) throw new Error('template missing');
    const positions = await layoutJourney(draft, catalog, {});
    const branch = draft.nodes.find((node) => node.kind === 'branch');
    if (branch?.kind !== 'branch' || branch.config.type !== 'condition') throw new Error('the template has a condition branch');
    const targetOf = (output: string) => draft.edges.find((edge) => edge.source === branch.id && (edge.sourceHandle ?? 'next') === output)?.target ?? '';
    const first = branch.config.branches[0]?.id ?? '';
    expect(positions[targetOf(first)]?.x ?? 0).toBeLessThan(positions[targetOf('else')]?.x ?? 0);
  });
});
