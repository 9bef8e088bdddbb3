import { createTransport } from 'nodemailer';
import { changeConsent, type FlatDecision } from '../../../../engine/consent';
import { verifyConfirmationToken } from '../../../../engine/consent/double-opt-in/confirm-token';
import { requestConfirmations } from '../../../../engine/consent/double-opt-in/request-confirmation';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';
import { testMail } from '../../../support/messaging';
import { SmtpSink } from '../../../activities/channels/email/smtp-sink';
import { consentPagesWorkspace } from '../../routes/consent-pages';

const GRANT: FlatDecision = { target: { kind: 'channel', channel: 'email', purpose: 'marketing' }, decision: 'granted', field: 'consent.email.marketing' };
const DOUBLE_OPT_IN = { doubleOptIn: { email: true }, preferenceCenter: { brandName: 'Beans & <Co>', brandColour: '#facc15' } };

describe.each(databaseKinds)('requestConfirmations (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  const sink = new SmtpSink();
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    await sink.start();
  });
  afterAll(async () => {
    await sink.stop();
    await database?.dispose();
  });
  const services = (mail = testMail()) => ({ db: database.db, mail });
  const grantByApi = (workspaceId: string, contactId: string) => changeConsent(database.db.prisma, workspaceId, contactId, [GRANT], { source: 'api', actor: 'api_key:test', at: new Date() });
  const outbox = (workspaceId: string) => database.db.prisma.localOutboxMessage.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });

  it('sends one transactional email per pending request, keyed by its history entry, with a signed link to confirm it', async () => {
    const { workspaceId, contactId } = await consentPagesWorkspace(database.db, { name: 'Roastery', settings: DOUBLE_OPT_IN });
    const result = await grantByApi(workspaceId, contactId);
    expect(result?.awaitingConfirmation).toEqual(['email']);
    const pending = await database.db.prisma.consentEvent.findFirstOrThrow({ where: { contactId, status: 'pending' } });

    const outcomes = await requestConfirmations(services(), workspaceId, contactId, ['email']);
    expect(outcomes).toEqual([{ channel: 'email', outcome: 'sent', communicationId: expect.any(String), requestId: pending.id }]);
    const [message, ...more] = await outbox(workspaceId);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ toAddress: 'ada@example.com', subject: 'Confirm your subscription to Beans & <Co>' });
    expect(message?.body).toContain('Beans &amp; &lt;Co&gt;');
    expect(message?.body).not.toContain('<Co>');
    const token = /http:\/\/127\.0\.0\.1:3000\/confirm\/([A-Za-z0-9_.-]+)/.exec(message?.textBody ?? '')?.[1] ?? '';
    expect(verifyConfirmationToken(testMail().unsubscribeSecret, token, new Date())).toMatchObject({ ok: true, workspaceId, contactId, requestId: pending.id });
    expect(await database.db.prisma.communication.findFirstOrThrow({ where: { workspaceId } })).toMatchObject({
      messageType: 'transactional',
      status: 'sent',
      idempotencyKey: `double-opt-in:${pending.id}`,
      contactId,
    });

    // Called again for the same request (a retried request, two callers): no second email.
    expect(await requestConfirmations(services(), workspaceId, contactId, ['email'])).toEqual([expect.objectContaining({ outcome: 'sent', requestId: pending.id })]);
    expect(await outbox(workspaceId)).toHaveLength(1);

    // The contact asks again: a new request, a new email.
    await grantByApi(workspaceId, contactId);
    await requestConfirmations(services(), workspaceId, contactId, ['email']);
    expect(await outbox(workspaceId)).toHaveLength(2);
  });

  it('skips what needs no confirmation: a grant already confirmed, a channel without double opt-in, a contact without an address', async () => {
    const { workspaceId, contactId } = await consentPagesWorkspace(database.db, { name: 'Skips', settings: DOUBLE_OPT_IN });
    // An admin's grant needs no confirmation: it is granted at once.
    expect((await changeConsent(database.db.prisma, workspaceId, contactId, [GRANT], { source: 'admin', actor: 'user:1', at: new Date() }))?.awaitingConfirmation).toEqual([]);
    expect(await requestConfirmations(services(), workspaceId, contactId, ['email'])).toEqual([{ channel: 'email', outcome: 'skipped', reason: expect.stringContaining('not waiting') }]);
    expect(await requestConfirmations(services(), workspaceId, contactId, ['sms'])).toEqual([{ channel: 'sms', outcome: 'skipped', reason: expect.stringContaining('for email') }]);

    const nobody = await consentPagesWorkspace(database.db, { name: 'No address', settings: DOUBLE_OPT_IN, contact: { email: null, phone: '+14155550100' } });
    await grantByApi(nobody.workspaceId, nobody.contactId);
    expect(await requestConfirmations(services(), nobody.workspaceId, nobody.contactId, ['email'])).toEqual([{ channel: 'email', outcome: 'skipped', reason: 'The contact has no email address.' }]);
    expect(await outbox(nobody.workspaceId)).toEqual([]);
  });

  it('sends over SMTP when configured, as journey mail does; a refused address fails without throwing', async () => {
    const smtp = createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
    const mail = testMail({ smtp });
    const { workspaceId, contactId } = await consentPagesWorkspace(database.db, { name: 'Over SMTP', settings: DOUBLE_OPT_IN, contact: { email: 'cy@example.com' } });
    await grantByApi(workspaceId, contactId);
    const before = sink.received.length;
    expect(await requestConfirmations(services(mail), workspaceId, contactId, ['email'])).toEqual([expect.objectContaining({ outcome: 'sent' })]);
    const received = sink.received.slice(before);
    expect(received.map((parsed) => parsed.subject)).toEqual(['Confirm your subscription to Beans & <Co>']);
    expect(received[0]?.text).toContain('/confirm/');

    const refused = await consentPagesWorkspace(database.db, { name: 'Refused', settings: DOUBLE_OPT_IN, contact: { email: 'gone@example.com' } });
    sink.refuse.add('gone@example.com');
    await grantByApi(refused.workspaceId, refused.contactId);
    expect(await requestConfirmations(services(mail), refused.workspaceId, refused.contactId, ['email'])).toEqual([{ channel: 'email', outcome: 'failed', reason: expect.stringContaining('550') }]);
    // The grant stays pending: nothing was confirmed.
    expect(await database.db.prisma.consent.findFirstOrThrow({ where: { contactId: refused.contactId, channel: 'email', messageType: 'marketing' } })).toMatchObject({ status: 'pending' });
  });
});
