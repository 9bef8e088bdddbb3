import { useEffect, useState } from 'react';
import { Value } from 'typebox/value';
import { DraftNode, JourneyDraft } from '../../../../../engine/journey/schema';
import { useJourneyVersion, useJourneyVersions } from '../../../api/journeys';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { diffJourneys } from '../diff/diff';
import { useEditor, useEditorContext } from './context';

/** A stored version's graph as a draft, or undefined when it is not one (a corrupted or foreign graph). */
function asDraft(graph: unknown): JourneyDraft | undefined {
  if (!Value.Check(JourneyDraft, graph)) return undefined;
  return { ...graph, nodes: graph.nodes.filter((node): node is DraftNode => Value.Check(DraftNode, node)) };
}

/**
 * Compare the canvas with a published version: added, changed and removed steps are
 * highlighted in place (removed ones as ghosts). Also picks which version's statistics show.
 */
export function CompareControl({ journeyId, statsVersion, onStatsVersion }: { journeyId: string; statsVersion: number | undefined; onStatsVersion: (version: number | undefined) => void }) {
  const { store } = useEditorContext();
  const versions = useJourneyVersions(journeyId);
  const [compareTo, setCompareTo] = useState<number | undefined>(undefined);
  const version = useJourneyVersion(journeyId, compareTo);
  const draft = useEditor((state) => state.draft);
  const comparison = useEditor((state) => state.comparison);
  const published = (versions.data ?? []).filter((candidate) => candidate.publishedAt !== null);

  useEffect(() => {
    const before = version.data ? asDraft(version.data.graph) : undefined;
    store.getState().setComparison(compareTo !== undefined && before ? { version: compareTo, diff: diffJourneys(before, draft) } : undefined);
  }, [compareTo, version.data, draft, store]);

  if (published.length === 0) return null;
  const diff = comparison?.diff;
  const counts = diff ? { added: [...diff.nodes.values()].filter((change) => change === 'added').length, changed: [...diff.nodes.values()].filter((change) => change === 'changed').length, removed: diff.removedNodes.length } : undefined;
  return (
    <div className="toolbar-group">
      <label>
        <span className="visually-hidden">Compare with a version</span>
        <select value={compareTo ?? ''} onChange={(event) => setCompareTo(event.target.value ? Number(event.target.value) : undefined)}>
          <option value="">Compare with…</option>
          {published.map((candidate) => (
            <option key={candidate.id} value={candidate.version}>
              v{candidate.version}
            </option>
          ))}
        </select>
      </label>
      {counts && comparison && (
        <span className="compare-legend" role="status">
          vs v{comparison.version}: {counts.added} added · {counts.changed} changed · {counts.removed} removed{diff?.settingsChanged ? ' · settings changed' : ''}
        </span>
      )}
      {version.isError && <ErrorMessage error={version.error} />}
      <label>
        <span className="visually-hidden">Statistics of</span>
        <select value={statsVersion ?? ''} onChange={(event) => onStatsVersion(event.target.value ? Number(event.target.value) : undefined)}>
          <option value="">Stats: all versions</option>
          {published.map((candidate) => (
            <option key={candidate.id} value={candidate.version}>
              Stats: v{candidate.version}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
