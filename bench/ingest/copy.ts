import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openPglite } from '../../engine/db/pglite';
import type { BenchDatabase, Fixture } from './protocol';
import type { TrackBody } from './traffic';

const COLUMNS = '(id, workspace_id, contact_id, name, properties, message_id, occurred_at)';
const COPY_SQL = (source: string) => `COPY event ${COLUMNS} FROM ${source} WITH (FORMAT csv)`;

const csvField = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/**
 * The same events as event rows in CSV: the contact resolved as the engine would (by id, the
 * shop's id or email; an unseen email takes a known contact, since COPY creates none).
 */
export function eventRowsCsv(fixture: Fixture, events: readonly TrackBody[]): string {
  const { ids, externalIds, emails } = fixture.contacts;
  const byExternalId = new Map(externalIds.map((externalId, index) => [externalId, ids[index]]));
  const byEmail = new Map(emails.map((email, index) => [email, ids[index]]));
  const lines = events.map((event, index) => {
    const contactId = event.contactId ?? (event.externalId === undefined ? undefined : byExternalId.get(event.externalId)) ?? (event.email === undefined ? undefined : byEmail.get(event.email)) ?? ids[index % ids.length] ?? '';
    return [randomUUID(), fixture.workspaceId, contactId, csvField(event.name), csvField(JSON.stringify(event.properties)), csvField(`copy-${event.messageId}`), event.occurredAt].join(',');
  });
  return `${lines.join('\n')}\n`;
}

/**
 * COPYs the rows into the event table of the benchmark's database (after the engine has
 * stopped, for PGlite, which one process opens at a time) and returns the seconds the COPY
 * itself took: the floor for what any ingestion of these events must do.
 */
export async function copySeconds(database: BenchDatabase, csv: string): Promise<number> {
  return database.kind === 'pglite' ? copyIntoPglite(database.dataDir, csv) : copyIntoPostgres(database.url, csv);
}

async function copyIntoPglite(dataDir: string, csv: string): Promise<number> {
  const db = await openPglite(dataDir);
  try {
    const blob = new Blob([csv]);
    const started = performance.now();
    await db.query(COPY_SQL(`'/dev/blob'`), [], { blob });
    return (performance.now() - started) / 1_000;
  } finally {
    await db.close();
  }
}

async function copyIntoPostgres(url: string, csv: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await pipeline(Readable.from([csv]), client.query(copyFrom(COPY_SQL('STDIN'))));
    return (performance.now() - started) / 1_000;
  } finally {
    await client.end();
  }
}
