import { toE164 } from '../../activities/channels/sms/phone';
import type { Channel, ContactType } from '../../prisma/generated/client';
import { ContactInvalidError } from './errors';
import { ATTRIBUTE_KEY, type ContactInput } from './input';

/** The profile columns an upsert writes, with the names segment criteria use for them. */
export const PROFILE_FIELDS = ['externalId', 'email', 'phone', 'firstName', 'lastName', 'company', 'type', 'source', 'timezone', 'locale', 'preferredChannel'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface ProfileValues {
  externalId: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  type: ContactType;
  source: string | null;
  timezone: string | null;
  locale: string | null;
  preferredChannel: Channel | null;
}

/** A validated, normalised upsert: only what the caller sent. */
export interface ContactPatch {
  readonly profile: Partial<ProfileValues>;
  readonly tags?: string[];
  /** Keys to set, and keys to remove (sent as null). */
  readonly attributes: { readonly set: Record<string, unknown>; readonly remove: string[] };
}

// Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is the mail server's call.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// An IANA name (Area/Location, or UTC), not an offset like "+02:00" that Intl also accepts.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * Checks and normalises an upsert body. The route schema has already checked shapes; the
 * rules here hold for every caller (API, import, ingestion) and each error names its field.
 */
export function normaliseContactInput(input: ContactInput): ContactPatch {
  const profile: Partial<ProfileValues> = {};
  const trimmed = (field: ProfileField, value: string | null | undefined): string | null | undefined => {
    if (value === undefined || value === null) return value;
    const text = value.trim();
    if (text === '') throw new ContactInvalidError(field, 'must not be blank');
    return text;
  };
  for (const field of ['externalId', 'firstName', 'lastName', 'company', 'source'] as const) {
    const value = trimmed(field, input[field]);
    if (value !== undefined) profile[field] = value;
  }
  const email = trimmed('email', input.email);
  if (email !== undefined) profile.email = email === null ? null : checkedEmail(email);
  const phone = trimmed('phone', input.phone);
  if (phone !== undefined) profile.phone = phone === null ? null : checkedPhone(phone);
  const timezone = trimmed('timezone', input.timezone);
  if (timezone !== undefined) profile.timezone = timezone === null ? null : checkedTimezone(timezone);
  const locale = trimmed('locale', input.locale);
  if (locale !== undefined) profile.locale = locale === null ? null : checkedLocale(locale);
  if (input.type !== undefined) profile.type = input.type;
  if (input.preferredChannel !== undefined) profile.preferredChannel = input.preferredChannel;
  return {
    profile,
    ...(input.tags === undefined ? {} : { tags: normalisedTags(input.tags) }),
    attributes: attributePatch(input.attributes ?? {}),
  };
}

function checkedEmail(value: string): string {
  const email = value.toLowerCase();
  if (!EMAIL.test(email)) throw new ContactInvalidError('email', `"${value}" is not an email address`);
  return email;
}

function checkedPhone(value: string): string {
  const phone = toE164(value);
  if (phone === undefined) throw new ContactInvalidError('phone', `"${value}" is not an E.164 phone number (e.g. +14155550123)`);
  return phone;
}

/** Intl knows the IANA database of the running Node; an unknown zone throws a RangeError. */
function checkedTimezone(value: string): string {
  try {
    if (!IANA_NAME.test(value)) throw new RangeError(value);
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw new ContactInvalidError('timezone', `"${value}" is not an IANA time zone (e.g. Europe/Paris)`);
  }
}

function checkedLocale(value: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (canonical) return canonical;
  } catch {
    // reported below
  }
  throw new ContactInvalidError('locale', `"${value}" is not a BCP 47 language tag (e.g. en-GB)`);
}

function normalisedTags(tags: readonly string[]): string[] {
  const kept = new Set<string>();
  tags.forEach((tag, index) => {
    const text = tag.trim();
    if (text === '') throw new ContactInvalidError(`tags[${index}]`, 'must not be blank');
    kept.add(text);
  });
  return [...kept].sort();
}

function attributePatch(attributes: Record<string, unknown>): ContactPatch['attributes'] {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (!ATTRIBUTE_KEY.test(key)) throw new ContactInvalidError(`attributes.${key}`, 'is not a valid attribute name: use letters, digits, "_" and "-" (up to 100)');
    if (value === null) remove.push(key);
    else set[key] = value;
  }
  return { set, remove };
}
