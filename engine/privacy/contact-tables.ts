import type { Prisma, PrismaClient } from '../../prisma/generated/client';

type Sql = Pick<PrismaClient, '$queryRaw'> | Pick<Prisma.TransactionClient, '$queryRaw'>;

/**
 * Every table of the schema with a `contact_id` column, read from the catalogue rather than
 * listed by hand: the erasure counts what it removes from each, and the tests check that the
 * export covers each, so a table added later cannot be forgotten silently.
 */
export async function tablesWithContactId(sql: Sql): Promise<string[]> {
  const rows = await sql.$queryRaw<{ table_name: string }[]>`
    SELECT c.table_name::text AS table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.column_name = 'contact_id' AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name`;
  return rows.map((row) => row.table_name);
}

/** A catalogue name as a SQL identifier (the names come from information_schema, not from callers). */
export const quotedIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
