import { createHmac, timingSafeEqual } from 'node:crypto';

// Signed links that stop working after a while (the preference center, double opt-in
// confirmations). Unlike the unsubscribe link, which must work forever (RFC 8058), these show
// or change more than one decision, so a link found in an old mailbox should not do that for
// years. Each kind of link signs with its own key derived from the unsubscribe secret and a
// label, so a token made for one purpose is never accepted by another, and no new secret has
// to be configured. Layout: base64url(payload ‖ expiry as 32-bit Unix seconds) "." base64url(tag),
// the tag a 128-bit HMAC-SHA256.

export type TokenCheck =
  | { readonly ok: true; readonly payload: Buffer; readonly expiresAt: Date }
  | { readonly ok: false; readonly reason: 'invalid' }
  /** Signed by us, so the payload is genuine (to say whose link it was), but not to be acted on. */
  | { readonly ok: false; readonly reason: 'expired'; readonly payload: Buffer };

const EXPIRY_BYTES = 4;
const TAG_BYTES = 16;
/** Unix seconds in 32 bits last until 2106. */
const MAX_EXPIRY_SECONDS = 0xffff_ffff;

/** The key for one kind of link: HMAC(secret, label), so the master secret never signs a link itself. */
function keyFor(secret: string, label: string): Buffer {
  return createHmac('sha256', secret).update(`journey-engine signed link: ${label}`).digest();
}

function tag(key: Buffer, signed: Buffer): Buffer {
  return createHmac('sha256', key).update(signed).digest().subarray(0, TAG_BYTES);
}

export function signExpiringToken(secret: string, label: string, payload: Buffer, expiresAt: Date): string {
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_EXPIRY_SECONDS) throw new RangeError('a link expires between 1970 and 2106');
  const expiry = Buffer.alloc(EXPIRY_BYTES);
  expiry.writeUInt32BE(seconds);
  const signed = Buffer.concat([payload, expiry]);
  return `${signed.toString('base64url')}.${tag(keyFor(secret, label), signed).toString('base64url')}`;
}

/**
 * Checks the signature first (in constant time) and the expiry second, so "expired" is said
 * only of links the engine really made: a forged link is `invalid` whatever date it carries.
 */
export function verifyExpiringToken(secret: string, label: string, token: string, payloadBytes: number, now: Date): TokenCheck {
  const [encoded, signature, ...rest] = token.split('.');
  if (encoded === undefined || signature === undefined || rest.length > 0) return { ok: false, reason: 'invalid' };
  const signed = Buffer.from(encoded, 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (signed.length !== payloadBytes + EXPIRY_BYTES || given.length !== TAG_BYTES) return { ok: false, reason: 'invalid' };
  // Non-canonical base64url (other trailing bits) decodes to the same bytes: refuse it, so one
  // link has one spelling.
  if (signed.toString('base64url') !== encoded || given.toString('base64url') !== signature) return { ok: false, reason: 'invalid' };
  if (!timingSafeEqual(given, tag(keyFor(secret, label), signed))) return { ok: false, reason: 'invalid' };
  const payload = signed.subarray(0, payloadBytes);
  const expiresAt = new Date(signed.readUInt32BE(payloadBytes) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', payload };
  return { ok: true, payload, expiresAt };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UUIDs as their 16 raw bytes each: a link carrying three ids stays short enough for any mail client. */
export function uuidBytes(...ids: string[]): Buffer {
  for (const id of ids) if (!UUID.test(id)) throw new TypeError('signed links carry UUIDs');
  return Buffer.from(ids.join('').replaceAll('-', ''), 'hex');
}

export function uuidAt(bytes: Buffer, index: number): string {
  const hex = bytes.subarray(index * 16, index * 16 + 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A lifetime in days from a moment, for links made now. */
export const daysAfter = (from: Date | number, days: number): Date => new Date(new Date(from).getTime() + days * 86_400_000);
