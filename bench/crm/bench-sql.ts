import type pg from 'pg';
import type { Database } from '../../engine/db';

/** What the benchmark's own SQL (generation, counts, the floor) runs through: a pg client, or the engine's Prisma client on PGlite. */
export interface BenchSql {
  query<Row>(text: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

export function onPgClient(client: pg.Client): BenchSql {
  return {
    query: async <Row>(text: string, params: readonly unknown[] = []) => {
      const result = await client.query(text, [...params]);
      const rows: Row[] = result.rows;
      return { rows };
    },
  };
}

/** PGlite has one connection, shared with the engine: temporary tables and all go through Prisma. */
export function onPrisma(db: Database): BenchSql {
  return {
    query: async <Row>(text: string, params: readonly unknown[] = []) => ({ rows: await db.prisma.$queryRawUnsafe<Row[]>(text, ...params) }),
  };
}
