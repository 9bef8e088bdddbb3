import type { Prisma } from '../../prisma/generated/client';
import { toJsonColumn } from '../db';
import type { ContactState } from './field-changes';
import type { ContactPatch } from './normalise';

/** A contact that does not exist yet: what a creation is compared with (and what the columns default to). */
export const NEW_CONTACT: ContactState = {
  profile: { externalId: null, email: null, phone: null, firstName: null, lastName: null, company: null, type: 'retail', source: null, timezone: null, locale: null, preferredChannel: null },
  tags: [],
  attributes: {},
};

/** The state after an upsert: sent profile fields replace, tags replace, attributes merge (null removes). */
export function applyPatch(state: ContactState, patch: ContactPatch): ContactState {
  const attributes: Record<string, unknown> = { ...state.attributes, ...patch.attributes.set };
  for (const key of patch.attributes.remove) delete attributes[key];
  return { profile: { ...state.profile, ...patch.profile }, tags: patch.tags ?? state.tags, attributes };
}

/** The columns of a state, as a create or update writes them. */
export function columnsOf(state: ContactState) {
  return { ...state.profile, tags: [...state.tags], attributes: toJsonColumn(state.attributes) } satisfies Prisma.ContactUncheckedUpdateInput;
}
