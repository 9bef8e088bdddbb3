import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with Node's built-in scrypt, a memory-hard KDF (RFC 7914), so there is no
 * native module to build. Parameters follow OWASP's scrypt guidance (N=2^17, r=8, p=1: 128 MiB
 * per hash, ~0.3 s on one core of a small server) and are stored with each hash, so raising
 * them later only needs new hashes, not a migration.
 *
 * Stored form: `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<key base64url>`.
 */
const LOG2_N = 17;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

const derive = (password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> => {
  const N = 2 ** log2N;
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below that for N=2^17.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
};

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, LOG2_N, BLOCK_SIZE, PARALLELISM);
  return ['scrypt', LOG2_N, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Constant-time comparison; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = STORED.exec(stored);
  if (!parts) return false;
  const [, log2N, r, p, salt, key] = parts;
  const expected = Buffer.from(key ?? '', 'base64url');
  const actual = await derive(password, Buffer.from(salt ?? '', 'base64url'), Number(log2N), Number(r), Number(p));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Spent on a sign-in for an address no account has, so the answer takes as long as a wrong
 * password would: response time does not reveal who has an account.
 */
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(password, await decoy);
  return false;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// A short list of what people choose when told "at least 12 characters" (NIST SP 800-63B asks
// to refuse known-compromised and obvious values; a full breach corpus is out of scope offline).
const OBVIOUS = new Set(['password1234', 'passwordpassword', '123456789012', '1234567890123', 'qwertyuiopas', 'qwerty123456', 'letmeinletmein', 'iloveyou1234', 'administrator', 'changemechangeme', 'welcome12345', 'journeyengine']);

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return 'repeats too few characters';
  if (OBVIOUS.has(lower)) return 'is too common';
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local))) return 'must not contain the email address';
  return undefined;
}
