import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { Value } from 'typebox/value';
import { DraftNode, JourneyDraft } from '../../../../../engine/journey/schema';
import { useActionCatalog } from '../../../api/actions';
import { useJourney, type JourneyDetail } from '../../../api/journeys';
import { useSession } from '../../../api/session';
import { ErrorMessage } from '../../../components/ErrorMessage';
import type { ActionCatalog } from '../../../../../engine/journey/catalog';
import { JourneyEditor } from './JourneyEditor';

/** The stored graph as a draft; nodes that no longer fit their schema are kept out rather than crash the canvas. */
function draftOf(journey: JourneyDetail): { draft: JourneyDraft; dropped: number } | undefined {
  if (!Value.Check(JourneyDraft, journey.graph)) return undefined;
  const nodes = journey.graph.nodes.filter((node): node is DraftNode => Value.Check(DraftNode, node));
  return { draft: { ...journey.graph, nodes }, dropped: journey.graph.nodes.length - nodes.length };
}

export function JourneyEditorPage() {
  const { journeyId = '' } = useParams();
  const journey = useJourney(journeyId);
  const catalog = useActionCatalog();
  const session = useSession();
  if (journey.isError || catalog.isError) return <main className="page"><ErrorMessage error={journey.error ?? catalog.error} /><Link to="/journeys">Back to journeys</Link></main>;
  // Only a copy fetched now: the editor starts from it, and saves against its revision.
  if (!journey.data || !journey.isFetchedAfterMount || !catalog.data) return <p className="page-status" role="status">Loading the journey…</p>;
  const readOnly = session.data?.workspace?.role === 'viewer';
  return <LoadedEditor key={journeyId} journey={journey.data} catalog={catalog.data} readOnly={readOnly} />;
}

function LoadedEditor({ journey, catalog, readOnly }: { journey: JourneyDetail; catalog: ActionCatalog; readOnly: boolean }) {
  const loaded = useMemo(() => draftOf(journey), [journey]);
  if (!loaded) {
    return (
      <main className="page">
        <p role="alert" className="error-message">This journey’s saved graph is not a journey draft, so the canvas cannot open it. Push a corrected journey file to repair it.</p>
      </main>
    );
  }
  return (
    <ReactFlowProvider>
      <JourneyEditor journey={journey} draft={loaded.draft} catalog={catalog} readOnly={readOnly} />
    </ReactFlowProvider>
  );
}
