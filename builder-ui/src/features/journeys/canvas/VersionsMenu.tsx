import { Link } from 'react-router';
import { useJourneyVersions } from '../../../api/journeys';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every version of the journey; published ones open read-only on the canvas. */
export function VersionsMenu({ journeyId }: { journeyId: string }) {
  const versions = useJourneyVersions(journeyId);
  const published = (versions.data ?? []).filter((version) => version.publishedAt !== null);
  if (published.length === 0) return null;
  return (
    <details className="versions-menu">
      <summary>Versions</summary>
      <ul>
        {published.map((version) => (
          <li key={version.id}>
            <Link to={`/journeys/${journeyId}/versions/${version.version}`}>
              v{version.version} · published {version.publishedAt ? when.format(new Date(version.publishedAt)) : ''}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
