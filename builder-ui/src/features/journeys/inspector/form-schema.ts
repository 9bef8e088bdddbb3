import type { RJSFSchema } from '@rjsf/utils';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `anyOf` of constants, as TypeBox writes a union of literals: the values, when all are strings or numbers. */
function constants(anyOf: unknown): (string | number)[] | undefined {
  if (!Array.isArray(anyOf) || anyOf.length === 0) return undefined;
  const values: (string | number)[] = [];
  for (const option of anyOf) {
    const value: unknown = isObject(option) ? option.const : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    values.push(value);
  }
  return values;
}

function normalise(value: unknown): Json {
  if (Array.isArray(value)) return value.map(normalise);
  if (!isObject(value)) return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : null;
  const options = constants(value.anyOf);
  const result: { [key: string]: Json } = {};
  for (const [key, member] of Object.entries(value)) {
    if (options && key === 'anyOf') continue;
    result[key] = normalise(member);
  }
  // A field with a default may be left out (the engine fills it in when compiling and running),
  // so the form must not demand it.
  const properties = value.properties;
  if (Array.isArray(result.required) && isObject(properties)) {
    result.required = result.required.filter((key) => typeof key !== 'string' || !(isObject(properties[key]) && 'default' in properties[key]));
  }
  if (options) {
    result.type = options.every((option) => typeof option === 'string') ? 'string' : 'number';
    result.enum = options;
  }
  return result;
}

/**
 * The schema as the form library reads it. TypeBox writes a choice of literals as `anyOf` of
 * `const`s, which is valid JSON Schema but which rjsf draws as a raw schema; the same choice as
 * `enum` becomes a select. Fields with a default are not required of the person filling the
 * form, as the engine fills them in itself.
 */
export function formSchema(schema: object): RJSFSchema {
  const normalised = normalise(schema);
  return isObject(normalised) ? normalised : {};
}
