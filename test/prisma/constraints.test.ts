import type { Database } from '../../engine/db';
import { Prisma } from '../../prisma/generated/client';
import { databaseKinds, openMigratedDatabase } from '../support/database';

/** The guarantees the engine leans on are enforced by the database itself, not by code paths. */
describe.each(databaseKinds)('CRM schema constraints on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let acme: string;
  let globex: string;
  let contactId: string;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
    acme = (await db.prisma.workspace.create({ data: { name: 'Acme', slug: 'acme' } })).id;
    globex = (await db.prisma.workspace.create({ data: { name: 'Globex', slug: 'globex' } })).id;
    contactId = (await db.prisma.contact.create({ data: { workspaceId: acme, email: 'ada@example.com', externalId: 'c-1' } })).id;
  });
  afterAll(() => dispose());

  const uniqueViolation = expect.objectContaining({ code: 'P2002' });

  it('ingests an event once per message id, per workspace', async () => {
    const event = { name: 'Viewed Product', messageId: 'msg-1', occurredAt: new Date() };
    const first = await db.prisma.event.createMany({ data: [{ ...event, workspaceId: acme, contactId }], skipDuplicates: true });
    const replay = await db.prisma.event.createMany({ data: [{ ...event, workspaceId: acme, contactId }], skipDuplicates: true });
    const otherTenant = await db.prisma.event.createMany({ data: [{ ...event, workspaceId: globex }], skipDuplicates: true });
    expect([first.count, replay.count, otherTenant.count]).toEqual([1, 0, 1]);
  });

  it('keeps one communication per idempotency key, so a retried send finds its ledger row', async () => {
    const row = { workspaceId: acme, contactId, channel: 'email' as const, status: 'queued' as const, idempotencyKey: 'enr-1:node-2:1' };
    await db.prisma.communication.create({ data: row });
    await expect(db.prisma.communication.create({ data: row })).rejects.toEqual(uniqueViolation);
  });

  it('keeps one loyalty transaction per idempotency key', async () => {
    const program = await db.prisma.loyaltyProgram.create({ data: { workspaceId: acme, name: 'Rewards' } });
    const account = await db.prisma.loyaltyAccount.create({ data: { workspaceId: acme, programId: program.id, contactId } });
    const earn = { workspaceId: acme, accountId: account.id, type: 'earned' as const, points: 10, balanceAfter: 10, idempotencyKey: 'order:1:earn' };
    await db.prisma.loyaltyTransaction.create({ data: earn });
    await expect(db.prisma.loyaltyTransaction.create({ data: earn })).rejects.toEqual(uniqueViolation);
  });

  it('scopes contact identity to the workspace', async () => {
    await expect(db.prisma.contact.create({ data: { workspaceId: acme, email: 'ada@example.com' } })).rejects.toEqual(uniqueViolation);
    await expect(db.prisma.contact.create({ data: { workspaceId: globex, email: 'ada@example.com', externalId: 'c-1' } })).resolves.toBeDefined();
  });

  it('holds one current consent per contact, channel and message type', async () => {
    const consent = { workspaceId: acme, contactId, channel: 'sms' as const, messageType: 'marketing' as const, status: 'granted' as const, source: 'checkout' };
    await db.prisma.consent.create({ data: consent });
    await expect(db.prisma.consent.create({ data: { ...consent, status: 'withdrawn' } })).rejects.toEqual(uniqueViolation);
  });

  it('stores money as exact decimals', async () => {
    const order = await db.prisma.order.create({
      data: { workspaceId: acme, contactId, status: 'paid', currency: 'EUR', amount: '0.10', placedAt: new Date() },
    });
    const total = new Prisma.Decimal(order.amount).plus('0.20');
    expect(total.toString()).toBe('0.3');
  });

  it('deletes everything a workspace owns when the workspace is deleted', async () => {
    // Scores and stage history go with their contact (they have no key to the workspace itself).
    await db.prisma.engagementScore.create({ data: { workspaceId: acme, contactId, score: 40, computedAt: new Date() } });
    await db.prisma.lifecycleStageChange.create({ data: { workspaceId: acme, contactId, toStage: 'active', reason: 'test', source: 'manual' } });
    await db.prisma.workspace.delete({ where: { id: acme } });
    const leftovers = await Promise.all([
      db.prisma.contact.count({ where: { workspaceId: acme } }),
      db.prisma.event.count({ where: { workspaceId: acme } }),
      db.prisma.communication.count({ where: { workspaceId: acme } }),
      db.prisma.loyaltyTransaction.count({ where: { workspaceId: acme } }),
      db.prisma.engagementScore.count({ where: { workspaceId: acme } }),
      db.prisma.lifecycleStageChange.count({ where: { workspaceId: acme } }),
    ]);
    expect(leftovers).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await db.prisma.contact.count({ where: { workspaceId: globex } })).toBe(1);
  });
});
