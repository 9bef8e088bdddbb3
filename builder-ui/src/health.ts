/** The engine's /health body (see engine/routes/health.ts); 503 responses carry it too. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { status: 'ok' | 'unavailable'; kind: 'pglite' | 'postgres' };
  temporal: { status: 'ok' | 'unavailable'; address: string; namespace: string };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isComponentStatus = (value: unknown): value is 'ok' | 'unavailable' => value === 'ok' || value === 'unavailable';

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

export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport | undefined> {
  try {
    const response = await fetch('/health', { signal, headers: { accept: 'application/json' } });
    const body: unknown = await response.json();
    return isHealthReport(body) ? body : undefined;
  } catch {
    return undefined;
  }
}
