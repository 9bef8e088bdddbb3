import { createHmac, timingSafeEqual } from 'node:crypto';

// Unsubscribe links carry workspace and contact, signed with the engine's unsubscribe secret:
// anyone holding the link may unsubscribe that contact (as mailbox providers' one-click
// buttons must), and nobody can make a link for another contact. Compact (65 characters):
// the two UUIDs as 32 raw bytes and a 128-bit HMAC-SHA256 tag, base64url.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function unsubscribeToken(secret: string, workspaceId: string, contactId: string): string {
  if (!UUID.test(workspaceId) || !UUID.test(contactId)) throw new TypeError('unsubscribe tokens are made for workspace and contact UUIDs');
  const payload = Buffer.from(`${workspaceId}${contactId}`.replaceAll('-', ''), 'hex');
  return `${payload.toString('base64url')}.${tag(secret, payload).toString('base64url')}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): { workspaceId: string; contactId: string } | undefined {
  const [encoded, signature, ...rest] = token.split('.');
  if (encoded === undefined || signature === undefined || rest.length > 0) return undefined;
  const payload = Buffer.from(encoded, 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (payload.length !== 32) return undefined;
  const expected = tag(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { workspaceId: uuid(payload.subarray(0, 16)), contactId: uuid(payload.subarray(16)) };
}

function tag(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, 16);
}

function uuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
