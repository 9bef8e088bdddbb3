import type { FastifyError, FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ApiError, ERROR_CATALOGUE } from './catalogue';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Type.Optional(Type.String()),
      requestId: Type.String(),
    }),
  },
  { $id: 'ErrorBody' },
);

interface ErrorBodyShape {
  error: { code: string; message: string; field?: string; requestId: string };
}

/** One error handler: known errors keep their message, anything unexpected becomes a bare 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const body = (code: string, message: string, field?: string): ErrorBodyShape => ({
      error: { code, message, ...(field ? { field } : {}), requestId: request.id },
    });
    if (error instanceof ApiError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(error.status).send(body(error.code, error.message, error.field));
    }
    if ('validation' in error && error.validation) {
      const first = error.validation[0];
      const field = first ? fieldName(error.validationContext, first.instancePath, first.params) : undefined;
      const detail = first ? `${field ?? error.validationContext ?? 'request'} ${problem(first)}` : error.message;
      return reply.status(400).send(body('VALIDATION_FAILED', ERROR_CATALOGUE.VALIDATION_FAILED.message.replace('{detail}', detail), field));
    }
    // @fastify/csrf-protection's refusals (no secret cookie, a wrong or missing token).
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return reply.status(403).send(body('CSRF_FAILED', ERROR_CATALOGUE.CSRF_FAILED.message, 'headers.x-csrf-token'));
    if (error.statusCode === 413) return reply.status(413).send(body('PAYLOAD_TOO_LARGE', ERROR_CATALOGUE.PAYLOAD_TOO_LARGE.message));
    if (error.statusCode === 429) return reply.status(429).send(body('RATE_LIMITED', ERROR_CATALOGUE.RATE_LIMITED.message));
    if (error.statusCode === 415) {
      return reply.status(415).send(body('UNSUPPORTED_MEDIA_TYPE', ERROR_CATALOGUE.UNSUPPORTED_MEDIA_TYPE.message.replace('{detail}', request.headers['content-type'] ?? 'none'), 'headers.content-type'));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // fastify's own client errors (JSON that does not parse, an empty JSON body) carry safe
      // messages; they get the catalogue's code, not fastify's internal FST_ERR_* names.
      return reply.status(400).send(body('MALFORMED_BODY', ERROR_CATALOGUE.MALFORMED_BODY.message.replace('{detail}', error.message), 'body'));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send(body('INTERNAL', ERROR_CATALOGUE.INTERNAL.message));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'ROUTE_NOT_FOUND',
        message: ERROR_CATALOGUE.ROUTE_NOT_FOUND.message.replace('{detail}', `${request.method} ${request.url}`),
        requestId: request.id,
      },
    }),
  );
}

/** `body` + `/name` → `body.name`; a missing or an unknown property names itself. */
function fieldName(context: string | undefined, instancePath: string, params: Record<string, unknown>): string | undefined {
  const named = [params.missingProperty, params.additionalProperty].find((value): value is string => typeof value === 'string');
  const path = `${instancePath}${named === undefined ? '' : `/${named}`}`.split('/').filter(Boolean).join('.');
  if (!context) return path || undefined;
  return path ? `${context}.${path}` : context;
}

/** What is wrong, to follow the field's name; Ajv's "must NOT have additional properties" would read as if the field were its parent. */
function problem(issue: { keyword: string; message?: string }): string {
  if (issue.keyword === 'additionalProperties') return 'is not an accepted field';
  // The field already names the missing property; ajv's "must have required property 'x'" would repeat it.
  if (issue.keyword === 'required') return 'is required';
  return issue.message ?? 'is invalid';
}
