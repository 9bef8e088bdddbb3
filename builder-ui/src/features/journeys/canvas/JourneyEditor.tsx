import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useStore } from 'zustand';
import type { ActionCatalog } from '../../../../../engine/journey/catalog';
import { outputsOf } from '../../../../../engine/journey/compile';
import type { JourneyDraft } from '../../../../../engine/journey/schema';
import type { JourneyDetail } from '../../../api/journeys';
import { StatusBadge } from '../../../components/StatusBadge';
import { Inspector } from '../inspector/Inspector';
import { ProblemsPanel } from '../lint/ProblemsPanel';
import { useProblems } from '../lint/useProblems';
import { Canvas } from './Canvas';
import { EditorContext, type EditorContextValue } from './context';
import { FileControls } from './FileControls';
import { Palette } from './Palette';
import type { PaletteItem } from './palette-items';
import { CompareControl } from './CompareControl';
import { PublishControls } from './PublishControls';
import { StatsWatcher } from './StatsWatcher';
import { createEditorStore, freshId } from './store';
import { useAutosave, type SaveState } from './useAutosave';
import { VersionsMenu } from './VersionsMenu';

function saveText(state: SaveState): string {
  switch (state.kind) {
    case 'pending': return 'Unsaved changes…';
    case 'saving': return 'Saving…';
    case 'saved': return state.at ? `Saved ${state.at.toLocaleTimeString()}` : 'Saved';
    case 'failed': return `Not saved: ${state.message}`;
    case 'conflict': return 'Not saved: changed elsewhere';
  }
}

/** A published version opened read-only (/journeys/:id/versions/:version). */
export interface ViewedVersion {
  version: number;
  publishedAt: string | null;
}

