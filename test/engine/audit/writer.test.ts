import { AuditWriter } from '../../../engine/audit/writer';
import type { AuditEntryInput } from '../../../engine/audit';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

describe.each(databaseKinds)('AuditWriter on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
  });
  afterAll(async () => {
    await dispose();
  });

  const entry = (workspaceId: string, requestId: string): AuditEntryInput => ({
    workspaceId,
    actor: { type: 'api_key', id: null },
    action: 'events.tracked',
    target: { type: 'contact', id: null },
    summary: { duplicate: false, email: 'ada@example.com' },
    requestId,
    clientAddress: '127.0.0.1',
    occurredAt: new Date('2026-12-04T10:00:00Z'),
  });

  it('stores every row of concurrent appends, summaries made safe, each resolved once stored', async () => {
    const workspace = await db.prisma.workspace.create({ data: { name: 'Audit', slug: `audit-${Date.now()}` } });
    const writer = new AuditWriter(db.prisma);
    await Promise.all(Array.from({ length: 25 }, (_, index) => writer.append(entry(workspace.id, `req-${index}`))));
    const rows = await db.prisma.auditEntry.findMany({ where: { workspaceId: workspace.id }, orderBy: { requestId: 'asc' } });
    expect(rows).toHaveLength(25);
    expect(rows[0]?.summary).toEqual({ duplicate: false });
  });

  it('refuses only the row the database refuses, and stores the others of its group', async () => {
    const workspace = await db.prisma.workspace.create({ data: { name: 'Audit', slug: `audit-bad-${Date.now()}` } });
    const writer = new AuditWriter(db.prisma);
    const outcomes = await Promise.allSettled([
      writer.append(entry(workspace.id, 'good-1')),
      // Not a uuid: the column refuses it.
      writer.append(entry('not-a-workspace-id', 'refused')),
      writer.append(entry(workspace.id, 'good-2')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await db.prisma.auditEntry.count({ where: { workspaceId: workspace.id } })).toBe(2);
  });
});
