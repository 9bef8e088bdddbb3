import { ContactInvalidError } from './errors';

// A page cursor is opaque to callers (they send back what they got), so the order behind it
// can change without breaking them. Today it is the last id of the page: the order is by id.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof decoded === 'object' && decoded !== null && 'after' in decoded && typeof decoded.after === 'string' && UUID.test(decoded.after)) return decoded.after;
  } catch {
    // reported below
  }
  throw new ContactInvalidError('cursor', 'is not a cursor this API returned');
}
