import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { PrismaClient } from '../../../prisma/generated/client';
import { check, errors } from '../../journey/compile/validators';
import { ContactIdentityConflictError, ContactIdentityTakenError, ContactInvalidError } from '../errors';
import { ContactInput } from '../input';
import { upsertContact } from '../upsert';
import { SYSTEM_ORIGIN, type ConsentOrigin } from '../../consent';
import { meaningOf, rowToInput, type ColumnMeaning } from './columns';

export interface ContactImportReport {
  /** Data rows read (the header not counted). */
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rows naming a contact an earlier row of the file already named: skipped (the first row wins). */
  readonly duplicates: { line: number; duplicateOf: number }[];
  /** Rows refused, each with the column at fault. 1-based line numbers, the header being line 1. */
  readonly invalid: { line: number; field: string; message: string }[];
  /** How many more refused rows there were than `invalid` lists. */
  readonly invalidNotListed: number;
}

export class ContactImportHeaderError extends Error {
  override readonly name = 'ContactImportHeaderError';
}

/** Reported rows are capped, so a wholly wrong file of a million rows still answers in a page. */
const MAX_LISTED = 1_000;

type Db = Pick<PrismaClient, '$transaction' | '$queryRaw'>;

/**
 * Imports contacts from a CSV file, streamed row by row (a large file never sits in memory).
 * Each row is validated like `PUT /v1/contacts` and upserted by external id, else email, in its
 * own transaction (so one bad row loses nothing else, and the contact is rescored and its
 * segments moved as with any change). A re-run changes nothing. Rows that name a contact an
 * earlier row named are reported and skipped: within one file, the first row wins.
 */
export async function importContactsCsv(
  prisma: Db,
  workspaceId: string,
  input: Readable | string,
  now: Date,
  onProgress?: (rows: number) => void,
  /** Who imports, recorded with each consent decision of the file (source `import`). */
  origin: ConsentOrigin = SYSTEM_ORIGIN,
): Promise<ContactImportReport> {
  const parser = parse({ columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  const source = typeof input === 'string' ? [input] : input;
  const feed = (async () => {
    for await (const chunk of source) parser.write(chunk);
    parser.end();
  })();
  feed.catch((error: unknown) => parser.destroy(error instanceof Error ? error : new Error(String(error))));

  let columns: Map<string, ColumnMeaning> | undefined;
  const seen = new Map<string, number>();
  const report = { rows: 0, created: 0, updated: 0, unchanged: 0, duplicates: [] as { line: number; duplicateOf: number }[], invalid: [] as { line: number; field: string; message: string }[], invalidNotListed: 0 };
  const refuse = (line: number, field: string, message: string): void => {
    if (report.invalid.length < MAX_LISTED) report.invalid.push({ line, field, message });
    else report.invalidNotListed += 1;
  };

  for await (const record of parser) {
    if (!isRow(record)) continue;
    report.rows += 1;
    const line = report.rows + 1;
    columns ??= columnsOf(Object.keys(record));
    const candidate = rowToInput(record, columns);
    if (!isContactInput(candidate)) {
      const [first] = errors(ContactInput, candidate);
      const field = first?.instancePath.split('/').filter(Boolean).join('.') || 'row';
      refuse(line, field, first?.message ?? 'is invalid');
      continue;
    }
    // A row is the same contact as an earlier one when either identity matches.
    const identities = [candidate.externalId ? `external:${candidate.externalId}` : undefined, candidate.email ? `email:${candidate.email.toLowerCase()}` : undefined].filter((key) => key !== undefined);
    if (identities.length === 0) {
      refuse(line, 'email', 'each row needs an email or an external_id');
      continue;
    }
    const earlier = identities.map((key) => seen.get(key)).find((found) => found !== undefined);
    if (earlier !== undefined) {
      report.duplicates.push({ line, duplicateOf: earlier });
      continue;
    }
    for (const key of identities) seen.set(key, line);
    try {
      const result = await upsertContact(prisma, workspaceId, candidate, now, { source: 'import', origin });
      if (result.created) report.created += 1;
      else if (result.changed.length > 0) report.updated += 1;
      else report.unchanged += 1;
    } catch (error) {
      if (error instanceof ContactInvalidError) refuse(line, error.field, error.message);
      else if (error instanceof ContactIdentityConflictError || error instanceof ContactIdentityTakenError) refuse(line, 'email', error.message);
      else throw error;
    }
    onProgress?.(report.rows);
  }
  await feed;
  return report;
}

function columnsOf(headers: readonly string[]): Map<string, ColumnMeaning> {
  const columns = new Map(headers.map((header) => [header, meaningOf(header)] as const));
  const invalid = [...columns.values()].filter((meaning) => meaning.kind === 'invalid');
  if (invalid.length > 0) {
    throw new ContactImportHeaderError(`these columns name neither a contact field nor a valid attribute key (letters, digits, "_" and "-"): ${invalid.map((meaning) => JSON.stringify(meaning.kind === 'invalid' ? meaning.header : '')).join(', ')}`);
  }
  return columns;
}

const isContactInput = (value: unknown): value is ContactInput => check(ContactInput, value);

const isRow = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && Object.values(value).every((cell) => typeof cell === 'string');
