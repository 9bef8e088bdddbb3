import type { DraftEdge, DraftNode, JourneyDraft } from '../../../../../engine/journey/schema';

export type NodeChange = 'added' | 'removed' | 'changed';

/** What changed between two versions of a journey, by node and edge id. Positions are not changes. */
export interface JourneyDiff {
  nodes: ReadonlyMap<string, NodeChange>;
  /** Steps the older version had and the newer one does not, to draw as ghosts. */
  removedNodes: readonly DraftNode[];
  edges: ReadonlyMap<string, 'added' | 'removed'>;
  removedEdges: readonly DraftEdge[];
  settingsChanged: boolean;
}

/** JSON with object keys sorted: the database hands graphs back with its own key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const meaning = (node: DraftNode): string => canonical({ kind: node.kind, label: node.label ?? null, config: node.config });
const route = (edge: DraftEdge): string => `${edge.source}\u0000${edge.sourceHandle ?? 'next'}\u0000${edge.target}`;

export function diffJourneys(before: JourneyDraft, after: JourneyDraft): JourneyDiff {
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const now = new Map(after.nodes.map((node) => [node.id, node]));
  const nodes = new Map<string, NodeChange>();
  for (const [id, node] of now) {
    const previous = old.get(id);
    if (!previous) nodes.set(id, 'added');
    else if (meaning(previous) !== meaning(node)) nodes.set(id, 'changed');
  }
  const removedNodes = before.nodes.filter((node) => !now.has(node.id));
  for (const node of removedNodes) nodes.set(node.id, 'removed');
  // Edges compare by what they connect: ids are arbitrary and get renumbered by editing.
  const oldRoutes = new Set(before.edges.map(route));
  const newRoutes = new Set(after.edges.map(route));
  const edges = new Map<string, 'added' | 'removed'>();
  for (const edge of after.edges) if (!oldRoutes.has(route(edge))) edges.set(edge.id, 'added');
  const removedEdges = before.edges.filter((edge) => !newRoutes.has(route(edge)));
  return { nodes, removedNodes, edges, removedEdges, settingsChanged: canonical(before.settings) !== canonical(after.settings) };
}
