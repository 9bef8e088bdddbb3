import type { FastifyInstance } from 'fastify';
import { daysAfter } from '../../../activities/channels/email/expiring-token';
import { preferencesToken } from '../../../activities/channels/email/preferences-token';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { testMail } from '../../support/messaging';
import { journeyApp } from '../journeys/test-app';
import { checkboxes, consentPagesWorkspace, membershipsOf, postForm } from './consent-pages';

const SECRET = testMail().unsubscribeSecret;

describe.each(databaseKinds)('/preferences/:token (%s)', (kind) => {
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

  const link = (workspaceId: string, contactId: string, expiresAt = daysAfter(new Date(), 30)) => `/preferences/${preferencesToken(SECRET, workspaceId, contactId, expiresAt)}`;
  /** A subscribed contact: email marketing granted, the newsletter chosen (and the opt-out topic by default). */
  const subscribed = (name: string) => consentPagesWorkspace(database.db, { name, subscribed: true });
  const history = (contactId: string) => database.db.prisma.consentEvent.findMany({ where: { contactId }, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] });
  const everything = ['channel:email', 'topic:newsletter', 'topic:promotions'].map((value) => ['shown', value] as const);

  it('GET shows the contact\'s channels and topics, ticked as they receive them, in an accessible page that changes nothing', async () => {
    const { workspaceId, contactId } = await subscribed('Beans & Co');
    const response = await app.inject({ method: 'GET', url: link(workspaceId, contactId) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'content-security-policy': expect.stringContaining("default-src 'none'") });
    const page = response.body;
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('Beans &amp; Co');
    // Email only: the contact has no phone, so SMS and its topic are not offered.
    expect(checkboxes(page)).toEqual({ 'channel-email': true, 'topic-newsletter': true, 'topic-promotions': true });
    for (const id of ['channel-email', 'topic-newsletter', 'topic-promotions']) expect(page).toContain(`<label for="${id}">`);
    expect(page).toContain('<legend>Email</legend>');
    expect(page).toContain('<legend>Topics</legend>');
    expect(page).toContain('New roasts and brewing guides.');
    expect(page).toContain('<button type="submit" class="primary">Save preferences</button>');
    expect(page).toContain('Unsubscribe from all marketing</button>');
    expect(page).toContain(':focus-visible');
    expect(page).not.toMatch(/<script|<[^>]*\son[a-z]+\s*=/i);
    expect(await history(contactId)).toEqual([]);
  });

  it('escapes workspace, topic and contact data, and styles the page with the workspace\'s brand', async () => {
    const hostile = '<script>alert(1)</script>';
    const { workspaceId, contactId } = await consentPagesWorkspace(database.db, {
      name: 'Plain name',
      settings: { preferenceCenter: { brandName: `Shop "${hostile}"`, brandColour: '#7c3aed' } },
      contact: { email: `"><img src=x onerror=alert(2)>@example.com`, phone: '+14155550123' },
    });
    const { prisma } = database.db;
    await prisma.subscriptionTopic.update({ where: { workspaceId_key: { workspaceId, key: 'newsletter' } }, data: { name: `News ${hostile}`, description: `Weekly' onmouseover='alert(3)` } });
    const page = (await app.inject({ method: 'GET', url: link(workspaceId, contactId) })).body;
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    // No tag carries an event handler: the hostile text stays text.
    expect(page).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(page).toContain('Shop &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect(page).toContain('News &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Weekly&#39; onmouseover=&#39;alert(3)');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;@example.com');
    expect(page).not.toContain('Plain name');
    expect(page).toContain('--brand:#7c3aed');
    // With a phone, SMS and its topic appear, unticked (never decided).
    expect(checkboxes(page)).toMatchObject({ 'channel-sms': false, 'topic-flash': false });
  });

  it('POST records only what changed, as the contact with proof, and the contact leaves both dependent segments at once', async () => {
    const { workspaceId, contactId, segments } = await subscribed('Leaving');
    expect(await membershipsOf(database.db, contactId)).toEqual([segments.readers, segments.subscribers].sort());
    // Marketing email unticked; the topics left as they were shown.
    const response = await postForm(app, link(workspaceId, contactId), [['action', 'save'], ...everything, ['topic', 'newsletter'], ['topic', 'promotions']]);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Your preferences are saved.');
    expect(response.body).toContain('<title>Your preferences are saved.');
    // Without the channel no topic reaches the contact: the page shows it.
    expect(checkboxes(response.body)).toEqual({ 'channel-email': false, 'topic-newsletter': false, 'topic-promotions': false });
    expect(await membershipsOf(database.db, contactId)).toEqual([]);
    expect(await history(contactId)).toEqual([
      expect.objectContaining({ channel: 'email', messageType: 'marketing', topic: null, status: 'withdrawn', source: 'preference_center', actor: 'contact', ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (test browser)' }),
    ]);
    const changes = await database.db.prisma.segmentMembershipChange.findMany({ where: { contactId, change: 'exited' } });
    expect(changes.map((change) => change.segmentId).sort()).toEqual([segments.readers, segments.subscribers].sort());

    // The same form again: nothing to record.
    const again = await postForm(app, link(workspaceId, contactId), [['action', 'save'], ...everything]);
    expect(again.body).toContain('No changes: your preferences are as they were.');
    expect(await history(contactId)).toHaveLength(1);
  });

  it('re-ticking a topic grants it (and the channel it needs), and the contact is back in the segments', async () => {
    const { workspaceId, contactId, segments } = await subscribed('Returning');
    await postForm(app, link(workspaceId, contactId), [['action', 'save'], ...everything, ['channel', 'email'], ['topic', 'promotions']]);
    expect(await membershipsOf(database.db, contactId)).toEqual([segments.subscribers]);
    const response = await postForm(app, link(workspaceId, contactId), [['action', 'save'], ...everything, ['channel', 'email'], ['topic', 'newsletter'], ['topic', 'promotions']]);
    expect(checkboxes(response.body)).toEqual({ 'channel-email': true, 'topic-newsletter': true, 'topic-promotions': true });
    expect(await membershipsOf(database.db, contactId)).toEqual([segments.readers, segments.subscribers].sort());
    const topics = (await history(contactId)).map((row) => `${row.topic ?? row.channel}:${row.status}:${row.source}`);
    expect(topics).toEqual(['newsletter:withdrawn:preference_center', 'newsletter:granted:preference_center']);
  });

  it('"Unsubscribe from all marketing" withdraws every marketing channel', async () => {
    const { workspaceId, contactId } = await subscribed('All of it');
    await database.db.prisma.contact.update({ where: { id: contactId }, data: { phone: '+14155550100' } });
    await database.db.prisma.consent.create({ data: { workspaceId, contactId, channel: 'sms', messageType: 'marketing', status: 'granted', source: 'api' } });
    await database.db.prisma.consent.create({ data: { workspaceId, contactId, channel: 'email', messageType: 'transactional', status: 'granted', source: 'api' } });
    const response = await postForm(app, link(workspaceId, contactId), [['action', 'unsubscribe_all']]);
    expect(response.body).toContain('You are unsubscribed from all marketing.');
    const consents = await database.db.prisma.consent.findMany({ where: { contactId }, orderBy: [{ channel: 'asc' }, { messageType: 'asc' }] });
    expect(consents.map((row) => `${row.channel}:${row.messageType}:${row.status}`)).toEqual(['email:marketing:withdrawn', 'email:transactional:granted', 'sms:marketing:withdrawn']);
    expect((await history(contactId)).every((row) => row.source === 'preference_center')).toBe(true);
  });

  it('an expired link shows a clear page and changes nothing', async () => {
    const { workspaceId, contactId, segments } = await subscribed('Expired shop');
    const expired = link(workspaceId, contactId, new Date(Date.now() - 1_000));
    const shown = await app.inject({ method: 'GET', url: expired });
    expect(shown.statusCode).toBe(410);
    expect(shown.body).toContain('This link has expired');
    expect(shown.body).toContain('Use the link in a recent email');
    expect(shown.body).toContain('Expired shop');
    const posted = await postForm(app, expired, [['action', 'unsubscribe_all']]);
    expect(posted.statusCode).toBe(410);
    expect(await history(contactId)).toEqual([]);
    expect(await membershipsOf(database.db, contactId)).toEqual([segments.readers, segments.subscribers].sort());
  });

  it('tampered, forged and foreign links get a 404 page and change nothing', async () => {
    const { workspaceId, contactId } = await subscribed('Tampered');
    const other = await consentPagesWorkspace(database.db, { name: 'Elsewhere' });
    const token = preferencesToken(SECRET, workspaceId, contactId, daysAfter(new Date(), 30));
    const [, signature] = token.split('.');
    const swapped = `${preferencesToken(SECRET, workspaceId, other.contactId, daysAfter(new Date(), 30)).split('.')[0] ?? ''}.${signature ?? ''}`;
    const forged = preferencesToken('another-secret-of-at-least-32-characters', workspaceId, contactId, daysAfter(new Date(), 30));
    // Signed correctly, but the contact is of another workspace than the one the token names.
    const foreign = preferencesToken(SECRET, workspaceId, other.contactId, daysAfter(new Date(), 30));
    for (const candidate of [swapped, forged, foreign, 'not-a-token']) {
      const response = await postForm(app, `/preferences/${candidate}`, [['action', 'unsubscribe_all']]);
      expect({ candidate, status: response.statusCode }).toEqual({ candidate, status: 404 });
      expect(response.body).toContain('This link is not valid');
    }
    expect(await database.db.prisma.consentEvent.count({ where: { contactId: { in: [contactId, other.contactId] } } })).toBe(0);
  });
});
