import { simpleParser } from 'mailparser';
import { composeEmail } from '../../../../activities/channels/email/compose';
import { outboxDelivery } from '../../../../activities/channels/email/outbox';
import { sendOnce, type SendRequest } from '../../../../activities/sending';
import type { Database } from '../../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';

describe.each(databaseKinds)('email to the local outbox on %s', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let workspaceId: string;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    workspaceId = (await database.db.prisma.workspace.create({ data: { name: 'Roastery', slug: 'roastery' } })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function request(email: string, consent: 'granted' | 'withdrawn'): Promise<SendRequest> {
    const contact = await database.db.prisma.contact.create({ data: { workspaceId, email } });
    await database.db.prisma.consent.create({ data: { workspaceId, contactId: contact.id, channel: 'email', messageType: 'marketing', status: consent, source: 'test' } });
    return { workspaceId, contactId: contact.id, channel: 'email', messageType: 'marketing', idempotencyKey: `enr:${email}:2`, toAddress: email };
  }
  const compose = (send: SendRequest) =>
    composeEmail({
      from: 'hello@roastery.test',
      to: send.toAddress ?? '',
      content: { subject: 'Fresh beans', html: '<p>New <b>Ethiopian</b> roast. <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>' },
      variables: {},
      idempotencyKey: send.idempotencyKey,
      domain: 'roastery.test',
      unsubscribe: { baseUrl: 'http://127.0.0.1:3000', secret: 's', workspaceId, contactId: send.contactId },
    });

  it('stores the complete MIME message once, as SMTP would have received it', async () => {
    const send = await request('ada@example.com', 'granted');
    const email = await compose(send);
    const { prisma } = database.db;
    expect(await sendOnce(prisma, send, outboxDelivery(prisma, workspaceId, email, send.idempotencyKey))).toMatchObject({ outcome: 'sent', providerMessageId: email.messageId });
    await sendOnce(prisma, send, outboxDelivery(prisma, workspaceId, email, send.idempotencyKey));
    const stored = await prisma.localOutboxMessage.findMany({ where: { workspaceId, toAddress: 'ada@example.com' } });
    expect(stored).toHaveLength(1);
    const parsed = await simpleParser(stored[0]?.raw ?? '');
    expect(parsed.subject).toBe('Fresh beans');
    expect(parsed.messageId).toBe(email.messageId);
    expect(parsed.text).toContain('New Ethiopian roast.');
    expect(parsed.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(true);
    expect(await prisma.communication.findFirst({ where: { workspaceId, idempotencyKey: send.idempotencyKey } })).toMatchObject({ status: 'sent', provider: 'outbox' });
  });

  it('stores nothing for a contact without consent', async () => {
    const send = await request('bob@example.com', 'withdrawn');
    const { prisma } = database.db;
    expect(await sendOnce(prisma, send, outboxDelivery(prisma, workspaceId, await compose(send), send.idempotencyKey))).toMatchObject({ outcome: 'skipped' });
    expect(await prisma.localOutboxMessage.count({ where: { workspaceId, toAddress: 'bob@example.com' } })).toBe(0);
  });
});
