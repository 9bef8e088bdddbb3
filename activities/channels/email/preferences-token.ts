import { signExpiringToken, uuidAt, uuidBytes, verifyExpiringToken } from './expiring-token';

// The preference center link (`preferences_url` in marketing mail): workspace and contact,
// valid until a date. Anyone holding it may see and change that contact's marketing choices,
// as with the unsubscribe link, so it expires (PREFERENCE_LINK_DAYS) where that one cannot.

const LABEL = 'preference-center v1';
const PAYLOAD_BYTES = 32;

export type PreferencesTokenCheck =
  | { readonly ok: true; readonly workspaceId: string; readonly contactId: string; readonly expiresAt: Date }
  | { readonly ok: false; readonly reason: 'invalid' }
  /** The workspace whose link it was, for its branding on the "expired" page. */
  | { readonly ok: false; readonly reason: 'expired'; readonly workspaceId: string };

export function preferencesToken(secret: string, workspaceId: string, contactId: string, expiresAt: Date): string {
  return signExpiringToken(secret, LABEL, uuidBytes(workspaceId, contactId), expiresAt);
}

export function verifyPreferencesToken(secret: string, token: string, now: Date): PreferencesTokenCheck {
  const check = verifyExpiringToken(secret, LABEL, token, PAYLOAD_BYTES, now);
  if (!check.ok) return check.reason === 'expired' ? { ok: false, reason: 'expired', workspaceId: uuidAt(check.payload, 0) } : check;
  return { ok: true, workspaceId: uuidAt(check.payload, 0), contactId: uuidAt(check.payload, 1), expiresAt: check.expiresAt };
}

/** The page's address under the engine's public URL. */
export function preferencesUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/preferences/${token}`;
}
