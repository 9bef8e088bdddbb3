import { Prisma } from '../../../prisma/generated/client';
import { packedColumn } from '../../../engine/crm/packed-column';
import { IN_MEMORY, openDatabase, type Database } from '../../../engine/db';

describe('packedColumn (many rows of one column as one parameter)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: IN_MEMORY });
  });
  afterAll(async () => {
    await db.close();
  });

  it('unpacks numbers, nulls and ids into typed columns, row for row', async () => {
    const ids = ['0b9e4f0a-57c6-4f1e-9a53-3d0b1f1c2a11', '7d1f7c2e-1d2b-4c8e-8f3a-6e5d4c3b2a10', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'];
    const amounts = [12.5, null, -3e-7];
    const counts = [1, 2_000_000, null];
    const rows = await db.prisma.$queryRaw<{ id: string; amount: string | null; count: number | null }[]>(Prisma.sql`
      SELECT id::text AS id, amount::text AS amount, count
      FROM unnest(${packedColumn(ids)}::uuid[], ${packedColumn(amounts)}::numeric[], ${packedColumn(counts)}::int[]) AS r(id, amount, count)`);
    expect(rows).toEqual([
      { id: ids[0], amount: '12.5', count: 1 },
      { id: ids[1], amount: null, count: 2_000_000 },
      { id: ids[2], amount: '-0.0000003', count: null },
    ]);
  });

  it('keeps float8 values exact', async () => {
    const values = [0.1 + 0.2, 1 / 3, 123456789.123456789, 5e-324];
    const rows = await db.prisma.$queryRaw<{ value: number }[]>(Prisma.sql`SELECT value FROM unnest(${packedColumn(values)}::float8[]) AS r(value)`);
    expect(rows.map((row) => row.value)).toEqual(values);
  });

  it('refuses a string it could not tell apart from the separator or a null', () => {
    expect(() => packedColumn(['a,b'])).toThrow(RangeError);
    expect(() => packedColumn([''])).toThrow(RangeError);
  });

  it('an empty column is an empty array', async () => {
    const rows = await db.prisma.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT cardinality(${packedColumn([])}::int[])::int AS n`);
    expect(rows).toEqual([{ n: 0 }]);
  });
});
