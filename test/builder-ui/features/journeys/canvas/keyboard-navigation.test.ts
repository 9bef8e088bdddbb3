import { neighbour } from '../../../../../builder-ui/src/features/journeys/canvas/keyboard-navigation';
import { outputsOf } from '../../../../../engine/journey/compile';
import { JOURNEY_TEMPLATES } from '../../../../../engine/journey/templates';
import { builtInCatalog } from '../../../support/catalog';

const catalog = builtInCatalog();
const draft = JOURNEY_TEMPLATES.find((template) => template.key === 'abandoned-cart')?.draft;
if (!draft) throw new Error('template missing');
const order = (nodeId: string) => {
  const node = draft.nodes.find((candidate) => candidate.id === nodeId);
  return node ? outputsOf(node, catalog) : [];
};

describe('moving the selection along the journey with the keyboard', () => {
  it('goes down to the first next step, and back up to the step that led there', () => {
    const trigger = draft.nodes.find((node) => node.kind === 'trigger')?.id ?? '';
    const below = neighbour(draft, trigger, 'down', order);
    expect(below).toBe(draft.edges.find((edge) => edge.source === trigger)?.target);
    expect(neighbour(draft, below ?? '', 'up', order)).toBe(trigger);
    expect(neighbour(draft, trigger, 'up', order)).toBeUndefined();
  });

  it('goes left and right among the steps one branch leads to, in the order of its outputs', () => {
    const branch = draft.nodes.find((node) => node.kind === 'branch');
    if (!branch) throw new Error('the template branches');
    const [first, second] = order(branch.id).map((output) => draft.edges.find((edge) => edge.source === branch.id && (edge.sourceHandle ?? 'next') === output)?.target);
    expect(neighbour(draft, first ?? '', 'right', order)).toBe(second);
    expect(neighbour(draft, second ?? '', 'left', order)).toBe(first);
    expect(neighbour(draft, first ?? '', 'left', order)).toBeUndefined();
  });
});
