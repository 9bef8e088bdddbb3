import { sendOnce, type Delivery, type SendRequest } from '../../../activities/sending';
import { applyConsent, changeConsent, putTopic, type FlatDecision } from '../../../engine/consent';
import { loadCrmContext } from '../../../engine/crm/context';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';

type Decision = 'granted' | 'withdrawn';
const emailMarketing = (decision: Decision): FlatDecision => ({ target: { kind: 'channel', channel: 'email', purpose: 'marketing' }, decision, field: 'consent.email.marketing' });
const newsletter = (decision: Decision): FlatDecision => ({ target: { kind: 'topic', topic: 'newsletter' }, decision, field: 'consent.topics.newsletter' });

/**
 * A withdrawal that races a send never lets the send through: `applyConsent` takes the
 * contact's send lock, and `sendOnce` checks eligibility and marks its provider call under the
 * same lock. The withdrawal's transaction is held open (lock taken, nothing committed) while
 * the send starts; the send must wait, and once the withdrawal commits it must skip.
 *
 * On Postgres the test proves the lock: it waits until the send is seen blocked on exactly
 * that advisory lock in pg_locks before letting the withdrawal commit. PGlite runs one
 * transaction at a time on its single connection, so there the send waits at its very first
 * query (before it even claims its key) and the lock is never contended: the run on PGlite
 * checks the outcome only, and is not evidence of the lock.
 */
describe.each(databaseKinds)('a consent withdrawal racing a send on %s', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let workspaceId: string;
  let counter = 0;

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    workspaceId = (await database.db.prisma.workspace.create({ data: { name: 'Shop', slug: 'shop' } })).id;
    await putTopic(database.db.prisma, workspaceId, 'newsletter', { name: 'Newsletter', channel: 'email' });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** Whether a session of this database waits for the contact's send lock (Postgres only). */
  const waitingForSendLock = async (contactId: string): Promise<boolean> => {
    const rows = await database.db.prisma.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND objid::text::bigint = (hashtext(${contactId})::bigint & 4294967295)`;
    return (rows[0]?.waiting ?? 0) > 0;
  };

  it.each<[string, FlatDecision[], FlatDecision, string | undefined, string]>([
    ['email marketing consent', [emailMarketing('granted')], emailMarketing('withdrawn'), undefined, 'Marketing email consent is withdrawn.'],
    ['a subscription topic', [emailMarketing('granted'), newsletter('granted')], newsletter('withdrawn'), 'newsletter', 'The contact unsubscribed from the topic Newsletter.'],
  ])('withdrawing %s while the send starts: the send waits, then skips; the provider is never called', async (_case, before, withdrawal, topic, reason) => {
    const { prisma } = database.db;
    counter += 1;
    const email = `race${counter}@example.com`;
    const contact = await prisma.contact.create({ data: { workspaceId, email } });
    await changeConsent(prisma, workspaceId, contact.id, before, { source: 'admin', actor: 'system', at: new Date() });
    const request: SendRequest = { workspaceId, contactId: contact.id, channel: 'email', messageType: 'marketing', idempotencyKey: `race-${counter}:mail:1`, toAddress: email, ...(topic && { topic }) };
    const calls: string[] = [];
    const delivery: Delivery = {
      provider: 'test',
      deliver: async () => {
        calls.push(request.idempotencyKey);
        return {};
      },
    };

    let commit = (): void => undefined;
    const committing = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let lockHeld = (): void => undefined;
    const locked = new Promise<void>((resolve) => {
      lockHeld = resolve;
    });
    const context = await loadCrmContext(prisma, workspaceId, new Date());
    const withdrawing = prisma.$transaction(
      async (tx) => {
        const result = await applyConsent(tx, context, contact.id, [withdrawal], { source: 'api', actor: 'system', at: new Date() });
        lockHeld();
        await committing;
        return result;
      },
      { timeout: 30_000 },
    );
    await locked;

    let sendFinished = false;
    const sending = sendOnce(prisma, request, delivery).finally(() => {
      sendFinished = true;
    });
    if (kind === 'postgres') {
      for (let attempt = 0; !(await waitingForSendLock(contact.id)); attempt += 1) {
        if (attempt > 200) throw new Error('the send never waited for the contact’s send lock');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    expect(sendFinished).toBe(false);
    expect(calls).toEqual([]);

    commit();
    expect((await withdrawing).changed).toHaveLength(1);
    expect(await sending).toEqual({ outcome: 'skipped', communicationId: expect.any(String), reason });
    expect(calls).toEqual([]);
    expect(await prisma.communication.findUniqueOrThrow({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: request.idempotencyKey } } })).toMatchObject({ status: 'suppressed', error: reason, provider: null });
  });
});
