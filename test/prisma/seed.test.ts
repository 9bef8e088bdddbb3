import type { Database } from '../../engine/db';
import { previewTemplate } from '../../engine/templates';
import { seedDemoWorkspace } from '../../prisma/seed';
import { databaseKinds, openMigratedDatabase } from '../support/database';

const NOW = new Date('2026-11-01T12:00:00.000Z');
const TWO_YEARS_AGO = new Date(NOW.getTime() - 730 * 86_400_000);

describe.each(databaseKinds)('demo seed on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let workspaceId: string;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedDatabase(kind));
    const result = await seedDemoWorkspace(db.prisma, { now: NOW });
    workspaceId = result.workspaceId;
    expect(result).toMatchObject({ created: true, contacts: 1_000 });
  });
  afterAll(() => dispose());

  it('fills a demo workspace with about 1,000 contacts and two years of orders', async () => {
    expect(await db.prisma.contact.count({ where: { workspaceId } })).toBe(1_000);
    const orders = await db.prisma.order.aggregate({ where: { workspaceId }, _min: { placedAt: true }, _max: { placedAt: true }, _count: true });
    expect(orders._count).toBeGreaterThan(2_000);
    expect(orders._min.placedAt!.getTime()).toBeGreaterThanOrEqual(TWO_YEARS_AGO.getTime());
    expect(orders._max.placedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    // No order is placed before its contact existed.
    const [{ early }] = await db.prisma.$queryRaw<[{ early: bigint }]>`
      SELECT count(*) AS early FROM "order" o JOIN contact c ON c.id = o.contact_id WHERE o.placed_at < c.created_at`;
    expect(Number(early)).toBe(0);
    // Order amounts equal their items less the discount.
    const [{ mismatched }] = await db.prisma.$queryRaw<[{ mismatched: bigint }]>`
      SELECT count(*) AS mismatched FROM "order" o
      WHERE o.amount <> (SELECT sum(i.quantity * i.unit_price) FROM order_item i WHERE i.order_id = o.id) - o.discount`;
    expect(Number(mismatched)).toBe(0);
  });

  it('has templates that render for a demo contact with what a send provides (the contact, the entry event)', async () => {
    const contact = await db.prisma.contact.findFirstOrThrow({ where: { workspaceId, firstName: { not: null } }, orderBy: { id: 'asc' } });
    const sampleEvent = { name: 'Order Completed', properties: { total: '38.50', currency: 'EUR' } };
    const settings = { unsubscribe: { baseUrl: 'http://127.0.0.1:3000', secret: 'demo-seed-test-secret-0123456789abcdef', preferenceLinkDays: 30 }, now: NOW };
    const templates = await db.prisma.messageTemplate.findMany({ where: { workspaceId }, orderBy: { name: 'asc' } });
    expect(templates.length).toBeGreaterThan(2);
    for (const template of templates) {
      const rendered = await previewTemplate(db.prisma, workspaceId, template.id, { contactId: contact.id, sampleEvent }, settings);
      expect({ template: template.name, text: `${rendered.subject ?? ''} ${rendered.body}` }).toEqual({ template: template.name, text: expect.not.stringMatching(/\{\{|\{%/) });
      if (template.name === 'Order thank-you') expect(rendered.body).toContain('38.50 EUR');
    }
  });

  it('gives scores and segments a realistic spread to chew on', async () => {
    const byStatus = await db.prisma.contact.groupBy({ by: ['status'], where: { workspaceId }, _count: true });
    expect(byStatus.map((row) => row.status).sort()).toEqual(['active', 'at_risk', 'inactive', 'lost', 'vip']);
    const byType = await db.prisma.contact.groupBy({ by: ['type'], where: { workspaceId }, _count: true });
    expect(byType.map((row) => row.type).sort()).toEqual(['distributor', 'retail', 'wholesale']);
    const buyers = await db.prisma.contact.count({ where: { workspaceId, orders: { some: {} } } });
    expect(buyers).toBeGreaterThan(600);
    expect(buyers).toBeLessThan(900);
    const eventNames = await db.prisma.event.groupBy({ by: ['name'], where: { workspaceId }, _count: true });
    expect(eventNames.map((row) => row.name)).toEqual(expect.arrayContaining(['Order Completed', 'Product Viewed', 'Email Opened']));
  });

  it('records consent with the history that proves it', async () => {
    const withdrawn = await db.prisma.consent.findMany({ where: { workspaceId, status: 'withdrawn' } });
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const consent of withdrawn.slice(0, 20)) {
      const history = await db.prisma.consentEvent.findMany({
        where: { contactId: consent.contactId, channel: consent.channel, messageType: consent.messageType },
        orderBy: { occurredAt: 'asc' },
      });
      expect(history.map((event) => event.status)).toEqual(['granted', 'withdrawn']);
    }
    expect(await db.prisma.consent.count({ where: { workspaceId, channel: 'sms', status: 'granted' } })).toBeGreaterThan(0);
  });

  it('keeps loyalty balances equal to their ledgers', async () => {
    const [{ accounts, drifted }] = await db.prisma.$queryRaw<[{ accounts: bigint; drifted: bigint }]>`
      SELECT count(*) AS accounts,
             count(*) FILTER (WHERE a.balance <> (SELECT coalesce(sum(t.points), 0) FROM loyalty_transaction t WHERE t.account_id = a.id)) AS drifted
      FROM loyalty_account a`;
    expect(Number(accounts)).toBeGreaterThan(500);
    expect(Number(drifted)).toBe(0);
    expect(await db.prisma.loyaltyRedemption.count({ where: { workspaceId } })).toBeGreaterThan(0);
  });

  it('is a no-op when the demo workspace already exists', async () => {
    const again = await seedDemoWorkspace(db.prisma, { now: NOW });
    expect(again).toMatchObject({ workspaceId, created: false, contacts: 1_000 });
    expect(await db.prisma.workspace.count()).toBe(1);
  });
});

describe('demo seed (PGlite)', () => {
  it('produces the same data for the same seed and clock', async () => {
    const emails = async (): Promise<string[]> => {
      const { db, dispose } = await openMigratedDatabase('pglite');
      try {
        await seedDemoWorkspace(db.prisma, { now: NOW, contacts: 40, seed: 7 });
        const contacts = await db.prisma.contact.findMany({ orderBy: { externalId: 'asc' }, select: { email: true } });
        return contacts.map((contact) => contact.email ?? '');
      } finally {
        await dispose();
      }
    };
    const [first, second] = [await emails(), await emails()];
    expect(first).toHaveLength(40);
    expect(second).toEqual(first);
  });

  it('writes nothing when it fails part-way', async () => {
    const { db, dispose } = await openMigratedDatabase('pglite');
    try {
      // Make the last table the seed writes refuse inserts, to fail the seed at its very end.
      await db.prisma.$executeRawUnsafe(`
        CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
      await db.prisma.$executeRawUnsafe(
        'CREATE TRIGGER refuse BEFORE INSERT ON segment_membership_change FOR EACH ROW EXECUTE FUNCTION refuse_insert()',
      );
      await expect(seedDemoWorkspace(db.prisma, { now: NOW, contacts: 30 })).rejects.toThrow(/injected failure/);
      expect(await db.prisma.workspace.count()).toBe(0);
      expect(await db.prisma.contact.count()).toBe(0);
    } finally {
      await dispose();
    }
  });
});
