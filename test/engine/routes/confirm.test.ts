import type { FastifyInstance } from 'fastify';
import { daysAfter } from '../../../activities/channels/email/expiring-token';
import { preferencesToken } from '../../../activities/channels/email/preferences-token';
import { changeConsent } from '../../../engine/consent';
import { confirmationToken } from '../../../engine/consent/double-opt-in/confirm-token';
import { requestConfirmations } from '../../../engine/consent/double-opt-in/request-confirmation';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { testMail } from '../../support/messaging';
import { journeyApp } from '../journeys/test-app';
import { checkboxes, consentPagesWorkspace, membershipsOf, postForm } from './consent-pages';

const SECRET = testMail().unsubscribeSecret;
const DOUBLE_OPT_IN = { doubleOptIn: { email: true } };

describe.each(databaseKinds)('double opt-in: /confirm/:token (%s)', (kind) => {
  let database: { db: Database; dispose(): Promise<void> };
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const emailMarketing = (contactId: string) => database.db.prisma.consent.findFirst({ where: { contactId, channel: 'email', messageType: 'marketing' }, select: { status: true, source: true } });
  const history = async (contactId: string) =>
    (await database.db.prisma.consentEvent.findMany({ where: { contactId }, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] })).map((row) => `${row.topic ?? `${row.channel}.${row.messageType}`}:${row.status}:${row.source}`);
  /** The path of the confirmation link in the newest email to the workspace's outbox. */
  async function confirmationLink(workspaceId: string): Promise<string> {
    const message = await database.db.prisma.localOutboxMessage.findFirstOrThrow({ where: { workspaceId }, orderBy: { createdAt: 'desc' } });
    const path = /http:\/\/127\.0\.0\.1:3000(\/confirm\/[A-Za-z0-9_.-]+)/.exec(message.textBody ?? '')?.[1];
    if (!path) throw new Error(`no confirmation link in ${message.textBody ?? ''}`);
    return path;
  }
  const requestId = async (contactId: string) => (await database.db.prisma.consentEvent.findFirstOrThrow({ where: { contactId, status: 'pending' }, orderBy: { recordedAt: 'desc' } })).id;

  it('a subscription on the preference center waits for the emailed link; GET shows a button, POST confirms, a second POST is harmless', async () => {
    const { workspaceId, contactId, segments } = await consentPagesWorkspace(database.db, { name: 'Roastery', settings: DOUBLE_OPT_IN });
    const preferences = `/preferences/${preferencesToken(SECRET, workspaceId, contactId, daysAfter(new Date(), 30))}`;
    expect((await app.inject({ method: 'GET', url: preferences })).body).toContain('We will email you a link to confirm.');
    const saved = await postForm(app, preferences, [['action', 'save'], ['shown', 'channel:email'], ['shown', 'topic:newsletter'], ['channel', 'email'], ['topic', 'newsletter']]);
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('We sent you an email to confirm your subscription');
    expect(saved.body).toContain('Waiting for you to confirm');
    // The newsletter the contact chose stays ticked while the subscription waits.
    expect(checkboxes(saved.body)).toEqual({ 'channel-email': false, 'topic-newsletter': true, 'topic-promotions': true });
    expect(await emailMarketing(contactId)).toMatchObject({ status: 'pending', source: 'preference_center' });
    expect(await membershipsOf(database.db, contactId)).toEqual([]);
    const message = await database.db.prisma.localOutboxMessage.findFirstOrThrow({ where: { workspaceId } });
    expect(message).toMatchObject({ toAddress: 'ada@example.com', subject: 'Confirm your subscription to Roastery' });

    // Link scanners fetch GET: it shows a button and confirms nothing.
    const link = await confirmationLink(workspaceId);
    const shown = await app.inject({ method: 'GET', url: link });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.body).toContain('<form method="post">');
    expect(shown.body).toContain('<button type="submit" class="primary">Confirm my subscription</button>');
    expect(await emailMarketing(contactId)).toMatchObject({ status: 'pending' });

    const confirmed = await postForm(app, link, [], 'Mozilla/5.0 (confirming)');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Your subscription is confirmed');
    expect(await emailMarketing(contactId)).toMatchObject({ status: 'granted', source: 'double_opt_in' });
    expect(await membershipsOf(database.db, contactId)).toEqual([segments.readers, segments.subscribers].sort());
    // Pending first (the two decisions of one save share a timestamp), then granted by the link.
    const rows = await history(contactId);
    expect(rows.slice(0, 2).sort()).toEqual(['email.marketing:pending:preference_center', 'newsletter:granted:preference_center']);
    expect(rows.slice(2)).toEqual(['email.marketing:granted:double_opt_in']);
    expect(await database.db.prisma.consentEvent.findFirstOrThrow({ where: { contactId, source: 'double_opt_in' } })).toMatchObject({ actor: 'contact', ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (confirming)' });

    const again = await postForm(app, link, []);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Your subscription is confirmed');
    expect(await history(contactId)).toHaveLength(3);
    // The preference center now shows the subscription.
    expect((await app.inject({ method: 'GET', url: preferences })).body).toMatch(/id="channel-email"[^>]* checked>/);
  });

  it('a grant through the API waits as well, and the function the routes call sends the email', async () => {
    const { workspaceId, contactId } = await consentPagesWorkspace(database.db, { name: 'By API', settings: DOUBLE_OPT_IN });
    const result = await changeConsent(database.db.prisma, workspaceId, contactId, [{ target: { kind: 'channel', channel: 'email', purpose: 'marketing' }, decision: 'granted', field: 'consent.email.marketing' }], { source: 'api', actor: 'api_key:k', at: new Date() });
    await requestConfirmations(app.services, workspaceId, contactId, result?.awaitingConfirmation ?? []);
    expect((await postForm(app, await confirmationLink(workspaceId), [])).statusCode).toBe(200);
    expect(await history(contactId)).toEqual(['email.marketing:pending:api', 'email.marketing:granted:double_opt_in']);
  });

  it('an expired link shows a clear page and confirms nothing', async () => {
    const { workspaceId, contactId } = await consentPagesWorkspace(database.db, { name: 'Late', settings: DOUBLE_OPT_IN });
    await changeConsent(database.db.prisma, workspaceId, contactId, [{ target: { kind: 'channel', channel: 'email', purpose: 'marketing' }, decision: 'granted', field: 'consent.email.marketing' }], { source: 'api', actor: 'api_key:k', at: new Date() });
    const expired = `/confirm/${confirmationToken(SECRET, { workspaceId, contactId, requestId: await requestId(contactId) }, new Date(Date.now() - 1_000))}`;
    for (const method of ['GET', 'POST'] as const) {
      const response = await app.inject({ method, url: expired });
      expect(response.statusCode).toBe(410);
      expect(response.body).toContain('This link has expired');
    }
    expect(await emailMarketing(contactId)).toMatchObject({ status: 'pending' });
  });

  it('tampered and forged links get a 404 page; a contact who withdrew since is not re-subscribed', async () => {
    const { workspaceId, contactId } = await consentPagesWorkspace(database.db, { name: 'Changed mind', settings: DOUBLE_OPT_IN });
    const grant = { target: { kind: 'channel' as const, channel: 'email' as const, purpose: 'marketing' as const }, decision: 'granted' as const, field: 'consent.email.marketing' };
    await changeConsent(database.db.prisma, workspaceId, contactId, [grant], { source: 'api', actor: 'api_key:k', at: new Date() });
    const subject = { workspaceId, contactId, requestId: await requestId(contactId) };
    const good = confirmationToken(SECRET, subject, daysAfter(new Date(), 7));
    const forged = confirmationToken('another-secret-of-at-least-32-characters', subject, daysAfter(new Date(), 7));
    const preferencesLink = preferencesToken(SECRET, workspaceId, contactId, daysAfter(new Date(), 7));
    const wrongRequest = confirmationToken(SECRET, { ...subject, requestId: '00000000-0000-4000-8000-000000000000' }, daysAfter(new Date(), 7));
    for (const token of [forged, preferencesLink, `${good.slice(0, 10)}A${good.slice(11)}`]) {
      const response = await app.inject({ method: 'POST', url: `/confirm/${token}` });
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('This link is not valid');
    }
    expect((await app.inject({ method: 'POST', url: `/confirm/${wrongRequest}` })).statusCode).toBe(404);
    expect(await emailMarketing(contactId)).toMatchObject({ status: 'pending' });

    await changeConsent(database.db.prisma, workspaceId, contactId, [{ ...grant, decision: 'withdrawn' }], { source: 'unsubscribe_link', actor: 'contact', at: new Date() });
    const late = await app.inject({ method: 'POST', url: `/confirm/${good}` });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('no longer needed');
    expect(await emailMarketing(contactId)).toMatchObject({ status: 'withdrawn' });
  });
});
