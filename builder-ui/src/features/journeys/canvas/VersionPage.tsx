import { ReactFlowProvider } from '@xyflow/react';
import { Link, useParams } from 'react-router';
import { Value } from 'typebox/value';
import { DraftNode, JourneyDraft } from '../../../../../engine/journey/schema';
import { useActionCatalog } from '../../../api/actions';
import { useJourney, useJourneyVersion } from '../../../api/journeys';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { JourneyEditor } from './JourneyEditor';

function asDraft(graph: unknown): JourneyDraft | undefined {
  if (!Value.Check(JourneyDraft, graph)) return undefined;
  return { ...graph, nodes: graph.nodes.filter((node): node is DraftNode => Value.Check(DraftNode, node)) };
}

/** One published version of a journey on the canvas, read-only: what contacts who entered it run. */
export function VersionPage() {
  const { journeyId = '', version = '' } = useParams();
  const number = Number.parseInt(version, 10);
  const journey = useJourney(journeyId);
  const stored = useJourneyVersion(journeyId, Number.isInteger(number) ? number : undefined);
  const catalog = useActionCatalog();
  const error = journey.error ?? stored.error ?? catalog.error;
  if (error) return <main className="page"><ErrorMessage error={error} /><Link to={`/journeys/${journeyId}`}>Back to the journey</Link></main>;
  if (!journey.data || !stored.data || !catalog.data) return <p className="page-status" role="status">Loading version {version}…</p>;
  const draft = asDraft(stored.data.graph);
  if (!draft) return <main className="page"><p role="alert" className="error-message">Version {version}’s graph is not a journey draft the canvas can show.</p></main>;
  return (
    <ReactFlowProvider>
      <JourneyEditor key={`${journeyId}@${number}`} journey={journey.data} draft={draft} catalog={catalog.data} readOnly viewing={{ version: stored.data.version, publishedAt: stored.data.publishedAt }} />
    </ReactFlowProvider>
  );
}
