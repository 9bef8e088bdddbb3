import { useEffect, useState } from 'react';
import { fetchHealth, type HealthReport } from './health';

const POLL_MS = 5_000;

type Shown = { kind: 'checking' } | { kind: 'unreachable' } | { kind: 'report'; report: HealthReport };

/** Shows whether the engine, its database and Temporal are up, refreshed every few seconds. */
export function HealthPill() {
  const [shown, setShown] = useState<Shown>({ kind: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The next check is scheduled when the previous one settles (not setInterval), so a slow
    // engine never has several requests from one tab piling up.
    const check = async (): Promise<void> => {
      const report = await fetchHealth(controller.signal);
      if (controller.signal.aborted) return;
      setShown(report ? { kind: 'report', report } : { kind: 'unreachable' });
      timer = setTimeout(() => void check(), POLL_MS);
    };
    void check();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, []);

  if (shown.kind === 'checking') return <span className="pill pill-pending">checking…</span>;
  if (shown.kind === 'unreachable') {
    return (
      <span className="pill pill-bad" data-testid="health">
        engine unreachable
      </span>
    );
  }
  const { database, temporal, status } = shown.report;
  const detail = `database (${database.kind}): ${database.status} · Temporal ${temporal.address}/${temporal.namespace}: ${temporal.status}`;
  return (
    <span className={`pill pill-${status === 'ok' ? 'ok' : 'bad'}`} title={detail} data-testid="health">
      {status === 'ok' ? 'all systems ok' : 'degraded'}
    </span>
  );
}
