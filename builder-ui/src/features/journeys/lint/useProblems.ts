import { useEffect } from 'react';
import { compileJourney } from '../../../../../engine/journey/compile';
import { lintJourney } from '../../../../../engine/journey/lint';
import { useEditor, useEditorContext } from '../canvas/context';
import type { Problem } from '../canvas/store';

/**
 * Compiles and lints the draft in the browser, with the very modules the server publishes
 * with, a moment after each edit; the findings land on the nodes and in the problems list.
 */
export function useProblems(delayMs = 250): void {
  const { store, catalog } = useEditorContext();
  const draft = useEditor((state) => state.draft);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const compiled = compileJourney(draft, catalog);
      if (!compiled.ok) {
        store.getState().setProblems(compiled.issues.map((issue): Problem => ({ severity: 'error', ...issue })), {});
        return;
      }
      const report = lintJourney(compiled.plan, { catalog });
      store.getState().setProblems(report.findings.map((finding): Problem => ({ ...finding })), report.maxMessagesPerChannel);
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [draft, catalog, store, delayMs]);
}
