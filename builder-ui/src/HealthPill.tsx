import { useEffect, useState } from 'react';
import { fetchHealth, type HealthReport } from './health';

const POLL_MS = 5_000;

type Shown = { kind: 'checking' } | { kind: 'unreachable' } | { kind: 'report'; report: HealthReport };

/** Shows whether the engine, its database and Temporal are up, refreshed every few seconds. */
export function HealthPill() {
  const [shown, setShown] = useState<Shown>({ kind: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    const check = async (): Promise<void> => {
      const report = await fetchHealth(controller.signal);
      if (!controller.signal.aborted) setShown(report ? { kind: 'report', report } : { kind: 'unreachable' });
    };
    void check();
    const timer = setInterval(() => void check(), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, []);

  if (shown.kind !== 'report') {
    return <span className={`pill pill-${shown.kind === 'checking' ? 'pending' : 'bad'}`}>{shown.kind === 'checking' ? 'checking…' : 'engine unreachable'}</span>;
  }
  const { report } = shown;
  const detail = `database (${report.database.kind}): ${report.database.status} · Temporal ${report.temporal.address}: ${report.temporal.status}`;
  return (
    <span className={`pill pill-${report.status === 'ok' ? 'ok' : 'bad'}`} title={detail} data-testid="health">
      {report.status === 'ok' ? 'all systems ok' : 'degraded'}
    </span>
  );
}
