import { composeEmail } from '../../../../activities/channels/email/compose';
import { verifyPreferencesToken } from '../../../../activities/channels/email/preferences-token';

const WORKSPACE = '2f1c7c8e-3d6b-4a51-9e0f-5b8a1c2d3e4f';
const CONTACT = 'a9b8c7d6-e5f4-4321-8765-0fedcba98765';
const SECRET = 'test-unsubscribe-secret-of-at-least-32-chars';
const UNTIL = new Date('2027-01-01T00:00:00Z');

const compose = (links: boolean, preferences: boolean) =>
  composeEmail({
    from: 'Roastery <hello@roastery.test>',
    to: 'ada@example.com',
    content: { subject: 'News', html: '<a href="{{ preferences_url }}">Preferences</a> <a href="{{ unsubscribe_url }}">Unsubscribe</a>', text: 'Preferences: {{ preferences_url }}' },
    variables: {},
    idempotencyKey: 'key-1',
    domain: 'roastery.test',
    ...(links && { unsubscribe: { baseUrl: 'https://journeys.roastery.test/', secret: SECRET, workspaceId: WORKSPACE, contactId: CONTACT, ...(preferences && { preferencesUntil: UNTIL }) } }),
  });

describe('composeEmail links', () => {
  it('gives marketing mail a preference center link, signed for the contact and valid until the given date', async () => {
    const email = await compose(true, true);
    const token = /https:\/\/journeys\.roastery\.test\/preferences\/([A-Za-z0-9_.-]+)/.exec(email.html)?.[1] ?? '';
    expect(verifyPreferencesToken(SECRET, token, new Date('2026-12-01T00:00:00Z'))).toEqual({ ok: true, workspaceId: WORKSPACE, contactId: CONTACT, expiresAt: UNTIL });
    expect(email.text).toBe(`Preferences: https://journeys.roastery.test/preferences/${token}`);
    // Composing again (a retried step) makes the same link.
    expect((await compose(true, true)).html).toBe(email.html);
  });

  it('renders it empty in transactional mail, which has no marketing links', async () => {
    const email = await compose(false, false);
    expect(email.html).toBe('<a href="">Preferences</a> <a href="">Unsubscribe</a>');
    expect((await compose(true, false)).html).toContain('<a href="">Preferences</a>');
  });
});
