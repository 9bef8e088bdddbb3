import { ContactInvalidError } from './errors';
import { ATTRIBUTE_KEY } from './input';

/** Custom attributes a search requires, each equal to a JSON scalar. */
export type AttributeFilter = Record<string, string | number | boolean>;

/**
 * Reads the `attributes` search parameter: a JSON object such as `{"plan":"pro","seats":3}`.
 * Values are compared as JSON, so `3` and `"3"` differ, as they do in segment criteria.
 */
export function parseAttributeFilter(text: string): AttributeFilter {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ContactInvalidError('attributes', 'must be a JSON object, e.g. {"plan":"pro"}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ContactInvalidError('attributes', 'must be a JSON object, e.g. {"plan":"pro"}');
  const filter: AttributeFilter = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!ATTRIBUTE_KEY.test(key)) throw new ContactInvalidError(`attributes.${key}`, 'is not a valid attribute name');
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new ContactInvalidError(`attributes.${key}`, 'must be a string, number or boolean');
    filter[key] = value;
  }
  return filter;
}
