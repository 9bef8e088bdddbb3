import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets of the accounts half (session cookies, invitation and setup links): 32 random
 * bytes, stored only as their SHA-256, so a read of the database cannot sign anyone in. A fast
 * hash is right here: the secret has 256 bits of entropy, nothing to guess.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** What a token from a cookie or a link must look like before it is worth a query. */
export const looksLikeToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
