import { OUTBOX_RETENTION_DAYS, pruneDispatchedOutbox } from '../../../../engine/crm/changes/outbox-retention';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';

describe.each(databaseKinds)('outbox retention on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => dispose());

  it('deletes only the workspace’s entries dispatched before the retention window', async () => {
    const now = new Date('2026-06-30T12:00:00Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const mine = await db.prisma.workspace.create({ data: { name: 'retention-a', slug: 'retention-a' } });
    const theirs = await db.prisma.workspace.create({ data: { name: 'retention-b', slug: 'retention-b' } });
    const entry = (workspaceId: string, dispatchedAt: Date | null, lane: 'live' | 'bulk' = 'live') => ({ workspaceId, topic: 'segment.entered', payload: {}, dispatchedAt, lane });
    await db.prisma.outboxEntry.createMany({
      data: [
        entry(mine.id, daysAgo(OUTBOX_RETENTION_DAYS + 1)),
        entry(mine.id, daysAgo(OUTBOX_RETENTION_DAYS + 30), 'bulk'),
        entry(mine.id, daysAgo(OUTBOX_RETENTION_DAYS - 1)),
        entry(mine.id, null),
        entry(theirs.id, daysAgo(OUTBOX_RETENTION_DAYS + 1)),
      ],
    });
    expect(await pruneDispatchedOutbox(db.prisma, mine.id, now)).toBe(2);
    expect(await db.prisma.outboxEntry.count({ where: { workspaceId: mine.id } })).toBe(2);
    expect(await db.prisma.outboxEntry.count({ where: { workspaceId: mine.id, dispatchedAt: null } })).toBe(1);
    expect(await db.prisma.outboxEntry.count({ where: { workspaceId: theirs.id } })).toBe(1);
    expect(await pruneDispatchedOutbox(db.prisma, mine.id, now)).toBe(0);
  });
});
