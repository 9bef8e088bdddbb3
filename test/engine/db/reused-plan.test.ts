import { Prisma } from '../../../prisma/generated/client';
import type { Database } from '../../../engine/db';
import { PREPARED_PER_CONNECTION, preparedStatementName, reusedPlan } from '../../../engine/db/reused-plan';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

describe('preparedStatementName', () => {
  const marked = (text: string): string => {
    const { sql } = reusedPlan(Prisma.sql`${Prisma.raw(text)}`);
    return sql;
  };

  it('names only marked statements, by their text', () => {
    expect(preparedStatementName('SELECT 1', new Set())).toBeUndefined();
    const one = preparedStatementName(marked('SELECT 1'), new Set());
    expect(one).toMatch(/^reused_[0-9a-f]{40}$/);
    expect(preparedStatementName(marked('SELECT 1'), new Set())).toBe(one);
    expect(preparedStatementName(marked('SELECT 2'), new Set())).not.toBe(one);
  });

  it('stops naming new statements on a connection at its limit, but keeps the ones it has', () => {
    const full = new Set(Array.from({ length: PREPARED_PER_CONNECTION }, (_, index) => `reused_${index}`));
    expect(preparedStatementName(marked('SELECT 3'), full)).toBeUndefined();
    const kept = preparedStatementName(marked('SELECT 4'), new Set()) ?? '';
    full.delete('reused_0');
    full.add(kept);
    expect(preparedStatementName(marked('SELECT 4'), full)).toBe(kept);
  });
});

describe.each(databaseKinds)('statements with a reused plan on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });

  afterAll(async () => {
    await dispose();
  });

  const square = (value: number): Prisma.Sql => reusedPlan(Prisma.sql`SELECT (${value}::int * ${value}::int) AS squared`);

  it('returns the same results as unmarked statements, with new parameters each time', async () => {
    for (const value of [2, 3, 4, 5, 6, 7, 8]) {
      const rows = await db.prisma.$queryRaw<{ squared: number }[]>(square(value));
      expect(rows).toEqual([{ squared: value * value }]);
    }
  });

  it('survives a failed statement and a rolled-back transaction on the same connection', async () => {
    const failing = (divisor: number): Prisma.Sql => reusedPlan(Prisma.sql`SELECT (10 / ${divisor}::int) AS quotient`);
    // (PGlite's Prisma adapter reports a raw query's error without its message.)
    await expect(db.prisma.$transaction(async (tx) => tx.$queryRaw(failing(0)))).rejects.toThrow();
    await expect(db.prisma.$transaction(async (tx) => {
      await tx.$queryRaw(failing(5));
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    const results = await db.prisma.$transaction(async (tx) => [await tx.$queryRaw<{ quotient: number }[]>(failing(2)), await tx.$queryRaw<{ quotient: number }[]>(failing(0)).catch(() => 'failed')]);
    expect(results).toEqual([[{ quotient: 5 }], 'failed']);
    expect(await db.prisma.$queryRaw<{ quotient: number }[]>(failing(1))).toEqual([{ quotient: 10 }]);
  });

  if (kind === 'postgres') {
    it('prepares marked statements on the connection, and only those', async () => {
      const prepared = await db.prisma.$transaction(async (tx) => {
        await tx.$queryRaw(square(9));
        await tx.$queryRaw`SELECT ${'unmarked'}::text AS label`;
        return tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements`;
      });
      expect(prepared.map((row) => row.statement)).toContain('/* reused plan */ SELECT ($1::int * $2::int) AS squared');
      for (const { name, statement } of prepared) {
        expect(name).toMatch(/^reused_[0-9a-f]{40}$/);
        expect(statement).toMatch(/^\/\* reused plan \*\/ /);
      }
    });
  }
});