export function JourneyEditor(props: { journey: JourneyDetail; draft: JourneyDraft; catalog: ActionCatalog; readOnly: boolean; viewing?: ViewedVersion | undefined }) {
  const { journey, draft, catalog, viewing } = props;
  const readOnly = props.readOnly || viewing !== undefined;
  const [store] = useState(() => createEditorStore(draft));
  const context = useMemo<EditorContextValue>(() => ({ store, catalog, readOnly }), [store, catalog, readOnly]);
  const save = useAutosave(store, journey.id, journey.revision, { enabled: viewing === undefined });
  const name = useStore(store, (state) => state.draft.name);
  const history = {
    past: useStore(store.temporal, (state) => state.pastStates.length),
    future: useStore(store.temporal, (state) => state.futureStates.length),
  };
  const flow = useReactFlow();
  const [params, setParams] = useSearchParams();
  const [statsVersion, setStatsVersion] = useState<number | undefined>(viewing?.version);

  // The selected step is part of the URL (?node=…), so a link opens the journey on it.
  const selected = useStore(store, (state) => state.selectedNodeIds);
  useEffect(() => {
    const fromUrl = params.get('node');
    if (fromUrl && store.getState().draft.nodes.some((node) => node.id === fromUrl)) store.getState().select([fromUrl]);
    // Only on open: afterwards the store leads and the URL follows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const current = params.get('node');
    const next = selected.length === 1 ? selected[0] : undefined;
    if ((current ?? undefined) === next) return;
    const updated = new URLSearchParams(params);
    if (next) updated.set('node', next);
    else updated.delete('node');
    setParams(updated, { replace: true });
  }, [selected, params, setParams]);

  const tidyUp = async () => {
    // ELK is large and only needed here: loaded on the first tidy-up.
    const { layoutJourney } = await import('./layout');
    const state = store.getState();
    state.moveNodes(await layoutJourney(state.draft, catalog, state.measured));
    window.requestAnimationFrame(() => void flow.fitView({ padding: 0.3, maxZoom: 1, duration: 200 }));
  };

  const addFromPalette = (item: PaletteItem) => {
    const state = store.getState();
    const anchor = state.draft.nodes.find((node) => node.id === state.selectedNodeIds[0]);
    const id = freshId(item.kind, state.draft.nodes.map((node) => node.id));
    const position = anchor ? { x: anchor.position.x, y: anchor.position.y + 160 } : { x: 0, y: state.draft.nodes.reduce((bottom, node) => Math.max(bottom, node.position.y), 0) + 160 };
    const free = anchor && outputsOf(anchor, catalog).find((output) => !state.draft.edges.some((edge) => edge.source === anchor.id && (edge.sourceHandle ?? 'next') === output));
    state.addNode(item.make(id, position), anchor && free ? { source: anchor.id, sourceHandle: free } : undefined);
  };

  return (
    <EditorContext.Provider value={context}>
      <ProblemsWatcher />
      <StatsWatcher journey={journey} version={statsVersion} />
      <main className="editor">
        <header className="editor-toolbar">
          <label className="journey-name">
            <span className="visually-hidden">Journey name</span>
            <input value={name} maxLength={200} disabled={readOnly} onChange={(event) => store.getState().rename(event.target.value)} />
          </label>
          <h1 className="visually-hidden">{name}</h1>
          <StatusBadge status={journey.status} />
          {viewing ? (
            <span className="save-state" role="status">
              Version {viewing.version}, read-only · <Link to={`/journeys/${journey.id}`}>Back to the draft</Link>
            </span>
          ) : (
            <span className={`save-state save-${save.kind}`} role="status" aria-live="polite">
              {saveText(save)}
            </span>
          )}
          <div className="toolbar-group" role="group" aria-label="History">
            <button type="button" disabled={readOnly || history.past === 0} onClick={() => store.temporal.getState().undo()}>
              Undo
            </button>
            <button type="button" disabled={readOnly || history.future === 0} onClick={() => store.temporal.getState().redo()}>
              Redo
            </button>
            <button type="button" onClick={() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 })}>
              Fit view
            </button>
            <button type="button" disabled={readOnly} onClick={() => void tidyUp()}>
              Tidy up
            </button>
          </div>
          <FileControls />
          <CompareControl journeyId={journey.id} statsVersion={statsVersion} onStatsVersion={setStatsVersion} />
          <VersionsMenu journeyId={journey.id} />
          {!viewing && <PublishControls journey={journey} saveState={save} />}
        </header>
        {save.kind === 'conflict' && (
          <div className="banner banner-error" role="alert">
            {save.message}{' '}
            <button type="button" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
        )}
        <div className="editor-body">
          <Palette onAdd={addFromPalette} />
          <Canvas />
          {/* Focusable: it scrolls, and keyboard users must be able to scroll it even when nothing in it is editable. */}
          <div className="editor-side" tabIndex={0} role="region" aria-label="Side panel">
            <Inspector />
            <ProblemsPanel
              onShow={(nodeId, field) => {
                store.getState().select([nodeId]);
                const node = store.getState().draft.nodes.find((candidate) => candidate.id === nodeId);
                if (node) void flow.setCenter(node.position.x + 110, node.position.y + 40, { zoom: 1, duration: 200 });
                // Then the field at fault, once the side panel shows the step's form.
                if (field) window.requestAnimationFrame(() => focusField(field));
              }}
            />
          </div>
        </div>
      </main>
    </EditorContext.Provider>
  );
}

/** `config.input.subject` → the form's `root_subject`; the nearest enclosing field that exists. */
function focusField(field: string): void {
  const path = field.replace(/^config\.(input\.)?/, '').split('.');
  for (let length = path.length; length > 0; length -= 1) {
    const element = document.getElementById(`root_${path.slice(0, length).join('_')}`);
    if (element) {
      element.focus();
      element.scrollIntoView({ block: 'center' });
      return;
    }
  }
}

/** Runs the browser's compile and lint for the open draft. */
function ProblemsWatcher() {
  useProblems();
  return null;
}
