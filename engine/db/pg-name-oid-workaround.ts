import pg from 'pg';

const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

/**
 * A pg.Pool for the Prisma CLI's schema engine only (prisma.config.ts).
 *
 * Why: prisma/prisma#27403 — through @prisma/adapter-pg the schema engine's catalog queries
 * return Postgres' `name` type (OID 19), which the adapter cannot deserialize, so
 * `migrate status` / `migrate deploy` fail with "Column type 'name' could not be
 * deserialized". Reporting those columns as text (OID 25) is lossless: `name` is text.
 * The runtime client never needs this.
 */
export function poolReportingNameAsText(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('connect', (client) => {
    const original = client.query;
    const patched = async (...args: unknown[]): Promise<unknown> => {
      const result: unknown = await Reflect.apply(original, client, args);
      if (isQueryResult(result)) {
        for (const field of result.fields) if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
      }
      return result;
    };
    Object.assign(client, { query: patched });
  });
  return pool;
}

function isQueryResult(value: unknown): value is pg.QueryResult {
  return typeof value === 'object' && value !== null && 'fields' in value && Array.isArray(value.fields);
}
