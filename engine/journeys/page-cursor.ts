import { ContactInvalidError } from '../contacts/errors';
import { decodeCursor, encodeCursor } from '../contacts/cursor';

// Journey and enrollment pages use the contacts' cursor (opaque, the last id of the page, id
// order), so every list of the API pages the same way.

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('cursor is not a cursor this API returned');
  }
}

/** The id a page starts after, or undefined on the first page. */
export function pageAfter(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    return decodeCursor(cursor);
  } catch (error) {
    if (error instanceof ContactInvalidError) throw new InvalidCursorError();
    throw error;
  }
}

/** From `limit + 1` rows read: the page, and the cursor of the next one (null on the last). */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
