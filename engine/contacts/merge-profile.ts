import type { Contact } from '../../prisma/generated/client';
import type { ContactState, FieldChange } from './field-changes';
import type { ProfileField, ProfileValues } from './normalise';
import { stateOf } from './view';

export interface MergedProfile {
  readonly state: ContactState;
  readonly doNotContact: boolean;
  readonly lastSeenAt: Date | null;
  /** Columns outside the segment-visible state that changed too. */
  readonly extraChanges: FieldChange[];
}

/**
 * The survivor's profile after absorbing another contact: the survivor's values win, the
 * other fills what it lacks; tags are the union; attributes merge with the survivor winning.
 * "Do not contact" on either record holds for the person: refusing to be contacted must
 * never be undone by deduplication.
 */
export function mergedProfile(survivor: Contact, other: Contact): MergedProfile {
  const kept = stateOf(survivor);
  const absorbed = stateOf(other);
  const fill = <F extends Exclude<ProfileField, 'type'>>(field: F): ProfileValues[F] => kept.profile[field] ?? absorbed.profile[field];
  const profile: ProfileValues = {
    externalId: fill('externalId'),
    email: fill('email'),
    phone: fill('phone'),
    firstName: fill('firstName'),
    lastName: fill('lastName'),
    company: fill('company'),
    // Always set (it has a default), so the survivor's stands.
    type: kept.profile.type,
    source: fill('source'),
    timezone: fill('timezone'),
    locale: fill('locale'),
    preferredChannel: fill('preferredChannel'),
  };
  const doNotContact = survivor.doNotContact || other.doNotContact;
  const lastSeenAt = latest(survivor.lastSeenAt, other.lastSeenAt);
  return {
    state: { profile, tags: [...new Set([...kept.tags, ...absorbed.tags])].sort(), attributes: { ...absorbed.attributes, ...kept.attributes } },
    doNotContact,
    lastSeenAt,
    extraChanges: doNotContact === survivor.doNotContact ? [] : [{ field: 'doNotContact', from: survivor.doNotContact, to: doNotContact }],
  };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
