import { decodeCursor, encodeCursor } from '../contacts/cursor';
import { ContactInvalidError } from '../contacts/errors';
import { ApiError } from '../errors';

// The contacts search's opaque cursor (the last id of a page), shared by every list route that
// pages in id order, so clients handle one cursor style.

/** The id a page starts after; a cursor this API did not hand out is a 400 naming the field. */
export function afterIdOf(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    return decodeCursor(cursor);
  } catch (error) {
    if (error instanceof ContactInvalidError) throw new ApiError('VALIDATION_FAILED', `querystring.${error.message}`, 'querystring.cursor');
    throw error;
  }
}

/** The cursor of the next page, or null when this one is the last. */
export const nextCursorOf = (more: boolean, lastId: string | undefined): string | null => (more && lastId !== undefined ? encodeCursor(lastId) : null);
