import { isDeepStrictEqual } from 'node:util';
import { ContactInvalidError } from '../contacts/errors';
import { normaliseContactInput, type ContactPatch } from '../contacts/normalise';
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

/**
 * Checks and normalises an identify call with the contact services' rules (one set of rules for
 * the contacts API, CSV import and ingestion); each refusal names its field. `email` has been
 * normalised by identity resolution already.
 */
export function checkedProfilePatch(input: IdentifyInput, email: string | undefined): ProfilePatch {
  const { externalId, firstName, lastName, company, phone, timezone, locale, attributes } = input;
  let normalised: ContactPatch;
  try {
    normalised = normaliseContactInput({ externalId, firstName, lastName, company, phone, timezone, locale, attributes });
  } catch (error) {
    if (error instanceof ContactInvalidError) throw new IngestError('invalid', error.field, error.detail);
    throw error;
  }
  checkedJsonSize(attributes ?? {}, 'attributes');
  const profile: Partial<Record<ProfileField, string | null>> = email === undefined ? {} : { email };
  for (const field of PROFILE_FIELDS) {
    const value = field === 'email' ? undefined : normalised.profile[field];
    if (value !== undefined) profile[field] = value;
  }
  return { profile, setAttributes: normalised.attributes.set, removeAttributes: normalised.attributes.remove };
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
