/** One account per address: compared and stored lower-cased and trimmed. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

// Deliberately loose (RFC 5321 allows far more than any regex should judge): one @, a dot in
// the domain, no spaces, and the lengths SMTP accepts.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;

export const isEmailAddress = (email: string): boolean => email.length <= 254 && EMAIL.test(email);
