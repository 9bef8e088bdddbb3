import { Client, Connection } from '@temporalio/client';
import { ineligibilityReason } from '../../../activities/sending';
import { upsertContact } from '../../../engine/contacts';
import { ContactNotFoundError } from '../../../engine/contacts/errors';
import type { Database } from '../../../engine/db';
import { eraseContact, exportContact, JourneysNotCancelledError, tablesWithContactId } from '../../../engine/privacy';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { contactIdTables, emptyWorkspace, populatedContact, rowsReferencing, whereTextOccurs } from './fixture';

// A closed port: dialled only when the contact has running journeys (erase-journeys.test.ts
// uses a real server).
const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });

describe.each(databaseKinds)('GDPR export and erasure (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let db: Database;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    db = database.db;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('finds every table with a contact_id in the catalogue', async () => {
    const tables = await contactIdTables(db);
    expect(await tablesWithContactId(db.prisma)).toEqual(tables);
    expect(tables).toEqual(expect.arrayContaining(['consent', 'event', 'order', 'communication', 'segment_membership', 'loyalty_account', 'journey_enrollment']));
  });

  it('exports a section with the contact’s rows for every table with a contact_id, and nothing of anyone else', async () => {
    const workspaceId = await emptyWorkspace(db);
    const erin = await populatedContact(db, workspaceId);
    const other = await populatedContact(db, workspaceId);
    const exported = await exportContact(db.prisma, workspaceId, erin.contactId, new Date('2026-12-01T00:00:00Z'));
    if (!exported) throw new Error('no export');
    const sections: Record<string, unknown> = exported.tables;

    const rowsIn = (table: string): number => {
      const section = sections[table];
      return Array.isArray(section) ? section.length : 0;
    };
    // Read from the catalogue: a table added later without an export section fails here.
    expect((await contactIdTables(db)).filter((table) => rowsIn(table) === 0)).toEqual([]);
    const indirect = ['order_item', 'communication_status_change', 'loyalty_transaction', 'loyalty_redemption', 'loyalty_tier_change', 'node_execution', 'suppression', 'local_outbox_message'];
    expect(indirect.filter((table) => rowsIn(table) === 0)).toEqual([]);
    expect(exported).toMatchObject({ exportedAt: '2026-12-01T00:00:00.000Z', workspaceId, contactId: erin.contactId });
    expect(exported.tables.contact).toMatchObject({ id: erin.contactId, email: erin.email, phone: erin.phone, firstName: erin.marker });
    expect(exported.tables.event.map((event) => event.name).sort()).toEqual(['Viewed Page', 'Viewed Product']);
    expect(exported.tables.communication).toEqual([expect.objectContaining({ channel: 'email', status: 'delivered', toAddress: erin.email, subject: `Hello ${erin.marker}` })]);
    expect(exported.tables.loyalty_transaction.map((row) => row.points)).toEqual([42, -10]);

    const json = JSON.stringify(exported);
    expect(json).not.toContain(other.email);
    expect(json).not.toContain(other.marker);
    expect(await exportContact(db.prisma, await emptyWorkspace(db), erin.contactId, new Date())).toBeUndefined();
  });

  it('erases the contact: no row references it, its email, phone and name are nowhere in the database, its segment exits are announced', async () => {
    const workspaceId = await emptyWorkspace(db);
    const erin = await populatedContact(db, workspaceId);
    const other = await populatedContact(db, workspaceId);
    const before = await rowsReferencing(db, other.contactId);

    const report = await eraseContact(db.prisma, temporal, workspaceId, erin.contactId, new Date());

    expect(report).toMatchObject({ contactId: erin.contactId, journeysCancelled: 0, suppressedChannels: ['email', 'sms'], segmentExitsAnnounced: 1, traces: { anonymousEvents: 1, outboxEntries: 1, localOutboxMessages: 1 } });
    expect(report.erasureId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(report.deleted).sort()).toEqual(['contact', ...(await contactIdTables(db))].sort());
    expect(await rowsReferencing(db, erin.contactId)).toEqual({});
    for (const personal of [erin.email, erin.phone, erin.marker]) expect({ personal, foundIn: await whereTextOccurs(db, personal) }).toEqual({ personal, foundIn: [] });
    // Only the segment.exited announcements still name the contact, by id: journeys triggered by exit need them.
    expect(await whereTextOccurs(db, erin.contactId)).toEqual(['outbox_entry.payload']);
    const exits = await db.prisma.outboxEntry.findMany({ where: { workspaceId, payload: { path: ['contactId'], equals: erin.contactId } } });
    expect(exits.map((entry) => [entry.topic, entry.payload])).toEqual([['segment.exited', expect.objectContaining({ source: 'contact_erased' })]]);
    // The other contact of the workspace is untouched.
    expect(await rowsReferencing(db, other.contactId)).toEqual(before);
    expect(await whereTextOccurs(db, other.email)).toEqual(expect.arrayContaining(['contact.email', 'communication.to_address', 'local_outbox_message.to_address']));
  });

  it('suppresses the erased email and phone by hash: a contact who comes back under them is not messaged, in that workspace only', async () => {
    const workspaceId = await emptyWorkspace(db);
    const erin = await populatedContact(db, workspaceId);
    // Before: the phone's bounce is suppressed in clear, as the senders store it.
    const bounced = await ineligibilityReason(db.prisma, { workspaceId, contactId: erin.contactId, channel: 'sms', messageType: 'transactional', address: erin.phone });
    expect(bounced).toBe(`${erin.phone} is suppressed (hard bounce).`);
    await eraseContact(db.prisma, temporal, workspaceId, erin.contactId, new Date());
    const suppressions = await db.prisma.suppression.findMany({ where: { workspaceId } });
    expect(suppressions).toHaveLength(2);
    for (const row of suppressions) expect(row.address).toMatch(/^sha256:[0-9a-f]{64}$/);

    const eligibility = async (inWorkspace: string) => {
      const { contact } = await upsertContact(db.prisma, inWorkspace, { email: erin.email.toUpperCase(), phone: erin.phone }, new Date());
      for (const channel of ['email', 'sms'] as const) await db.prisma.consent.create({ data: { workspaceId: inWorkspace, contactId: contact.id, channel, messageType: 'marketing', status: 'granted', source: 'signup_form' } });
      const ask = (channel: 'email' | 'sms', address: string) => ineligibilityReason(db.prisma, { workspaceId: inWorkspace, contactId: contact.id, channel, messageType: 'marketing', address });
      return { email: await ask('email', erin.email), sms: await ask('sms', erin.phone) };
    };
    expect(await eligibility(workspaceId)).toEqual({ email: `${erin.email} is suppressed (manual).`, sms: `${erin.phone} is suppressed (manual).` });
    expect(await eligibility(await emptyWorkspace(db))).toEqual({ email: undefined, sms: undefined });
  });

  it('refuses a contact of another workspace and erases nothing', async () => {
    const workspaceId = await emptyWorkspace(db);
    const erin = await populatedContact(db, workspaceId);
    const before = await rowsReferencing(db, erin.contactId);
    await expect(eraseContact(db.prisma, temporal, await emptyWorkspace(db), erin.contactId, new Date())).rejects.toBeInstanceOf(ContactNotFoundError);
    expect(await rowsReferencing(db, erin.contactId)).toEqual(before);
    expect(await db.prisma.suppression.count({ where: { workspaceId } })).toBe(1);
  });

  it('erases nothing when a running journey cannot be cancelled (Temporal unreachable)', async () => {
    const workspaceId = await emptyWorkspace(db);
    const erin = await populatedContact(db, workspaceId);
    await db.prisma.journeyEnrollment.updateMany({ where: { contactId: erin.contactId }, data: { status: 'running', endedAt: null } });
    const before = await rowsReferencing(db, erin.contactId);
    await expect(eraseContact(db.prisma, temporal, workspaceId, erin.contactId, new Date(), { cancelTimeoutMs: 500 })).rejects.toBeInstanceOf(JourneysNotCancelledError);
    expect(await rowsReferencing(db, erin.contactId)).toEqual(before);
    expect(await db.prisma.journeyEnrollment.count({ where: { contactId: erin.contactId, status: 'running' } })).toBe(1);
    expect(await db.prisma.suppression.findMany({ where: { workspaceId }, select: { address: true } })).toEqual([{ address: erin.phone }]);
  });
});
