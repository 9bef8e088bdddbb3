import { daysAfter, signExpiringToken, uuidBytes, verifyExpiringToken } from '../../../../activities/channels/email/expiring-token';
import { preferencesToken, preferencesUrl, verifyPreferencesToken } from '../../../../activities/channels/email/preferences-token';
import { unsubscribeToken } from '../../../../activities/channels/email/unsubscribe-token';
import { confirmationToken, verifyConfirmationToken } from '../../../../engine/consent/double-opt-in/confirm-token';

const SECRET = 'test-unsubscribe-secret-of-at-least-32-chars';
const WORKSPACE = '2f1c7c8e-3d6b-4a51-9e0f-5b8a1c2d3e4f';
const CONTACT = 'a9b8c7d6-e5f4-4321-8765-0fedcba98765';
const OTHER = '00000000-0000-4000-8000-000000000000';
const NOW = new Date('2026-12-01T12:00:00Z');
const LATER = daysAfter(NOW, 30);

/** Flips one character of the token's part at `index` to another base64url character. */
function flipped(token: string, part: 0 | 1, index: number): string {
  const parts = token.split('.');
  const text = parts[part] ?? '';
  const character = text[index] === 'A' ? 'B' : 'A';
  parts[part] = `${text.slice(0, index)}${character}${text.slice(index + 1)}`;
  return parts.join('.');
}

describe('preference center links', () => {
  it('carry workspace, contact and expiry, and read back before they expire', () => {
    const token = preferencesToken(SECRET, WORKSPACE, CONTACT, LATER);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(80);
    expect(verifyPreferencesToken(SECRET, token, NOW)).toEqual({ ok: true, workspaceId: WORKSPACE, contactId: CONTACT, expiresAt: LATER });
    expect(preferencesUrl('https://journeys.shop.test/', token)).toBe(`https://journeys.shop.test/preferences/${token}`);
  });

  it('expire: a genuine link past its date says so (and whose it was), and nothing else', () => {
    const token = preferencesToken(SECRET, WORKSPACE, CONTACT, LATER);
    expect(verifyPreferencesToken(SECRET, token, LATER)).toEqual({ ok: false, reason: 'expired', workspaceId: WORKSPACE });
    expect(verifyPreferencesToken(SECRET, token, daysAfter(LATER, 365))).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuse tampered, forged, truncated and foreign tokens as invalid, whatever date they claim', () => {
    const token = preferencesToken(SECRET, WORKSPACE, CONTACT, LATER);
    const [payload = '', signature = ''] = token.split('.');
    const forged = preferencesToken('another-secret-of-at-least-32-characters', WORKSPACE, CONTACT, LATER);
    // Someone else's contact id with this link's signature, and this link pushed a year later.
    const otherContact = `${preferencesToken(SECRET, WORKSPACE, OTHER, LATER).split('.')[0] ?? ''}.${signature}`;
    const extended = `${signExpiringToken(SECRET, 'preference-center v1', uuidBytes(WORKSPACE, CONTACT), daysAfter(LATER, 365)).split('.')[0] ?? ''}.${signature}`;
    const invalid = [forged, otherContact, extended, flipped(token, 0, 3), flipped(token, 1, 5), payload, `${payload}.`, `${token}.x`, token.slice(0, -2), 'not-a-token', ''];
    for (const candidate of invalid) expect({ candidate, check: verifyPreferencesToken(SECRET, candidate, NOW) }).toEqual({ candidate, check: { ok: false, reason: 'invalid' } });
    // An expired link that was tampered with is invalid, not "expired": only our own links expire.
    expect(verifyPreferencesToken(SECRET, flipped(token, 1, 0), daysAfter(LATER, 1))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accept one spelling only: other trailing bits of the base64url decode to the same bytes but are refused', () => {
    const token = preferencesToken(SECRET, WORKSPACE, CONTACT, LATER);
    const [payload = '', signature = ''] = token.split('.');
    // 16 tag bytes are 22 characters whose last carries 4 unused bits.
    const last = signature.at(-1) ?? 'A';
    const sibling = String.fromCharCode(last.charCodeAt(0) + 1);
    expect(Buffer.from(`${signature.slice(0, -1)}${sibling}`, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    expect(verifyPreferencesToken(SECRET, `${payload}.${signature.slice(0, -1)}${sibling}`, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('are never taken for another kind of link: each kind signs with its own derived key', () => {
    const preferences = preferencesToken(SECRET, WORKSPACE, CONTACT, LATER);
    const confirmation = confirmationToken(SECRET, { workspaceId: WORKSPACE, contactId: CONTACT, requestId: OTHER }, LATER);
    const unsubscribe = unsubscribeToken(SECRET, WORKSPACE, CONTACT);
    expect(verifyPreferencesToken(SECRET, confirmation, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyPreferencesToken(SECRET, unsubscribe, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyConfirmationToken(SECRET, preferences, NOW)).toEqual({ ok: false, reason: 'invalid' });
    // The same bytes signed under another label do not verify either.
    const relabelled = signExpiringToken(SECRET, 'double-opt-in v1', uuidBytes(WORKSPACE, CONTACT), LATER);
    expect(verifyPreferencesToken(SECRET, relabelled, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyConfirmationToken(SECRET, confirmation, NOW)).toMatchObject({ ok: true, workspaceId: WORKSPACE, contactId: CONTACT, requestId: OTHER });
  });

  it('are made for UUIDs and dates a 32-bit expiry can hold', () => {
    expect(() => preferencesToken(SECRET, 'not-a-uuid', CONTACT, LATER)).toThrow(TypeError);
    expect(() => preferencesToken(SECRET, WORKSPACE, CONTACT, new Date('2200-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(verifyExpiringToken(SECRET, 'x', signExpiringToken(SECRET, 'x', Buffer.alloc(0), LATER), 0, NOW)).toMatchObject({ ok: true });
  });
});
