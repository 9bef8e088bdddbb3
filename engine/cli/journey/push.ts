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
  if (!saved.ok) return report(file, saved, io);
  const journeyId = field(saved.body, 'journeyId');
  if (typeof journeyId !== 'string') throw new UsageError(`${base} answered without a journey id: is --url the engine?`);
  io.out(`${file}: saved as version ${String(field(saved.body, 'version'))} of journey ${journeyId}`);
  if (!options.publish) return 0;
  const published = await call(`${base}/v1/journeys/${encodeURIComponent(journeyId)}/publish`, 'POST', options.apiKey);
  if (!published.ok) return report(file, published, io);
  io.out(`${file}: published version ${String(field(published.body, 'version'))}`);
  return 0;
}

interface Reply {
  ok: boolean;
  status: number;
  body: unknown;
}

async function call(url: string, method: string, apiKey: string, body?: unknown): Promise<Reply> {
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
  return { ok: response.ok, status: response.status, body: parsed };
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;
}

/** The engine's error, and each node-located issue on its own line. */
function report(file: string, reply: Reply, io: CliIo): number {
  const { body } = reply;
  const message = field(field(body, 'error'), 'message');
  // Something other than the engine (a proxy, a wrong --url) answers without the engine's error body.
  io.err(`${file}: ${typeof message === 'string' ? message : `the server answered HTTP ${reply.status} without an engine error (is --url the engine?)`}`);
  const issues = field(body, 'issues');
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      const where = [field(issue, 'nodeId') && `node ${String(field(issue, 'nodeId'))}`, field(issue, 'field') && `field ${String(field(issue, 'field'))}`].filter(Boolean).join(' ');
      io.err(`${file}: ${where ? `${where}: ` : ''}${String(field(issue, 'message'))}`);
    }
  }
  return 1;
}
