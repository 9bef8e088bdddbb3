import { isDeepStrictEqual } from 'node:util';
import type { CrmChange } from '../crm/changes/topics';
import { dependency, type DependencyKey } from '../crm/segments/dependencies';
import { PROFILE_FIELDS, type ProfileValues } from './normalise';

/** What segments and change events can see of a contact: its profile, tags and custom attributes. */
export interface ContactState {
  readonly profile: ProfileValues;
  readonly tags: readonly string[];
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** One changed field, named as segment criteria name it: `email`, `tags`, `attributes.plan`. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

const sameTags = (a: readonly string[], b: readonly string[]): boolean => isDeepStrictEqual([...new Set(a)].sort(), [...new Set(b)].sort());

/** Every field that differs between two states; from `null` (a contact that did not exist) every field that is set. */
export function fieldChanges(before: ContactState | null, after: ContactState): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of PROFILE_FIELDS) {
    const from = before?.profile[field] ?? null;
    const to = after.profile[field];
    if (from !== to) changes.push({ field, from, to });
  }
  const tagsBefore = before?.tags ?? [];
  if (!sameTags(tagsBefore, after.tags)) changes.push({ field: 'tags', from: [...tagsBefore], to: [...after.tags] });
  const attributesBefore = before?.attributes ?? {};
  const keys = [...new Set([...Object.keys(attributesBefore), ...Object.keys(after.attributes)])].sort();
  for (const key of keys) {
    const from = attributesBefore[key] ?? null;
    const to = after.attributes[key] ?? null;
    if (!isDeepStrictEqual(from, to)) changes.push({ field: `attributes.${key}`, from, to });
  }
  return changes;
}

/** The dependency keys the changes touch: what segments reading them must re-check. */
export function touchedBy(changes: readonly FieldChange[]): DependencyKey[] {
  return changes.map((change) => (change.field === 'tags' ? dependency.tags : dependency.contactField(change.field)));
}

/** One `contact.attribute_changed` outbox entry per changed field. */
export function attributeChangeEvents(contactId: string, changes: readonly FieldChange[]): CrmChange[] {
  return changes.map((change) => ({ topic: 'contact.attribute_changed', contactId, field: change.field, from: change.from, to: change.to }));
}
