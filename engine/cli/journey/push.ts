import { readJourneyFile } from './files';
import { UsageError, type CliIo } from './io';

export interface PushOptions {
  url: string;
  apiKey: string;
  publish: boolean;
}

/** `push <file> --url --api-key [--publish]`: saves the draft on a running engine, optionally publishes it. */
export async function pushCommand(file: string, options: PushOptions, io: CliIo): Promise<number> {
  const draft = await readJourneyFile(file);
  const base = options.url.replace(/\/+$/, '');
  const saved = await call(`${base}/v1/journeys/drafts`, 'PUT', options.apiKey, draft);
  if (!saved.ok) return report(file, saved.body, io);
  const journeyId = field(saved.body, 'journeyId');
  io.out(`${file}: saved as version ${String(field(saved.body, 'version'))} of journey ${String(journeyId)}`);
  if (!options.publish) return 0;
  const published = await call(`${base}/v1/journeys/${String(journeyId)}/publish`, 'POST', options.apiKey);
  if (!published.ok) return report(file, published.body, io);
  io.out(`${file}: published version ${String(field(published.body, 'version'))}`);
  return 0;
}

async function call(url: string, method: string, apiKey: string, body?: unknown): Promise<{ ok: boolean; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new UsageError(`cannot reach the engine at ${url}: ${cause}`);
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  return { ok: response.ok, body: parsed };
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;
}

/** The engine's error, and each node-located issue on its own line. */
function report(file: string, body: unknown, io: CliIo): number {
  const error = field(body, 'error');
  io.err(`${file}: ${String(field(error, 'message') ?? 'the engine refused the request')}`);
  const issues = field(body, 'issues');
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      const where = [field(issue, 'nodeId') && `node ${String(field(issue, 'nodeId'))}`, field(issue, 'field') && `field ${String(field(issue, 'field'))}`].filter(Boolean).join(' ');
      io.err(`${file}: ${where ? `${where}: ` : ''}${String(field(issue, 'message'))}`);
    }
  }
  return 1;
}
