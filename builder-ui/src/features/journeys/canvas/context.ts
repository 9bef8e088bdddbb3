import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ActionCatalog } from '../../../../../engine/journey/catalog';
import type { EditorState, EditorStore } from './store';

export interface EditorContextValue {
  store: EditorStore;
  catalog: ActionCatalog;
  readOnly: boolean;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('the journey editor context is missing');
  return value;
}

/** Reads the open journey's store with a selector (re-renders only when the selection changes). */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorContext().store, selector);
}
