import { useEffect, useRef, useState } from 'react';
import { saveDraft } from '../../../api/journeys';
import { ApiProblem, describeError } from '../../../api/errors';
import type { EditorStore } from './store';

export type SaveState = { kind: 'saved'; at: Date | undefined } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'failed'; message: string } | { kind: 'conflict'; message: string };

/**
 * Saves the draft a moment after each edit, one save at a time, with the revision it was
 * loaded at: a tab holding an older revision gets a conflict and never overwrites newer work.
 */
export function useAutosave(store: EditorStore, journeyId: string, initialRevision: number, options: { enabled: boolean; delayMs?: number } = { enabled: true }): SaveState {
  const { enabled, delayMs = 700 } = options;
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: undefined });
  const revision = useRef(initialRevision);
  const saved = useRef(store.getState().draft);
  const inFlight = useRef(false);
  const blocked = useRef(false);

  useEffect(() => {
    // A version opened read-only is never saved.
    if (!enabled) return undefined;
    let timer: number | undefined;
    const flush = async () => {
      const draft = store.getState().draft;
      if (draft === saved.current || inFlight.current || blocked.current) return;
      inFlight.current = true;
      setState({ kind: 'saving' });
      try {
        const result = await saveDraft(journeyId, draft, revision.current);
        revision.current = result.revision;
        saved.current = draft;
        setState({ kind: 'saved', at: new Date(result.savedAt) });
      } catch (error) {
        if (error instanceof ApiProblem && error.code === 'DRAFT_CONFLICT') {
          blocked.current = true;
          setState({ kind: 'conflict', message: error.message });
        } else setState({ kind: 'failed', message: describeError(error).message });
      } finally {
        inFlight.current = false;
      }
      // Edits made while saving go out next.
      if (!blocked.current && store.getState().draft !== saved.current) schedule();
    };
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void flush(), delayMs);
    };
    const unsubscribe = store.subscribe((next, previous) => {
      if (next.draft === previous.draft) return;
      // Shown at once, so nobody publishes (or leaves) believing an edit is already saved.
      if (!inFlight.current && !blocked.current) setState({ kind: 'pending' });
      schedule();
    });
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (store.getState().draft !== saved.current && !blocked.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [store, journeyId, delayMs, enabled]);
  return state;
}
