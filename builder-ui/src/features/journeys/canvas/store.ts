import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import type { DraftEdge, DraftNode, JourneyDraft, JourneySettings } from '../../../../../engine/journey/schema';
import type { NodeStats } from '../../../api/journeys';
import type { JourneyDiff } from '../diff/diff';

/** A compile issue (error) or lint finding (warning, info), located on a node and field when it can be. */
export interface Problem {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  nodeId?: string | undefined;
  edgeId?: string | undefined;
  field?: string | undefined;
}

export interface XY {
  x: number;
  y: number;
}

/**
 * The open journey: the draft as plain data (what is saved, undone and redone) plus transient
 * view state (selection, positions mid-drag) that history ignores.
 */
export interface EditorState {
  draft: JourneyDraft;
  selectedNodeIds: readonly string[];
  /** Positions of nodes being dragged; committed to the draft (one undo step) when the drag ends. */
  dragging: Readonly<Record<string, XY>>;
  /** Rendered sizes React Flow measured (for the minimap, fit view and layout); view state. */
  measured: Readonly<Record<string, { width: number; height: number }>>;
  setMeasured(sizes: Readonly<Record<string, { width: number; height: number }>>): void;
  /** Live statistics per node (transient: polled from the engine). */
  stats: Readonly<Record<string, NodeStats>>;
  setStats(stats: Readonly<Record<string, NodeStats>>): void;
  /** The version the canvas is being compared with, and the difference; undefined when not comparing. */
  comparison: { version: number; diff: JourneyDiff } | undefined;
  setComparison(comparison: { version: number; diff: JourneyDiff } | undefined): void;
  /** The latest compile issues and lint findings (transient: recomputed from the draft). */
  problems: readonly Problem[];
  /** The most messages one contact can receive per channel (from the linter; empty while the draft does not compile). */
  maxMessagesPerChannel: Readonly<Record<string, number | 'unbounded'>>;
  setProblems(problems: readonly Problem[], maxMessagesPerChannel: Readonly<Record<string, number | 'unbounded'>>): void;
  addNode(node: DraftNode, connectFrom?: { source: string; sourceHandle: string }): void;
  relabel(nodeId: string, label: string): void;
  replaceNode(node: DraftNode): void;
  /** Moves many nodes at once (auto-layout): one undo step. */
  moveNodes(positions: Readonly<Record<string, XY>>): void;
  dragNodes(positions: Readonly<Record<string, XY>>): void;
  endDrag(): void;
  connect(edge: Omit<DraftEdge, 'id'>): void;
  insertOnEdge(edgeId: string, node: DraftNode): void;
  remove(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  paste(nodes: readonly DraftNode[], edges: readonly DraftEdge[]): void;
  updateSettings(settings: JourneySettings): void;
  rename(name: string): void;
  replaceDraft(draft: JourneyDraft): void;
  select(nodeIds: readonly string[]): void;
}

/** Ids marketers never see but that must be unique and URL-safe: kind plus a counter past the largest in use. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n += 1) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

const edgeIdsOf = (draft: JourneyDraft) => draft.edges.map((edge) => edge.id);

/** A draft's edges without a `next` handle spelt out, so conversions round-trip exactly. */
export function normaliseDraft(draft: JourneyDraft): JourneyDraft {
  return { ...draft, edges: draft.edges.map(({ sourceHandle, ...edge }) => (sourceHandle === undefined || sourceHandle === 'next' ? edge : { ...edge, sourceHandle })) };
}

export function createEditorStore(initial: JourneyDraft) {
  return createStore<EditorState>()(
    temporal(
      (set, get) => {
        const editDraft = (change: (draft: JourneyDraft) => JourneyDraft) => set({ draft: change(get().draft) });
        return {
          draft: normaliseDraft(initial),
          selectedNodeIds: [],
          dragging: {},
          measured: {},
          setMeasured: (sizes) => set((state) => ({ measured: { ...state.measured, ...sizes } })),
          stats: {},
          setStats: (stats) => set({ stats }),
          comparison: undefined,
          setComparison: (comparison) => set({ comparison }),
          problems: [],
          maxMessagesPerChannel: {},
          setProblems: (problems, maxMessagesPerChannel) => set({ problems, maxMessagesPerChannel }),
          addNode: (node, connectFrom) =>
            set((state) => {
              const edges = connectFrom
                ? [...state.draft.edges, { id: freshId('e', edgeIdsOf(state.draft)), source: connectFrom.source, target: node.id, ...(connectFrom.sourceHandle !== 'next' && { sourceHandle: connectFrom.sourceHandle }) }]
                : state.draft.edges;
              return { draft: { ...state.draft, nodes: [...state.draft.nodes, node], edges }, selectedNodeIds: [node.id] };
            }),
          relabel: (nodeId, label) =>
            editDraft((draft) => ({
              ...draft,
              nodes: draft.nodes.map((node): DraftNode => {
                if (node.id !== nodeId) return node;
                const { label: _old, ...rest } = node;
                return label.trim() ? { ...rest, label } : rest;
              }),
            })),
          replaceNode: (replacement) => editDraft((draft) => ({ ...draft, nodes: draft.nodes.map((node) => (node.id === replacement.id ? replacement : node)) })),
          moveNodes: (positions) =>
            editDraft((draft) => ({ ...draft, nodes: draft.nodes.map((node) => (positions[node.id] ? { ...node, position: positions[node.id] ?? node.position } : node)) })),
          dragNodes: (positions) => set((state) => ({ dragging: { ...state.dragging, ...positions } })),
          endDrag: () => {
            const { dragging } = get();
            if (Object.keys(dragging).length === 0) return;
            set((state) => ({
              dragging: {},
              draft: { ...state.draft, nodes: state.draft.nodes.map((node) => (dragging[node.id] ? { ...node, position: dragging[node.id] ?? node.position } : node)) },
            }));
          },
          connect: (edge) =>
            editDraft((draft) => {
              const handle = edge.sourceHandle ?? 'next';
              // Each output takes one edge: a new connection replaces the old one.
              const kept = draft.edges.filter((existing) => !(existing.source === edge.source && (existing.sourceHandle ?? 'next') === handle));
              const { sourceHandle: _handle, ...rest } = edge;
              return { ...draft, edges: [...kept, { id: freshId('e', edgeIdsOf(draft)), ...rest, ...(handle !== 'next' && { sourceHandle: handle }) }] };
            }),
          insertOnEdge: (edgeId, node) =>
            set((state) => {
              const edge = state.draft.edges.find((candidate) => candidate.id === edgeId);
              if (!edge) return state;
              const ids = edgeIdsOf(state.draft);
              const first = { ...edge, target: node.id };
              const second = { id: freshId('e', [...ids]), source: node.id, target: edge.target };
              return {
                draft: { ...state.draft, nodes: [...state.draft.nodes, node], edges: [...state.draft.edges.filter((candidate) => candidate.id !== edgeId), first, second] },
                selectedNodeIds: [node.id],
              };
            }),
          remove: (nodeIds, edgeIds) =>
            set((state) => {
              const nodes = new Set(nodeIds);
              const edges = new Set(edgeIds);
              return {
                draft: {
                  ...state.draft,
                  nodes: state.draft.nodes.filter((node) => !nodes.has(node.id)),
                  edges: state.draft.edges.filter((edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target)),
                },
                selectedNodeIds: state.selectedNodeIds.filter((id) => !nodes.has(id)),
              };
            }),
          paste: (nodes, edges) =>
            set((state) => {
              // Fresh ids for everything pasted, so a paste into the same journey never collides.
              const takenNodes = state.draft.nodes.map((node) => node.id);
              const rename = new Map<string, string>();
              for (const node of nodes) {
                const id = freshId(node.kind, [...takenNodes, ...rename.values()]);
                rename.set(node.id, id);
              }
              const pastedNodes = nodes.map((node) => ({ ...node, id: rename.get(node.id) ?? node.id, position: { x: node.position.x + 40, y: node.position.y + 40 } }));
              const takenEdges = edgeIdsOf(state.draft);
              const pastedEdges: DraftEdge[] = [];
              for (const edge of edges) {
                const source = rename.get(edge.source);
                const target = rename.get(edge.target);
                if (!source || !target) continue;
                pastedEdges.push({ ...edge, id: freshId('e', [...takenEdges, ...pastedEdges.map((pasted) => pasted.id)]), source, target });
              }
              return {
                draft: { ...state.draft, nodes: [...state.draft.nodes, ...pastedNodes], edges: [...state.draft.edges, ...pastedEdges] },
                selectedNodeIds: pastedNodes.map((node) => node.id),
              };
            }),
          updateSettings: (settings) => editDraft((draft) => ({ ...draft, settings })),
          rename: (name) => editDraft((draft) => ({ ...draft, name })),
          replaceDraft: (draft) => set({ draft: normaliseDraft(draft), selectedNodeIds: [] }),
          select: (nodeIds) => set({ selectedNodeIds: nodeIds }),
        };
      },
      {
        // Only the draft is history: selecting or dragging is not an edit.
        partialize: (state) => ({ draft: state.draft }),
        equality: (past, current) => past.draft === current.draft,
        limit: 200,
      },
    ),
  );
}

export type EditorStore = ReturnType<typeof createEditorStore>;
