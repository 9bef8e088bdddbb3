import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { ActionCatalog } from '../../../../../engine/journey/catalog';
import { outputsOf } from '../../../../../engine/journey/compile';
import type { JourneyDraft } from '../../../../../engine/journey/schema';
import type { XY } from './store';

const elk = new ELK();

/** Used for nodes not yet measured on screen. */
const DEFAULT_SIZE = { width: 240, height: 110 };

/**
 * Positions for every node from ELK's layered layout, top to bottom. Each output is a port in
 * the order the node draws its handles, so branches keep their left-to-right order and edges
 * do not cross needlessly.
 */
export async function layoutJourney(draft: JourneyDraft, catalog: ActionCatalog, sizes: Readonly<Record<string, { width: number; height: number }>>): Promise<Record<string, XY>> {
  const graph: ElkNode = {
    id: 'journey',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '60',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: draft.nodes.map((node) => {
      const outputs = outputsOf(node, catalog);
      return {
        id: node.id,
        ...(sizes[node.id] ?? DEFAULT_SIZE),
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: `${node.id}::in`, layoutOptions: { 'elk.port.side': 'NORTH' } },
          // ELK numbers ports clockwise, which runs right to left along the south side.
          ...outputs.map((output, index) => ({ id: `${node.id}::out::${output}`, layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(outputs.length - index) } })),
        ],
      };
    }),
    edges: draft.edges.map((edge) => ({ id: edge.id, sources: [`${edge.source}::out::${edge.sourceHandle ?? 'next'}`], targets: [`${edge.target}::in`] })),
  };
  const laid = await elk.layout(graph);
  const positions: Record<string, XY> = {};
  for (const child of laid.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}
