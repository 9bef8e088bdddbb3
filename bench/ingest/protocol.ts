import type { KnownContacts } from './traffic';

// What the benchmark and the server process it starts tell each other over the IPC channel.

/** The database the engine process opens: PGlite in a data folder, or a database on the server. */
export type BenchDatabase = { readonly kind: 'pglite'; readonly dataDir: string } | { readonly kind: 'postgres'; readonly url: string };

export type ServerRequest = { readonly mode: 'hello' } | { readonly mode: 'engine'; readonly database: BenchDatabase; readonly contacts: number };

/** The seeded workspace the load is sent to. */
export interface Fixture {
  readonly workspaceId: string;
  readonly apiKey: string;
  readonly contacts: KnownContacts;
}

export interface Ready {
  readonly type: 'ready';
  readonly port: number;
  readonly fixture: Fixture | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function isKnownContacts(value: unknown): value is KnownContacts {
  return isRecord(value) && isStrings(value.ids) && isStrings(value.externalIds) && isStrings(value.emails);
}

function isFixture(value: unknown): value is Fixture {
  return isRecord(value) && typeof value.workspaceId === 'string' && typeof value.apiKey === 'string' && isKnownContacts(value.contacts);
}

export function isReady(value: unknown): value is Ready {
  return isRecord(value) && value.type === 'ready' && typeof value.port === 'number' && (value.fixture === null || isFixture(value.fixture));
}

function isBenchDatabase(value: unknown): value is BenchDatabase {
  if (!isRecord(value)) return false;
  return (value.kind === 'pglite' && typeof value.dataDir === 'string') || (value.kind === 'postgres' && typeof value.url === 'string');
}

/** The server's request, passed as its one argument (JSON). */
export function parseServerRequest(text: string | undefined): ServerRequest {
  const value: unknown = JSON.parse(text ?? 'null');
  if (isRecord(value) && value.mode === 'hello') return { mode: 'hello' };
  if (isRecord(value) && value.mode === 'engine' && isBenchDatabase(value.database) && typeof value.contacts === 'number') {
    return { mode: 'engine', database: value.database, contacts: value.contacts };
  }
  throw new Error(`not a server request: ${text ?? '(none)'}`);
}
