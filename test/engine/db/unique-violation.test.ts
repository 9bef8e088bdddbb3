import { Prisma } from '../../../prisma/generated/client';
import type { Database } from '../../../engine/db';
import { isUniqueViolation } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

describe.each(databaseKinds)('unique violations on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });

  afterAll(async () => {
    await dispose();
  });

  const failure = async (write: () => Promise<unknown>): Promise<unknown> => write().then(() => undefined, (error: unknown) => error);

  it('are recognised from an ORM query and from a raw statement alike, and nothing else is', async () => {
    const workspace = await db.prisma.workspace.create({ data: { name: 'Unique', slug: `unique-${kind}` } });
    await db.prisma.contact.create({ data: { workspaceId: workspace.id, email: 'ada@example.com' } });
    const viaOrm = await failure(() => db.prisma.contact.create({ data: { workspaceId: workspace.id, email: 'ada@example.com' } }));
    const viaRaw = await failure(() => db.prisma.$executeRaw(Prisma.sql`INSERT INTO contact (id, workspace_id, email) VALUES (gen_random_uuid(), ${workspace.id}::uuid, 'ada@example.com')`));
    const otherRaw = await failure(() => db.prisma.$queryRaw(Prisma.sql`SELECT 1 / ${0}::int`));
    expect([isUniqueViolation(viaOrm), isUniqueViolation(viaRaw), isUniqueViolation(otherRaw)]).toEqual([true, true, false]);
  });
});
