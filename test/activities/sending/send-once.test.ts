import { PermanentActionError } from '../../../activities/actions';
import { PermanentDeliveryError, sendOnce, TransientDeliveryError, type Delivery, type SendRequest } from '../../../activities/sending';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

/** A provider that counts what it accepted and can be told to fail first. */
function provider(failures: Error[] = []) {
  const accepted: string[] = [];
  const delivery = (key: string): Delivery => ({
    provider: 'test',
    deliver: async () => {
      const failure = failures.shift();
      if (failure) throw failure;
      accepted.push(key);
      return { providerMessageId: `msg-${accepted.length}` };
    },
  });
  return { accepted, delivery };
}

describe.each(databaseKinds)('sendOnce on %s', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let workspaceId: string;
  let counter = 0;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    workspaceId = (await database.db.prisma.workspace.create({ data: { name: 'Shop', slug: 'shop' } })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** A contact with marketing email consent granted, and a send request for them. */
  async function request(overrides: { consent?: 'granted' | 'withdrawn' | null; doNotContact?: boolean } = {}): Promise<SendRequest> {
    counter += 1;
    const email = `c${counter}@example.com`;
    const { prisma } = database.db;
    const contact = await prisma.contact.create({ data: { workspaceId, email, doNotContact: overrides.doNotContact ?? false } });
    const consent = overrides.consent === undefined ? 'granted' : overrides.consent;
    if (consent) await prisma.consent.create({ data: { workspaceId, contactId: contact.id, channel: 'email', messageType: 'marketing', status: consent, source: 'test' } });
    return { workspaceId, contactId: contact.id, channel: 'email', messageType: 'marketing', idempotencyKey: `enrollment-${counter}:mail:3`, toAddress: email, subject: 'Hello' };
  }
  const ledger = (key: string) => database.db.prisma.communication.findUniqueOrThrow({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: key } }, include: { statusChanges: true } });

  it('delivers once and records the provider id; a retry of the same key does not deliver again', async () => {
    const send = await request();
    const { accepted, delivery } = provider();
    expect(await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))).toMatchObject({ outcome: 'sent', providerMessageId: 'msg-1' });
    expect(await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))).toMatchObject({ outcome: 'sent' });
    expect(accepted).toHaveLength(1);
    expect(await ledger(send.idempotencyKey)).toMatchObject({ status: 'sent', providerMessageId: 'msg-1', provider: 'test', statusChanges: [expect.objectContaining({ status: 'sent' })] });
  });

  it('provider down then up: the transient failure is rethrown for a retry, and exactly one delivery follows', async () => {
    const send = await request();
    const { accepted, delivery } = provider([new TransientDeliveryError('connection refused')]);
    await expect(sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))).rejects.toBeInstanceOf(TransientDeliveryError);
    expect(await ledger(send.idempotencyKey)).toMatchObject({ status: 'queued', provider: null });
    await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey));
    await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey));
    expect(accepted).toEqual([send.idempotencyKey]);
  });

  it('a permanent refusal settles as failed, is not retried, and keeps failing the same way', async () => {
    const send = await request();
    const { accepted, delivery } = provider([new PermanentDeliveryError('550 no such mailbox')]);
    await expect(sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))).rejects.toBeInstanceOf(PermanentActionError);
    await expect(sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))).rejects.toThrow('550 no such mailbox');
    expect(accepted).toEqual([]);
    expect(await ledger(send.idempotencyKey)).toMatchObject({ status: 'failed', error: '550 no such mailbox' });
  });

  it('the worker dies after the provider accepted but before the ledger update: the retry sends nothing', async () => {
    const send = await request();
    const { accepted, delivery } = provider();
    // The first attempt's provider call succeeds, then the process "crashes" before settle().
    const crashing: Delivery = { provider: 'test', deliver: async () => {
      await delivery(send.idempotencyKey).deliver();
      throw new Error('worker killed');
    } };
    await expect(sendOnce(database.db.prisma, send, crashing)).rejects.toThrow('worker killed');
    expect(await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))).toMatchObject({ outcome: 'sent', unconfirmed: true });
    expect(accepted).toHaveLength(1);
    expect((await ledger(send.idempotencyKey)).error).toContain('Delivery unconfirmed');
  });

  it('two attempts at once: one provider call', async () => {
    const send = await request();
    const { accepted, delivery } = provider();
    const results = await Promise.all([sendOnce(database.db.prisma, send, delivery(send.idempotencyKey)), sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))]);
    expect(accepted).toHaveLength(1);
    expect(results.map((result) => result.outcome)).toEqual(['sent', 'sent']);
  });

  it('a claim that waited for another attempt to commit the same key reads that row and does not deliver', async () => {
    const send = await request();
    const { accepted, delivery } = provider();
    let waiting: Promise<unknown> | undefined;
    // The other attempt has written the key's row and not yet committed; this attempt's insert waits for it.
    await database.db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO communication (id, workspace_id, contact_id, channel, message_type, status, idempotency_key, provider)
        VALUES (gen_random_uuid(), ${workspaceId}::uuid, ${send.contactId}::uuid, 'email', 'marketing', 'queued', ${send.idempotencyKey}, 'other-worker')`;
      waiting = sendOnce(database.db.prisma, send, delivery(send.idempotencyKey));
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    // The other attempt called its provider and has not recorded the answer: in doubt, never sent again.
    expect(await waiting).toMatchObject({ outcome: 'sent', unconfirmed: true });
    expect(accepted).toHaveLength(0);
  });

  it('a frequency cap holds when eight journeys send to one contact at the same moment', async () => {
    const send = await request();
    await database.db.prisma.workspace.update({ where: { id: workspaceId }, data: { settings: { frequencyCaps: [{ channel: 'email', max: 1, windowHours: 24 }] } } });
    try {
      const { accepted, delivery } = provider();
      const keys = Array.from({ length: 8 }, (_, index) => `journey-${index}:mail:2`);
      const results = await Promise.all(keys.map((idempotencyKey) => sendOnce(database.db.prisma, { ...send, idempotencyKey }, delivery(idempotencyKey))));
      expect(results.filter((result) => result.outcome === 'sent')).toHaveLength(1);
      expect(accepted).toHaveLength(1);
    } finally {
      await database.db.prisma.workspace.update({ where: { id: workspaceId }, data: { settings: {} } });
    }
  });

  it.each([
    ['consent withdrawn', { consent: 'withdrawn' as const }, 'Marketing email consent is withdrawn.'],
    ['consent never given', { consent: null }, 'The contact never gave marketing email consent.'],
    ['do-not-contact', { doNotContact: true }, 'The contact is marked do-not-contact.'],
  ])('%s: skipped with the reason recorded, provider never called', async (_name, overrides, reason) => {
    const send = await request(overrides);
    const { accepted, delivery } = provider();
    expect(await sendOnce(database.db.prisma, send, delivery(send.idempotencyKey))).toMatchObject({ outcome: 'skipped', reason });
    expect(accepted).toEqual([]);
    expect(await ledger(send.idempotencyKey)).toMatchObject({ status: 'suppressed', error: reason });
  });

  it('a suppressed address is skipped; transactional mail ignores missing marketing consent', async () => {
    const send = await request({ consent: null });
    await database.db.prisma.suppression.create({ data: { workspaceId, channel: 'email', address: send.toAddress ?? '', reason: 'hard_bounce' } });
    const { accepted, delivery } = provider();
    expect(await sendOnce(database.db.prisma, { ...send, messageType: 'transactional' }, delivery(send.idempotencyKey))).toMatchObject({ outcome: 'skipped', reason: `${send.toAddress} is suppressed (hard bounce).` });
    const receipt = await request({ consent: null });
    expect(await sendOnce(database.db.prisma, { ...receipt, messageType: 'transactional' }, delivery(receipt.idempotencyKey))).toMatchObject({ outcome: 'sent' });
    expect(accepted).toEqual([receipt.idempotencyKey]);
  });
});
