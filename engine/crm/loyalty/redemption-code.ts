import { randomInt } from 'node:crypto';

// Without 0/O, 1/I/L: a code read aloud or typed from a receipt is not mistaken.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** A random voucher code like "K7QM-2XWR-9HTD": 12 characters of 31, about 59 bits, so guessing one is hopeless. */
export function newRedemptionCode(): string {
  const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET.charAt(randomInt(ALPHABET.length))).join(''));
  return groups.join('-');
}
