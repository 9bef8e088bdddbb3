import { isDeepStrictEqual } from 'node:util';
import { toE164 } from '../../activities/channels/sms/phone';
import type { FieldChange } from './crm-change';
import { IngestError } from './errors';
import { checkedJsonSize } from './limits';
import type { IdentifyInput } from './schemas';

/** The profile columns identify writes, named as segment criteria name them. */
export const PROFILE_FIELDS = ['email', 'externalId', 'firstName', 'lastName', 'company', 'phone', 'timezone', 'locale'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** What segments can see of a contact that identify may change. */
export interface ProfileState {
  readonly profile: Readonly<Record<ProfileField, string | null>>;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A checked identify call: the profile values it sets (null clears) and the attributes it sets or removes. */
export interface ProfilePatch {
  readonly profile: Partial<Record<ProfileField, string | null>>;
  readonly setAttributes: Readonly<Record<string, unknown>>;
  readonly removeAttributes: readonly string[];
}

/** Attribute keys as segment criteria can name them (`attributes.<key>`). */
const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]{1,100}$/;
// An IANA name (Area/Location, or UTC), not an offset like "+02:00" that Intl also accepts.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Checks and normalises an identify call; each refusal names its field. Identity values are set too. */
export function checkedProfilePatch(input: IdentifyInput, email: string | undefined): ProfilePatch {
  const profile: Partial<Record<ProfileField, string | null>> = {};
  if (email !== undefined) profile.email = email;
  if (input.externalId !== undefined) profile.externalId = input.externalId.trim();
  for (const field of ['firstName', 'lastName', 'company'] as const) {
    const value = input[field];
    if (value !== undefined) profile[field] = value === null ? null : nonBlank(field, value);
  }
  if (input.phone !== undefined) profile.phone = input.phone === null ? null : checkedPhone(input.phone);
  if (input.timezone !== undefined) profile.timezone = input.timezone === null ? null : checkedTimezone(input.timezone);
  if (input.locale !== undefined) profile.locale = input.locale === null ? null : checkedLocale(input.locale);
  const attributes = input.attributes ?? {};
  checkedJsonSize(attributes, 'attributes');
  const setAttributes: Record<string, unknown> = {};
  const removeAttributes: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (!ATTRIBUTE_KEY.test(key)) throw new IngestError('invalid', `attributes.${key}`, 'is not a valid attribute name: use letters, digits, "_" and "-" (up to 100)');
    if (value === null) removeAttributes.push(key);
    else setAttributes[key] = value;
  }
  return { profile, setAttributes, removeAttributes };
}

/** The state after the patch, and every field that differs from `before` (all set fields of a new contact). */
export function appliedPatch(before: ProfileState, patch: ProfilePatch): { after: ProfileState; changes: FieldChange[] } {
  const profile = { ...before.profile, ...patch.profile };
  const attributes: Record<string, unknown> = { ...before.attributes, ...patch.setAttributes };
  for (const key of patch.removeAttributes) delete attributes[key];
  const changes: FieldChange[] = [];
  for (const field of PROFILE_FIELDS) {
    if (before.profile[field] !== profile[field]) changes.push({ field, from: before.profile[field], to: profile[field] });
  }
  for (const key of [...new Set([...Object.keys(before.attributes), ...Object.keys(attributes)])].sort()) {
    const from = before.attributes[key] ?? null;
    const to = attributes[key] ?? null;
    if (!isDeepStrictEqual(from, to)) changes.push({ field: `attributes.${key}`, from, to });
  }
  return { after: { profile, attributes }, changes };
}

function nonBlank(field: string, value: string): string {
  const text = value.trim();
  if (text === '') throw new IngestError('invalid', field, 'must not be blank');
  return text;
}

function checkedPhone(value: string): string {
  const phone = toE164(value);
  if (phone === undefined) throw new IngestError('invalid', 'phone', `is not an E.164 phone number, e.g. +14155550123 ("${value}")`);
  return phone;
}

/** Intl knows the IANA database of the running Node; an unknown zone throws a RangeError. */
function checkedTimezone(value: string): string {
  const zone = value.trim();
  try {
    if (!IANA_NAME.test(zone)) throw new RangeError(zone);
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new IngestError('invalid', 'timezone', `is not an IANA time zone, e.g. Europe/Paris ("${value}")`);
  }
}

function checkedLocale(value: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(value.trim());
    if (canonical) return canonical;
  } catch {
    // reported below
  }
  throw new IngestError('invalid', 'locale', `is not a BCP 47 language tag, e.g. en-GB ("${value}")`);
}
