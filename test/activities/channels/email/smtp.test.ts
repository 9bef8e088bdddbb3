import { createTransport } from 'nodemailer';
import { PermanentActionError } from '../../../../activities/actions';
import { composeEmail } from '../../../../activities/channels/email/compose';
import { unsubscribeToken } from '../../../../activities/channels/email/unsubscribe-token';
import { smtpDelivery } from '../../../../activities/channels/email/smtp';
import { sendOnce, TransientDeliveryError, type SendRequest } from '../../../../activities/sending';
import type { Database } from '../../../../engine/db';
import { openMigratedDatabase } from '../../../support/database';
import { SmtpSink } from './smtp-sink';

describe('email over SMTP (real SMTP server on loopback)', () => {
  const sink = new SmtpSink();
  let database: { db: Database; dispose(): Promise<void> };
  let workspaceId: string;
  let counter = 0;
  const transport = () => createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, connectionTimeout: 2_000 });

  beforeAll(async () => {
    await sink.start();
    database = await openMigratedDatabase('pglite');
    workspaceId = (await database.db.prisma.workspace.create({ data: { name: 'Roastery', slug: 'roastery' } })).id;
  });
  afterAll(async () => {
    await sink.stop();
    await database?.dispose();
  });

  async function contact(): Promise<{ request: SendRequest; firstName: string }> {
    counter += 1;
    const email = `ada${counter}@example.com`;
    const created = await database.db.prisma.contact.create({ data: { workspaceId, email, firstName: 'Ada' } });
    await database.db.prisma.consent.create({ data: { workspaceId, contactId: created.id, channel: 'email', messageType: 'marketing', status: 'granted', source: 'test' } });
    return { firstName: 'Ada', request: { workspaceId, contactId: created.id, channel: 'email', messageType: 'marketing', idempotencyKey: `enr-${counter}:thanks:4`, toAddress: email, subject: 'Thanks' } };
  }

  const compose = (request: SendRequest) =>
    composeEmail({
      from: 'Roastery <hello@roastery.test>',
      to: request.toAddress ?? '',
      content: { subject: 'Thanks, {{ contact.firstName }}!', html: '<h1>Hi {{ contact.firstName }}</h1><p>Your order of {{ event.properties.total }} is on its way. <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>' },
      variables: { contact: { firstName: 'Ada' }, event: { properties: { total: '£42' } } },
      idempotencyKey: request.idempotencyKey,
      domain: 'roastery.test',
      unsubscribe: { baseUrl: 'https://journeys.roastery.test', secret: 'test-secret', workspaceId, contactId: request.contactId },
    });

  it('delivers a rendered email: subject, HTML, generated text part, one-click unsubscribe headers, Message-ID from the key', async () => {
    const { request } = await contact();
    const email = await compose(request);
    const before = sink.received.length;
    expect(await sendOnce(database.db.prisma, request, smtpDelivery(transport(), email))).toMatchObject({ outcome: 'sent' });
    const mail = sink.received[before];
    if (!mail) throw new Error('nothing arrived');
    const token = unsubscribeToken('test-secret', workspaceId, request.contactId);
    expect(mail.subject).toBe('Thanks, Ada!');
    expect(mail.html).toContain('<h1>Hi Ada</h1>');
    expect(mail.text).toContain('HI ADA');
    expect(mail.text).toContain('£42');
    expect(mail.html).toContain(`https://journeys.roastery.test/unsubscribe/${token}`);
    // mailparser folds List-* headers into a structure; the raw lines are what mailbox providers read.
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <https://journeys.roastery.test/unsubscribe/${token}>`);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.messageId).toBe(email.messageId);
    expect((await compose(request)).messageId).toBe(email.messageId);
  });

  it('SMTP down then up: the first attempt is a retryable failure, then exactly one delivery', async () => {
    const { request } = await contact();
    const email = await compose(request);
    const port = sink.port;
    await sink.stop();
    await expect(sendOnce(database.db.prisma, request, smtpDelivery(transport(), email))).rejects.toBeInstanceOf(TransientDeliveryError);
    await sink.start(port);
    const before = sink.received.length;
    await sendOnce(database.db.prisma, request, smtpDelivery(transport(), email));
    await sendOnce(database.db.prisma, request, smtpDelivery(transport(), email));
    expect(sink.received.length - before).toBe(1);
  });

  it('a 550 refusal is permanent: failed, recorded, not retried, and the address suppressed', async () => {
    const { request } = await contact();
    sink.refuse.add(request.toAddress ?? '');
    const email = await compose(request);
    await expect(sendOnce(database.db.prisma, request, smtpDelivery(transport(), email))).rejects.toBeInstanceOf(PermanentActionError);
    const row = await database.db.prisma.communication.findUniqueOrThrow({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: request.idempotencyKey } } });
    expect(row.status).toBe('failed');
    expect(row.error).toContain('SMTP 550');
    // The bad address is suppressed: the next message to it is skipped without calling SMTP.
    const next = { ...request, idempotencyKey: `${request.idempotencyKey}-next` };
    expect(await sendOnce(database.db.prisma, next, smtpDelivery(transport(), email))).toMatchObject({ outcome: 'skipped', reason: `${request.toAddress} is suppressed (hard bounce).` });
  });

  it('templates cannot read files or reach prototypes', async () => {
    const { request } = await contact();
    await expect(composeEmail({ from: 'a@b.test', to: 'c@d.test', content: { subject: 'x', html: '{% include "/etc/passwd" %}' }, variables: {}, idempotencyKey: request.idempotencyKey, domain: 'b.test' })).rejects.toThrow();
    const probe = await composeEmail({ from: 'a@b.test', to: 'c@d.test', content: { subject: '{{ contact.constructor.name }}', html: 'x' }, variables: { contact: {} }, idempotencyKey: 'k', domain: 'b.test' });
    expect(probe.subject).toBe('');
  });
});
