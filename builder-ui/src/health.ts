/**
 * The engine's /health body, mirrored from engine/routes/health.ts (the UI may not import it:
 * it talks to the engine over HTTP). The engine answers 503 with the same body when degraded.
 */
export type ComponentStatus = 'ok' | 'error';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { status: ComponentStatus; kind: 'pglite' | 'postgres' };
  temporal: { status: ComponentStatus; address: string; namespace: string };
}

/** A request that takes longer than this counts as unreachable, so polling never stalls on it. */
const TIMEOUT_MS = 4_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isComponentStatus = (value: unknown): value is ComponentStatus => value === 'ok' || value === 'error';

/** Runtime check of what the server sent, so a changed or proxied response cannot crash the UI. */
export function isHealthReport(value: unknown): value is HealthReport {
  if (!isRecord(value) || (value.status !== 'ok' && value.status !== 'degraded')) return false;
  const { database, temporal } = value;
  return (
    isRecord(database) &&
    isComponentStatus(database.status) &&
    (database.kind === 'pglite' || database.kind === 'postgres') &&
    isRecord(temporal) &&
    isComponentStatus(temporal.status) &&
    typeof temporal.address === 'string' &&
    typeof temporal.namespace === 'string'
  );
}

/** The engine's report, or undefined when it cannot be reached or answers something else. */
export async function fetchHealth(signal: AbortSignal): Promise<HealthReport | undefined> {
  const request = new AbortController();
  const abort = (): void => request.abort();
  const timer = setTimeout(abort, TIMEOUT_MS);
  signal.addEventListener('abort', abort, { once: true });
  try {
    // No status check: a 503 still carries the report, and the guard rejects anything else.
    const response = await fetch('/health', { signal: request.signal, headers: { accept: 'application/json' } });
    const body: unknown = await response.json();
    return isHealthReport(body) ? body : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}
