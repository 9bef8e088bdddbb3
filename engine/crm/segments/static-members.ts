import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { Prisma, type PrismaClient } from '../../../prisma/generated/client';
import { announceOutbox } from '../changes/outbox';
import type { CompileContext } from './compile';
import { dependency } from './dependencies';
import { reactToChange } from './react';

const { sql } = Prisma;

export class SegmentNotFoundError extends Error {
  override readonly name = 'SegmentNotFoundError';
}

export class StaticSegmentOnlyError extends Error {
  override readonly name = 'StaticSegmentOnlyError';
}

type Db = Pick<PrismaClient, '$transaction'>;

/**
 * Adds contacts to, or removes them from, a static segment: membership, history and the
 * entry/exit events in one transaction, then segments built on this one follow for the same
 * contacts. Contacts of other workspaces are ignored (never an error that reveals them).
 */
export async function changeStaticMembers(
  prisma: Db,
  context: CompileContext,
  segmentId: string,
  contactIds: readonly string[],
  change: 'entered' | 'exited',
  source: string,
): Promise<{ changed: number }> {
  return prisma.$transaction(async (tx) => {
    const segment = await tx.segment.findFirst({ where: { id: segmentId, workspaceId: context.workspaceId }, select: { kind: true } });
    if (!segment) throw new SegmentNotFoundError(`segment ${segmentId} does not exist in this workspace`);
    if (segment.kind !== 'static') throw new StaticSegmentOnlyError(`segment ${segmentId} is dynamic: its members follow its criteria`);
    const ids = [...new Set(contactIds)];
    const changed = change === 'entered' ? await addMembers(tx, context, segmentId, ids, source) : await removeMembers(tx, context, segmentId, ids, source);
    if (changed.length > 0) {
      await announceOutbox(tx, context.workspaceId);
      await reactToChange(tx, context, changed, [dependency.segment(segmentId)]);
    }
    return { changed: changed.length };
  }, { timeout: 120_000 });
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const recordChanges = (workspaceId: string, segmentId: string, source: string, now: Date, change: 'entered' | 'exited') => sql`
  history AS (
    INSERT INTO segment_membership_change (id, workspace_id, segment_id, contact_id, change, source, occurred_at)
    SELECT gen_random_uuid(), ${workspaceId}::uuid, ${segmentId}::uuid, contact_id, ${change}::membership_change_kind, ${source}::text, ${now}::timestamptz FROM changed),
  announced AS (
    INSERT INTO outbox_entry (workspace_id, topic, payload)
    SELECT ${workspaceId}::uuid, ${`segment.${change}`}::text, jsonb_build_object('contactId', contact_id, 'segmentId', ${segmentId}::text, 'source', ${source}::text)
    FROM changed ORDER BY contact_id)`;

async function addMembers(tx: Tx, context: CompileContext, segmentId: string, ids: string[], source: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ contact_id: string }[]>(sql`
    WITH changed AS (
      INSERT INTO segment_membership (segment_id, contact_id, workspace_id, entered_at, source)
      SELECT ${segmentId}::uuid, c.id, c.workspace_id, ${context.now}::timestamptz, ${source}::text
      FROM contact c WHERE c.workspace_id = ${context.workspaceId}::uuid AND c.id = ANY(${ids}::uuid[])
      ON CONFLICT (segment_id, contact_id) DO NOTHING
      RETURNING contact_id),
    ${recordChanges(context.workspaceId, segmentId, source, context.now, 'entered')}
    SELECT contact_id::text AS contact_id FROM changed`);
  return rows.map((row) => row.contact_id);
}

async function removeMembers(tx: Tx, context: CompileContext, segmentId: string, ids: string[], source: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ contact_id: string }[]>(sql`
    WITH changed AS (
      DELETE FROM segment_membership m
      WHERE m.segment_id = ${segmentId}::uuid AND m.workspace_id = ${context.workspaceId}::uuid AND m.contact_id = ANY(${ids}::uuid[])
      RETURNING m.contact_id),
    ${recordChanges(context.workspaceId, segmentId, source, context.now, 'exited')}
    SELECT contact_id::text AS contact_id FROM changed`);
  return rows.map((row) => row.contact_id);
}

export interface CsvImportReport {
  readonly rows: number;
  readonly added: number;
  /** Rows naming no contact of the workspace, or naming nobody at all: 1-based line numbers. */
  readonly unmatched: { line: number; value: string }[];
  readonly invalid: { line: number; message: string }[];
}

const BATCH = 1_000;

/**
 * Adds the contacts listed in a CSV file to a static segment. The header names the key column:
 * `email`, `external_id` (or `externalId`) or `contact_id`. Streamed in batches of 1,000, so
 * a large file never sits in memory; each batch commits on its own (a re-run adds nothing twice).
 */
export async function importStaticMembersCsv(prisma: Db & Pick<PrismaClient, 'contact'>, context: CompileContext, segmentId: string, input: Readable | string): Promise<CsvImportReport> {
  const parser = parse({ columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  const source = typeof input === 'string' ? [input] : input;
  const feed = (async () => {
    for await (const chunk of source) parser.write(chunk);
    parser.end();
  })();
  feed.catch((error: unknown) => parser.destroy(error instanceof Error ? error : new Error(String(error))));
  let rows = 0;
  let added = 0;
  const unmatched: { line: number; value: string }[] = [];
  const invalid: { line: number; message: string }[] = [];
  let batch: { line: number; key: 'email' | 'externalId' | 'id'; value: string }[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const found = await prisma.contact.findMany({
      where: { workspaceId: context.workspaceId, OR: [{ email: { in: batch.filter((row) => row.key === 'email').map((row) => row.value.toLowerCase()) } }, { externalId: { in: batch.filter((row) => row.key === 'externalId').map((row) => row.value) } }, { id: { in: batch.filter((row) => row.key === 'id' && UUID.test(row.value)).map((row) => row.value) } }] },
      select: { id: true, email: true, externalId: true },
    });
    const match = (row: (typeof batch)[number]) => found.find((contact) => (row.key === 'email' ? contact.email === row.value.toLowerCase() : row.key === 'externalId' ? contact.externalId === row.value : contact.id === row.value));
    batch.filter((row) => !match(row)).forEach((row) => unmatched.push({ line: row.line, value: row.value }));
    const ids = batch.map(match).filter((contact) => contact !== undefined).map((contact) => contact.id);
    added += (await changeStaticMembers(prisma, context, segmentId, ids, 'entered', 'import')).changed;
    batch = [];
  };
  for await (const record of parser as AsyncIterable<Record<string, string | undefined>>) {
    rows += 1;
    const line = rows + 1;
    const email = record.email;
    const externalId = record.external_id ?? record.externalid;
    const id = record.contact_id ?? record.contactid;
    if (email) batch.push({ line, key: 'email', value: email });
    else if (externalId) batch.push({ line, key: 'externalId', value: externalId });
    else if (id) batch.push({ line, key: 'id', value: id });
    else invalid.push({ line, message: 'no email, external_id or contact_id on this row' });
    if (batch.length >= BATCH) await flush();
  }
  await feed;
  await flush();
  return { rows, added, unmatched, invalid };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
