import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { useJourneys, type JourneyStatus } from '../../../api/journeys';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { StatusBadge } from '../../../components/StatusBadge';
import { NewJourneyDialog } from './NewJourneyDialog';

const STATUSES: readonly JourneyStatus[] = ['draft', 'active', 'paused', 'archived'];
const numbers = new Intl.NumberFormat();
const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function isStatus(value: string): value is JourneyStatus {
  return STATUSES.some((status) => status === value);
}

export function JourneysPage() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<JourneyStatus | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const q = useDeferredValue(search.trim());
  const journeys = useJourneys({ q, status });

  return (
    <main className="page">
      <div className="page-heading">
        <h1>Journeys</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New journey
        </button>
      </div>
      <div className="filters" role="search">
        <label>
          <span className="visually-hidden">Search journeys</span>
          <input type="search" placeholder="Search by name" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <label>
          <span className="visually-hidden">Status</span>
          <select value={status ?? ''} onChange={(event) => setStatus(isStatus(event.target.value) ? event.target.value : undefined)}>
            <option value="">All statuses</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value[0]?.toUpperCase()}
                {value.slice(1)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {journeys.isError && <ErrorMessage error={journeys.error} />}
      {journeys.isPending && <p role="status">Loading journeys…</p>}
      {journeys.data && journeys.data.length === 0 && (
        <div className="empty card">
          <h2>{q || status ? 'No journey matches' : 'No journeys yet'}</h2>
          <p>Start from a template (welcome series, abandoned cart, win-back…) or a blank canvas.</p>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New journey
          </button>
        </div>
      )}
      {journeys.data && journeys.data.length > 0 && (
        <table className="journeys-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Live version</th>
              <th scope="col" className="numeric">Entered</th>
              <th scope="col" className="numeric">Active</th>
              <th scope="col" className="numeric">Completed</th>
              <th scope="col">Last published</th>
            </tr>
          </thead>
          <tbody>
            {journeys.data.map((journey) => (
              <tr key={journey.id}>
                <th scope="row">
                  <Link to={`/journeys/${journey.id}`}>{journey.name}</Link>
                  {journey.description && <span className="row-description">{journey.description}</span>}
                </th>
                <td>
                  <StatusBadge status={journey.status} />
                </td>
                <td>{journey.publishedVersion === null ? '—' : `v${journey.publishedVersion}`}</td>
                <td className="numeric">{numbers.format(journey.counts.entered)}</td>
                <td className="numeric">{numbers.format(journey.counts.active)}</td>
                <td className="numeric">{numbers.format(journey.counts.completed)}</td>
                <td>{journey.lastPublishedAt ? dates.format(new Date(journey.lastPublishedAt)) : 'Never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && <NewJourneyDialog existingNames={journeys.data?.map((journey) => journey.name) ?? []} onClose={() => setCreating(false)} />}
    </main>
  );
}
