import type { FastifyInstance } from 'fastify';
import { unsubscribeToken } from '../../../activities/channels/email/unsubscribe-token';
import type { Database } from '../../../engine/db';
import { openMigratedDatabase } from '../../support/database';
import { testMail } from '../../support/messaging';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

describe('/unsubscribe/:token', () => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  let workspaceId: string;
  let contactId: string;
  const secret = testMail().unsubscribeSecret;
  beforeAll(async () => {
    database = await openMigratedDatabase('pglite');
    app = await journeyApp(database.db);
    workspaceId = (await workspaceWithKey(database.db)).workspaceId;
    const contact = await database.db.prisma.contact.create({ data: { workspaceId, email: 'ada@example.com' } });
    contactId = contact.id;
    await database.db.prisma.consent.create({ data: { workspaceId, contactId, channel: 'email', messageType: 'marketing', status: 'granted', source: 'signup_form' } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });
  const consent = () => database.db.prisma.consent.findUniqueOrThrow({ where: { contactId_channel_messageType: { contactId, channel: 'email', messageType: 'marketing' } } });

  it('GET shows a confirmation and changes nothing (link scanners fetch links)', async () => {
    const response = await app.inject({ method: 'GET', url: `/unsubscribe/${unsubscribeToken(secret, workspaceId, contactId)}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<form method="post">');
    expect((await consent()).status).toBe('granted');
  });

  it("POST (the mailbox's one-click button) withdraws marketing email consent and records it", async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/unsubscribe/${unsubscribeToken(secret, workspaceId, contactId)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You are unsubscribed');
    expect(await consent()).toMatchObject({ status: 'withdrawn', source: 'unsubscribe_link' });
    expect(await database.db.prisma.consentEvent.findMany({ where: { contactId } })).toEqual([expect.objectContaining({ status: 'withdrawn', source: 'unsubscribe_link', channel: 'email' })]);
  });

  it('refuses forged, tampered and foreign tokens', async () => {
    const good = unsubscribeToken(secret, workspaceId, contactId);
    const forged = unsubscribeToken('another-secret-of-at-least-32-characters', workspaceId, contactId);
    const tampered = `${unsubscribeToken(secret, workspaceId, '00000000-0000-4000-8000-000000000000').split('.')[0] ?? ''}.${good.split('.')[1] ?? ''}`;
    for (const token of [forged, tampered, 'not-a-token-at-all']) {
      const response = await app.inject({ method: 'POST', url: `/unsubscribe/${token}` });
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('not valid');
    }
  });
});
