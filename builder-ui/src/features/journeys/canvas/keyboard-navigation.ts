import type { JourneyDraft } from '../../../../../engine/journey/schema';

export type Direction = 'down' | 'up' | 'left' | 'right';

/**
 * The step to move to from `from`: down to its first next step, up to the step that leads to
 * it, left and right among the steps that share its predecessor (in the order of that step's
 * outputs). Undefined when there is none that way.
 */
export function neighbour(draft: JourneyDraft, from: string, direction: Direction, outputOrder: (nodeId: string) => readonly string[]): string | undefined {
  const outgoing = (nodeId: string) => {
    const order = outputOrder(nodeId);
    return draft.edges
      .filter((edge) => edge.source === nodeId)
      .sort((a, b) => order.indexOf(a.sourceHandle ?? 'next') - order.indexOf(b.sourceHandle ?? 'next'))
      .map((edge) => edge.target);
  };
  const parent = draft.edges.find((edge) => edge.target === from)?.source;
  switch (direction) {
    case 'down':
      return outgoing(from)[0];
    case 'up':
      return parent;
    case 'left':
    case 'right': {
      if (!parent) return undefined;
      const siblings = outgoing(parent);
      const at = siblings.indexOf(from);
      return siblings[at + (direction === 'left' ? -1 : 1)];
    }
  }
}
