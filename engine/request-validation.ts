import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/** fastify's own baseline (@fastify/ajv-compiler), less what we refuse to do to a request. */
const BASE: Options = {
  useDefaults: true,
  // An unknown property is refused and named, never dropped in silence.
  removeAdditional: false,
  addUsedSchema: false,
  // One error per request: all errors of a hostile body can be costly to collect.
  allErrors: false,
};

const FORM = 'application/x-www-form-urlencoded';

function instance(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...BASE, coerceTypes });
  addFormats(ajv);
  return ajv;
}

/**
 * Request validation with two Ajv instances, chosen per part of the request.
 *
 * A JSON body says what type each value is, so it is validated as sent: `"name": 123` is
 * refused, not stored as "123", and `"tags": "vip"` is not wrapped into `["vip"]`.
 * Query strings, path parameters and headers are text by nature, so they still coerce
 * (`?limit=10` is the number 10, a single `?status=a` the array `["a"]`). A body declared per
 * content type as a form (`body.content['application/x-www-form-urlencoded']`) is text too,
 * and coerces like a query string; a form body declared without `content` is validated as
 * sent, which suits forms whose fields are all strings (Twilio's callbacks).
 *
 * Schemas added with `app.addSchema` are not known here (fastify hands them only to its own
 * compiler): `sharedSchemas` are added to both instances for request schemas that `$ref` them.
 */
export function requestValidatorCompiler(sharedSchemas: readonly object[] = []): FastifySchemaCompiler<unknown> {
  const strict = instance(false);
  const coercing = instance('array');
  for (const ajv of [strict, coercing]) for (const schema of sharedSchemas) ajv.addSchema(schema);

  return (route) => {
    const ajv = route.httpPart === 'body' && route.contentType !== FORM ? strict : coercing;
    return compiled(ajv, route.schema);
  };
}

/** A schema with an `$id` compiles once per instance (Ajv refuses the same id twice). */
function compiled(ajv: Ajv, schema: unknown) {
  const id = typeof schema === 'object' && schema !== null && '$id' in schema && typeof schema.$id === 'string' ? schema.$id : undefined;
  const known = id === undefined ? undefined : ajv.getSchema(id);
  if (known) return known;
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null)) throw new TypeError('a route schema must be an object or a boolean');
  return ajv.compile(schema);
}
