import { useEffect } from 'react';
import { useJourneyStats, type JourneyDetail } from '../../../api/journeys';
import { useEditorContext } from './context';

/** Polls the journey's statistics (while it can move) into the canvas: counts on nodes, shares on edges. */
export function StatsWatcher({ journey, version }: { journey: JourneyDetail; version: number | undefined }) {
  const { store } = useEditorContext();
  const live = journey.publishedVersion !== null;
  const stats = useJourneyStats(journey.id, { version, live: live && journey.status !== 'archived' });
  useEffect(() => {
    if (!live || !stats.data) return store.getState().setStats({});
    store.getState().setStats(Object.fromEntries(stats.data.nodes.map((node) => [node.nodeId, node])));
  }, [live, stats.data, store]);
  return null;
}
