import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type NodeChange, type EdgeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, type DragEvent } from 'react';
import { outputsOf } from '../../../../../engine/journey/compile';
import { copySteps, readCopiedSteps } from './clipboard';
import { connectionProblem } from './connections';
import { useEditor, useEditorContext } from './context';
import { toFlowEdges, toFlowNodes, type JourneyFlowNode } from './convert';
import { edgeTypes } from './JourneyEdge';
import { nodeTypes } from './nodes';
import { neighbour, type Direction } from './keyboard-navigation';
import { PALETTE_MIME, paletteItems } from './palette-items';
import { freshId, type XY } from './store';

const KIND_COLOURS: Readonly<Record<string, string>> = { trigger: '#7048e8', wait: '#1971c2', branch: '#e67700', action: '#2b8a3e', exit: '#868e96' };
const minimapColor = (node: JourneyFlowNode): string => KIND_COLOURS[node.type ?? ''] ?? '#868e96';

/** The share of a step's contacts that went on along one connection (from the target's count when it has one way in). */
function edgeShare(from: number | undefined, to: number | undefined): string | undefined {
  if (!from || to === undefined) return undefined;
  return `${Math.round((Math.min(to, from) / from) * 100)}%`;
}

const ARROWS: Readonly<Record<string, Direction>> = { ArrowDown: 'down', ArrowUp: 'up', ArrowLeft: 'left', ArrowRight: 'right' };

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The journey as a graph: drag from the palette, connect outputs, select, move, delete, copy and paste. */
export function Canvas() {
  const { store, catalog, readOnly } = useEditorContext();
  const draft = useEditor((state) => state.draft);
  const dragging = useEditor((state) => state.dragging);
  const selected = useEditor((state) => state.selectedNodeIds);
  const measured = useEditor((state) => state.measured);
  const comparison = useEditor((state) => state.comparison);
  const stats = useEditor((state) => state.stats);
  const flow = useReactFlow();
  const items = useMemo(() => paletteItems(catalog), [catalog]);

  const nodes = useMemo(() => {
    const current = toFlowNodes(draft, dragging, selected, measured);
    // Steps the compared version had and this one does not: drawn where they were, as ghosts.
    const ghosts = (comparison?.diff.removedNodes ?? []).map((node): JourneyFlowNode => ({
      id: `removed:${node.id}`, type: node.kind, position: node.position, data: { node }, selectable: false, draggable: false, connectable: false, deletable: false,
    }));
    return [...current, ...ghosts];
  }, [draft, dragging, selected, measured, comparison]);
  const edges = useMemo(
    () =>
      toFlowEdges(draft).map((edge) => {
        const change = comparison?.diff.edges.get(edge.id);
        const share = edgeShare(stats[edge.source]?.entered, stats[edge.target]?.entered);
        return { ...edge, ...(change && { className: `diff-${change}` }), ...(share && { data: { share } }) };
      }),
    [draft, comparison, stats],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<JourneyFlowNode>[]) => {
      const moved: Record<string, XY> = {};
      const sizes: Record<string, { width: number; height: number }> = {};
      let dragEnded = false;
      const selection = new Set(store.getState().selectedNodeIds);
      let selectionChanged = false;
      for (const change of changes) {
        if (change.type === 'position' && change.position) moved[change.id] = change.position;
        if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
        if (change.type === 'position' && change.dragging === false) dragEnded = true;
        if (change.type === 'select') {
          selectionChanged = true;
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      if (Object.keys(sizes).length > 0) store.getState().setMeasured(sizes);
      if (Object.keys(moved).length > 0 && !readOnly) store.getState().dragNodes(moved);
      if (dragEnded) store.getState().endDrag();
      if (selectionChanged) store.getState().select([...selection]);
    },
    [store, readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const removed = changes.flatMap((change) => (change.type === 'remove' ? [change.id] : []));
      if (removed.length > 0 && !readOnly) store.getState().remove([], removed);
    },
    [store, readOnly],
  );

  const isValidConnection = useCallback((connection: Connection | Edge) => connectionProblem(store.getState().draft, connection) === undefined, [store]);

  const onConnect = useCallback(
    (connection: Connection) => {
      if (readOnly || connectionProblem(store.getState().draft, connection)) return;
      store.getState().connect({ source: connection.source, target: connection.target, ...(connection.sourceHandle && { sourceHandle: connection.sourceHandle }) });
    },
    [store, readOnly],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const key = event.dataTransfer.getData(PALETTE_MIME);
      const item = items.find((candidate) => candidate.key === key);
      if (!item || readOnly) return;
      event.preventDefault();
      const position = flow.screenToFlowPosition({ x: event.clientX - 110, y: event.clientY - 30 });
      const node = item.make(freshId(item.kind, store.getState().draft.nodes.map((existing) => existing.id)), position);
      const edgeTarget = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-edge-id]') : null;
      const edgeId = edgeTarget?.dataset.edgeId;
      if (edgeId) store.getState().insertOnEdge(edgeId, node);
      else store.getState().addNode(node);
    },
    [flow, items, store, readOnly],
  );

  // Undo, redo, copy and paste from the keyboard, except while typing in a form field; Alt and
  // an arrow moves the selection along the journey (arrows alone move the selected steps).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const direction = event.altKey ? ARROWS[event.key] : undefined;
      if (direction) {
        const state = store.getState();
        const from = state.selectedNodeIds[0] ?? state.draft.nodes.find((node) => node.kind === 'trigger')?.id;
        const to = from && neighbour(state.draft, from, direction, (nodeId) => {
          const node = state.draft.nodes.find((candidate) => candidate.id === nodeId);
          return node ? outputsOf(node, catalog) : [];
        });
        if (!to) return;
        event.preventDefault();
        state.select([to]);
        const target = state.draft.nodes.find((node) => node.id === to);
        if (target) void flow.setCenter(target.position.x + 120, target.position.y + 50, { zoom: flow.getZoom(), duration: 150 });
        document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(to)}"]`)?.focus();
        return;
      }
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      const history = store.temporal.getState();
      if (key === 'z' && !event.shiftKey && !readOnly) history.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') {
        if (!readOnly) history.redo();
      } else if (key === 'c') {
        const state = store.getState();
        const chosen = new Set(state.selectedNodeIds);
        copySteps(state.draft.nodes.filter((node) => chosen.has(node.id)), state.draft.edges);
        return;
      } else if (key === 'v' && !readOnly) {
        const copied = readCopiedSteps();
        if (copied) store.getState().paste(copied.nodes, copied.edges);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, readOnly, catalog, flow]);

  return (
    <div className="canvas" onDragOver={(event) => event.dataTransfer.types.includes(PALETTE_MIME) && event.preventDefault()} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onDelete={({ nodes: removedNodes, edges: removedEdges }) => !readOnly && store.getState().remove(removedNodes.map((node) => node.id), removedEdges.map((edge) => edge.id))}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        defaultEdgeOptions={{ type: 'journey' }}
        fitView
        fitViewOptions={{ padding: 0.3, maxZoom: 1 }}
        minZoom={0.1}
        attributionPosition="top-right"
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel="Mini map of the journey" nodeColor={minimapColor} nodeBorderRadius={6} style={{ width: 150, height: 100 }} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
